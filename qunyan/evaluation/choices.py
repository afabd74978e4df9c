"""Annual village ratings (创红旗/创模范/创先进), with the contract's Chinese words."""

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
