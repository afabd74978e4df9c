"""Training programmes, with the contract's Chinese words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    """The programmes a class belongs to (培训项目)."""

    LEAD_GEESE = "lead_geese", _("Lead Geese Project")
    FARMER_COLLEGE = "farmer_college", _("Farmer college students")
    VILLAGE_SCHOOL = "village_school", _("Village school")
    HIGH_QUALITY_FARMERS = (
        "high_quality_farmers",
        _("Party building and rural revitalisation: high-quality farmers"),
    )
    OTHER = "other", _("Other")


# The exchange workbook's words (contract text, not translated) → codes.
PROGRAMME_WORDS = {
    "头雁工程": Programme.LEAD_GEESE,
    "农民大学生": Programme.FARMER_COLLEGE,
    "乡村学堂": Programme.VILLAGE_SCHOOL,
    "党建+乡村振兴高素质农民": Programme.HIGH_QUALITY_FARMERS,
    "其他": Programme.OTHER,
}
