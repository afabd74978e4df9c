"""Closed vocabularies of outreach, with the contract's Chinese words."""

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


# The exchange workbook's words (contract text, not translated) → codes.
WAY_WORDS = {"上门走访": OutreachWay.HOME_VISIT, "座谈会": OutreachWay.SYMPOSIUM}
OCCASION_WORDS = {
    "春节": Occasion.SPRING_FESTIVAL,
    "国庆": Occasion.NATIONAL_DAY,
    "其他": Occasion.OTHER,
}
