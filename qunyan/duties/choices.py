"""Closed vocabularies of duty division and the three-chief teams."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qunyan.people.choices import Education


class GenderRule(models.TextChoices):
    """Who may take a duty (妇联主席 must be a woman)."""

    ANY = "", _("Anyone")
    FEMALE = "F", _("Women only")
    MALE = "M", _("Men only")


class Trait(models.TextChoices):
    """The fixed list of personality traits a town may use in cadre profiles."""

    STEADY = "steady", _("Steady and careful")
    OUTGOING = "outgoing", _("Outgoing")
    COMMUNICATIVE = "communicative", _("Good at communicating")
    DECISIVE = "decisive", _("Decisive")
    FAIR = "fair", _("Fair and principled")
    PATIENT = "patient", _("Patient")
    INNOVATIVE = "innovative", _("Innovative")
    TOUGH = "tough", _("Tough and hard-working")


class ChiefRole(models.TextChoices):
    """The three roles of a villager group's three-chief team (三长制); towns rename them."""

    PARTY_GROUP = "party_group", _("Party group leader")
    VILLAGER_GROUP = "villager_group", _("Villager group leader")
    GRID = "grid", _("Grid leader")


class DivisionStatus(models.TextChoices):
    CURRENT = "current", _("In force")
    SUPERSEDED = "superseded", _("Superseded")


# Education as an ordered scale: 中专 ranks with 高中.
EDUCATION_LEVEL: dict[str, int] = {
    Education.PRIMARY: 0,
    Education.JUNIOR: 1,
    Education.SENIOR: 2,
    Education.VOCATIONAL: 2,
    Education.COLLEGE: 3,
    Education.BACHELOR: 4,
    Education.MASTER: 5,
    Education.DOCTOR: 6,
}


def trait_labels(codes: list[str]) -> list[str]:
    return [str(Trait(code).label) for code in codes if code in Trait.values]
