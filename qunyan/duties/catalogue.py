"""The default duty catalogue a town starts from (domain.md, "Two committees"): editable data."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from qunyan.people.choices import Education

from .choices import GenderRule, Trait


@dataclass(frozen=True)
class DefaultDuty:
    name: str | Promise
    skills: str | Promise = ""
    min_education: str = ""
    traits: tuple[str, ...] = ()
    gender: str = GenderRule.ANY
    party_member_only: bool = False
    people_needed: int = 1


DEFAULT_DUTIES = (
    DefaultDuty(
        _("Party building"),
        _("party affairs"),
        Education.SENIOR,
        (Trait.DECISIVE, Trait.FAIR),
        party_member_only=True,
    ),
    DefaultDuty(
        _("Economic development"),
        _("farming techniques, e-commerce, animal husbandry, planting, rural tourism"),
        Education.SENIOR,
        (Trait.INNOVATIVE, Trait.DECISIVE),
    ),
    DefaultDuty(
        _("Security and mediation"),
        _("law, mediation"),
        "",
        (Trait.FAIR, Trait.COMMUNICATIVE),
    ),
    DefaultDuty(
        _("Women and children"),
        "",
        "",
        (Trait.PATIENT, Trait.COMMUNICATIVE),
        gender=GenderRule.FEMALE,
    ),
    DefaultDuty(
        _("Militia and conscription"), _("veteran, militia"), "", (Trait.TOUGH, Trait.DECISIVE)
    ),
    DefaultDuty(
        _("Discipline inspection"), "", "", (Trait.FAIR, Trait.STEADY), party_member_only=True
    ),
    DefaultDuty(_("Finance and bookkeeping"), _("accounting"), Education.SENIOR, (Trait.STEADY,)),
    DefaultDuty(
        _("Publicity"),
        _("publicity, writing, new media, e-commerce"),
        Education.SENIOR,
        (Trait.OUTGOING, Trait.INNOVATIVE),
    ),
    DefaultDuty(_("Civil affairs and welfare"), "", "", (Trait.PATIENT, Trait.TOUGH)),
)
