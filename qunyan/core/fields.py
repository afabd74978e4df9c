"""A text field stored encrypted; Python code sees the clear value."""

from typing import Any

from django.db import models

from .crypto import decrypt, encrypt


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    description = "Text encrypted at rest"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))


def recorded_by() -> "models.ForeignKey[Any, Any]":
    """Who wrote a record down (an account; PROTECT: accounts with history are kept)."""
    from django.utils.translation import gettext_lazy as _

    return models.ForeignKey(
        "core.Account",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
