"""Closed vocabularies of mentoring (导师帮带), with the contract's Chinese words."""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Principle(models.TextChoices):
    TOWN_TO_VILLAGE = "town_to_village", _("Town cadre mentors village cadre")
    VETERAN_TO_NEW = "veteran_to_new", _("Veteran mentors newcomer")
    STRONG_TO_WEAK = "strong_to_weak", _("Strong mentors weak")


# The exchange workbook's words (contract text, not translated) → codes.
PRINCIPLE_WORDS = {
    "镇带村": Principle.TOWN_TO_VILLAGE,
    "老带新": Principle.VETERAN_TO_NEW,
    "强带弱": Principle.STRONG_TO_WEAK,
}


class MentorKind(models.TextChoices):
    """Who the article's 51 mentors are."""

    TOWN_CADRE = "town_cadre", _("Town cadre")
    VETERAN_SECRETARY = "veteran_secretary", _("Veteran village secretary")
    OUTSTANDING_SECRETARY = "outstanding_secretary", _("Outstanding village secretary")
    LOCAL_TALENT = "local_talent", _("Local talent")


class WorkArea(models.TextChoices):
    """Areas of grassroots work: a mentor's strengths and a mentee's weak areas use the same tags,
    so that the one can be matched against the other."""

    PARTY_BUILDING = "party_building", _("Party building")
    INDUSTRY = "industry", _("Developing local industry")
    GOVERNANCE = "governance", _("Village governance")
    MEDIATION = "mediation", _("Settling disputes")
    RESIDENTS = "residents", _("Working with residents")
    FINANCE = "finance", _("Village finances")
    PROJECTS = "projects", _("Applying for projects")
    ECOMMERCE = "ecommerce", _("E-commerce")
    FARMING = "farming", _("Farming techniques")
    POLICY = "policy", _("Policies and regulations")
    WRITING = "writing", _("Reports and paperwork")
    SAFETY = "safety", _("Safety and emergencies")


def area_labels(codes: Iterable[str]) -> list[str]:
    """The tags' labels in the user's language, in the vocabulary's order; unknown codes dropped."""
    wanted = set(codes)
    return [str(area.label) for area in WorkArea if area.value in wanted]


class Evaluator(models.TextChoices):
    """Who evaluates a pair each half year: both sides and the town."""

    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")
    TOWN = "town", _("Town")


class Half(models.IntegerChoices):
    FIRST = 1, _("First half")
    SECOND = 2, _("Second half")
