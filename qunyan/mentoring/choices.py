"""Mentoring principles (导师帮带), with the contract's Chinese words."""

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
