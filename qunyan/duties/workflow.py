"""Rules of the catalogue, profiles, pins and three-chief seats: plain functions, no ORM.

Each returns error messages by field (empty: fine); the services raise them as one
ValidationError.
"""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from .choices import ChiefRole, Trait

MAX_WISHES = 3


def duty_errors(
    *, name: str, people_needed: int, traits: Sequence[str], clash: bool
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("A name is required.")]
    elif clash:
        errors["name"] = [_("The catalogue already has a duty with this name.")]
    if people_needed < 1:
        errors["people_needed"] = [_("A duty needs at least one person.")]
    if any(t not in Trait.values for t in traits):
        errors["traits"] = [_("Unknown personality trait.")]
    return errors


def wish_errors(duty_ids: Sequence[int | None]) -> dict[str, list[str]]:
    """Wishes are ranked 1…3 without repeats; blanks are skipped."""
    chosen = [d for d in duty_ids if d]
    if len(chosen) > MAX_WISHES:
        return {"wishes": [_("At most three wishes.")]}
    if len(set(chosen)) != len(chosen):
        return {"wishes": [_("Each duty can be wished for once.")]}
    return {}


def traits_errors(traits: Sequence[str], allowed: Sequence[str]) -> dict[str, list[str]]:
    if any(t not in allowed for t in traits):
        return {"traits": [_("The town does not use this personality trait.")]}
    return {}


def chief_errors(*, role: str, party_member: bool, in_village: bool) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if role not in ChiefRole.values:
        errors["role"] = [_("Unknown role.")]
    if role == ChiefRole.PARTY_GROUP and not party_member:
        errors["person"] = [_("A party group leader must be a party member.")]
    if not in_village:
        errors.setdefault("person", []).append(_("The person does not belong to this village."))
    return errors
