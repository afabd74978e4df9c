"""Closed vocabularies of outside talents and outreach, with the contract's Chinese words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutreachWay(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    SYMPOSIUM = "symposium", _("Symposium")


class Occasion(models.TextChoices):
    """The holidays when people working elsewhere come home."""

    SPRING_FESTIVAL = "spring_festival", _("Spring Festival")
    NATIONAL_DAY = "national_day", _("National Day")
    OTHER = "other", _("Other")


class HomeTime(models.TextChoices):
    """When someone working elsewhere usually comes home."""

    SPRING_FESTIVAL = "spring_festival", _("Spring Festival")
    NATIONAL_DAY = "national_day", _("National Day")
    BOTH = "both", _("Spring Festival and National Day")
    OTHER = "other", _("Other times")


class Intent(models.TextChoices):
    """What someone said about coming home to work or start a business."""

    NONE = "none", _("No intention")
    CONSIDERING = "considering", _("Considering")
    COMMITTED = "committed", _("Committed to return")


# The exchange workbook's words (contract text, not translated) → codes.
WAY_WORDS = {"上门走访": OutreachWay.HOME_VISIT, "座谈会": OutreachWay.SYMPOSIUM}
OCCASION_WORDS = {
    "春节": Occasion.SPRING_FESTIVAL,
    "国庆": Occasion.NATIONAL_DAY,
    "其他": Occasion.OTHER,
}
