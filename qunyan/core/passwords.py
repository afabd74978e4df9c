from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class CharacterClassValidator:
    """Require letters, digits and symbols mixed: at least `min_classes` of four kinds."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: object = None) -> None:
        classes = sum(
            (
                any(c.islower() for c in password),
                any(c.isupper() for c in password),
                any(c.isdigit() for c in password),
                any(not c.isalnum() for c in password),
            )
        )
        if classes < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must mix at least %(n)d kind of characters "
            "(lower case, upper case, digits, symbols).",
            "Your password must mix at least %(n)d kinds of characters "
            "(lower case, upper case, digits, symbols).",
            self.min_classes,
        ) % {"n": self.min_classes}
