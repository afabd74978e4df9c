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


class TeacherKind(models.TextChoices):
    """Where a teacher of the register comes from (师资)."""

    PARTY_SCHOOL = "party_school", _("Party school")
    AGRICULTURE = "agriculture", _("Agriculture department")
    LOCAL_TALENT = "local_talent", _("Local talent")
    OTHER = "other", _("Other")


class Venue(models.TextChoices):
    """课堂教学 or 现场教学 (village lecture halls, industry bases)."""

    CLASSROOM = "classroom", _("Classroom")
    ON_SITE = "on_site", _("On site")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a class")
    INVITED = "invited", _("Invited to a class")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CheckInMethod(models.TextChoices):
    QR = "qr", _("QR code")
    MANUAL = "manual", _("Organiser")


class CollegeTrack(models.TextChoices):
    """The two tracks of the 农民大学生 programme."""

    DIPLOMA = "diploma", _("Diploma (junior college)")
    DEGREE = "degree", _("Degree (bachelor)")


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    STUDYING = "studying", _("Studying")
    GRADUATED = "graduated", _("Graduated")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Topics the needs form offers (一技一训, 分类施训); any other topic may be typed in.
SUGGESTED_TOPICS = ("理论政策", "党建业务", "种养技术", "电商", "政策法规", "村务管理", "乡村治理")
