"""Closed vocabularies of the reserve pool."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The life cycle 摸排 → 储备 → 培养 → 使用 → 退出."""

    SURVEYED = "surveyed", _("Surveyed")
    RESERVED = "reserved", _("In the pool")
    DEVELOPING = "developing", _("In development")
    APPOINTED = "appointed", _("Appointed")
    LEFT = "left", _("Left")


class ReservedPost(models.TextChoices):
    SECRETARY = "secretary", _("Secretary reserve")
    COMMITTEE = "committee", _("Two-committee reserve")
    OTHER = "other", _("Other post")


class Recommendation(models.TextChoices):
    SELF = "self", _("Self-nomination")
    BRANCH = "branch", _("Branch recommendation")
    VETTING = "vetting", _("Organisational vetting")


class SupervisionWay(models.TextChoices):
    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("Visit to the village")
    MEETING = "meeting", _("Meeting")
    NOTICE = "notice", _("Written notice")
