"""Password rules: a mix of character classes, on top of Django's validators."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from qunyan.core.models import Account
from qunyan.core.passwords import CharacterClassValidator
from qunyan.core.roles import Role
from qunyan.core.services import account_create


@pytest.mark.parametrize(
    "password",
    ["abcdefgh1!", "Abcdefgh12", "ABCDEFGH1!", "Abcdefgh!!", "Qunyan#2026", "密码Aa1"],
)
def test_three_kinds_of_characters_are_enough(password):
    """Any three of lower case, upper case, digits and symbols pass."""
    CharacterClassValidator(min_classes=3).validate(password)


@pytest.mark.parametrize(
    "password", ["abcdefghij", "abcdefgh12", "ABCDEFGH!!", "1234567890", "密码密码密码密码12"]
)
def test_fewer_kinds_are_refused(password):
    """One or two kinds of characters are refused with the password_too_simple code."""
    with pytest.raises(ValidationError) as caught:
        CharacterClassValidator(min_classes=3).validate(password)
    assert caught.value.error_list[0].code == "password_too_simple"


def test_the_number_of_kinds_is_an_option():
    """min_classes=4 needs all four kinds."""
    validator = CharacterClassValidator(min_classes=4)
    validator.validate("Abcdefg1!")
    with pytest.raises(ValidationError):
        validator.validate("Abcdefgh12")


def test_the_help_text_says_how_many_kinds():
    """The help text names the number of kinds, in the singular when it is one."""
    with translation.override("en"):
        assert "at least 3 kinds" in CharacterClassValidator(3).get_help_text()
        assert "at least 1 kind " in CharacterClassValidator(1).get_help_text()


@pytest.mark.parametrize(
    "password",
    ["Ab1!", "abcdefghijk", "Password123", "12345678901"],
)
def test_the_configured_validators_refuse_weak_passwords(password):
    """Too short, too simple, too common or all digits."""
    with pytest.raises(ValidationError):
        validate_password(password, Account(username="alice", display_name="alice"))


@pytest.mark.django_db
def test_an_account_is_not_created_with_a_weak_password(yangjiaotang):
    """account_create applies the rules before anything is written."""
    with pytest.raises(ValidationError):
        account_create(
            username="alice",
            password="abcdefghij",
            role=Role.TOWN_OFFICER,
            unit=yangjiaotang,
            by=None,
        )
    assert not Account.objects.filter(username="alice").exists()


@pytest.mark.django_db
def test_an_account_password_is_hashed(alice):
    """The password is stored hashed, and checks."""
    assert "Qunyan#Test2024" not in alice.password
    assert alice.check_password("Qunyan#Test2024")


def test_production_hashes_with_argon2():
    """Argon2 is the first hasher of the base settings."""
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
