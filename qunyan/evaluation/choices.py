"""Ratings, grades, sources and subsidy stops, with the contract's Chinese words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    RED_FLAG = "red_flag", _("Red-flag village")
    MODEL = "model", _("Model village")
    ADVANCED = "advanced", _("Advanced village")
    ORDINARY = "ordinary", _("Ordinary")


# The exchange workbook's words (contract text, not translated) → codes.
RATING_WORDS = {
    "红旗村": Rating.RED_FLAG,
    "模范村": Rating.MODEL,
    "先进村": Rating.ADVANCED,
    "一般": Rating.ORDINARY,
}

# Best first: the order in which computed ratings are handed out.
RATED = (Rating.RED_FLAG, Rating.MODEL, Rating.ADVANCED)


class RatingSource(models.TextChoices):
    ENTERED = "entered", _("Entered")
    COMPUTED = "computed", _("Computed from scores")
    SHEET = "sheet", _("Imported from the workbook")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    COMPETENT = "competent", _("Competent")
    BASIC = "basic", _("Basically competent")
    INCOMPETENT = "incompetent", _("Incompetent")


class StopKind(models.TextChoices):
    """Events that end a departed cadre's subsidy (death) or may disqualify them (the rest)."""

    DEATH = "death", _("Death")
    DISMISSED = "dismissed", _("Dismissed")
    RECALLED = "recalled", _("Recalled")
    DISCIPLINED = "disciplined", _("Disciplined")
    CIVIL_SERVANT = "civil_servant", _("Later a civil servant")


DISQUALIFIER_KINDS = [kind for kind in StopKind if kind != StopKind.DEATH]
