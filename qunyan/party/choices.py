from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantRole(models.TextChoices):
    TALKER = "talker", _("Talker")
    CONTACT = "contact", _("Cultivation contact")
    SPONSOR = "sponsor", _("Sponsor")
    REVIEWER = "reviewer", _("Talker of the superior committee")


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("Application for membership")
    THOUGHT_REPORT = "thought_report", _("Thought report")
    ASSESSMENT = "assessment", _("Half-yearly assessment")
    REVIEW = "political_review", _("Political review conclusion")
    TRAINING = "training_certificate", _("Training certificate")
    FORM = "membership_form", _("Application form for membership (入党志愿书)")
    CONVERSION = "conversion_application", _("Application for conversion")
    OTHER = "other", _("Other")


class MeetingPurpose(models.TextChoices):
    ADMISSION = "admission", _("Admission")
    CONVERSION = "conversion", _("Conversion")
