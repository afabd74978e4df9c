from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qunyan.core.fields import EncryptedTextField, recorded_by
from qunyan.core.models import OrgUnit
from qunyan.people.idnumbers import mask_phone
from qunyan.people.models import Person

from .choices import CaseResult, CaseType


def mask_name(name: str) -> str:
    """张** : the family name only, so a list shows that someone is there but not who."""
    name = name.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


class ServiceCategory(models.Model):
    """A kind of service on the town's own list (为老人代办, 政策宣讲 …)."""

    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    name = models.CharField(_("name"), max_length=30)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["town_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["town", "name"], name="servicecategory_name_in_town")
        ]

    def __str__(self) -> str:
        return self.name


class ServiceRecord(models.Model):
    """A service given to villagers by members of a village's team (贴近服务)."""

    village = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="+", verbose_name=_("village")
    )
    # A villager group (村民小组) of the village, when the service was a group's.
    group = models.ForeignKey(
        OrgUnit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("villager group"),
    )
    category = models.ForeignKey(
        ServiceCategory, models.PROTECT, related_name="records", verbose_name=_("category")
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=60, blank=True)
    served_count = models.PositiveIntegerField(_("villagers served"), default=1)
    summary = models.CharField(_("what was done"), max_length=500)
    hours = models.DecimalField(_("hours spent"), max_digits=5, decimal_places=1)
    servers = models.ManyToManyField(
        Person, related_name="services_given", blank=True, verbose_name=_("served by")
    )
    attachments = GenericRelation("casework.Attachment")
    recorded_by = recorded_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0), name="servicerecord_hours_positive")
        ]
        indexes = [models.Index(fields=["village", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.category}"

    def get_absolute_url(self) -> str:
        return reverse("casework:service-detail", args=[self.pk])


class MediationCase(models.Model):
    """A dispute brought to the village for mediation (调解), from receipt to follow-up visit."""

    village = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="+", verbose_name=_("village")
    )
    group = models.ForeignKey(
        OrgUnit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("villager group"),
    )
    title = models.CharField(_("matter"), max_length=100)
    case_type = models.CharField(_("type"), max_length=12, choices=CaseType.choices)
    received_on = models.DateField(_("date received"))
    description = models.TextField(_("what the dispute is about"), blank=True)
    mediators = models.ManyToManyField(
        Person, related_name="cases_mediated", blank=True, verbose_name=_("mediators")
    )
    # Blank while the case is open.
    result = models.CharField(_("result"), max_length=12, choices=CaseResult.choices, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    agreement = models.TextField(_("agreement reached"), blank=True)
    follow_up_on = models.DateField(_("follow-up visit due"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("follow-up visit made"), null=True, blank=True)
    follow_up_note = models.TextField(_("follow-up visit notes"), blank=True)
    attachments = GenericRelation("casework.Attachment")
    recorded_by = recorded_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mediation case")
        verbose_name_plural = _("mediation cases")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("received_on")),
                name="mediationcase_closed_after_received",
            ),
            models.CheckConstraint(
                condition=Q(result="") | Q(closed_on__isnull=False),
                name="mediationcase_result_has_date",
            ),
        ]
        indexes = [models.Index(fields=["village", "received_on"])]

    def __str__(self) -> str:
        return f"{self.received_on} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("casework:case-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return not self.result


class MediationParty(models.Model):
    """One side of a dispute: personal data, encrypted at rest and masked on pages."""

    case = models.ForeignKey(
        MediationCase, models.CASCADE, related_name="parties", verbose_name=_("case")
    )
    name = EncryptedTextField(_("name"))
    phone = EncryptedTextField(_("phone"), blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.masked_name

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone) if self.phone else ""


class MediationStep(models.Model):
    """One thing done on a case (a talk, a site visit, a meeting), in the order done."""

    case = models.ForeignKey(
        MediationCase, models.CASCADE, related_name="steps", verbose_name=_("case")
    )
    date = models.DateField(_("date"))
    action = models.CharField(_("what was done"), max_length=300)
    recorded_by = recorded_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mediation step")
        verbose_name_plural = _("mediation steps")
        ordering = ["case_id", "date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.action}"


class Attachment(models.Model):
    """A photo or PDF attached to any registered record; the file lives outside the database."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Photo")
        PDF = "pdf", _("PDF")

    content_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # Relative to settings.QUNYAN_UPLOAD_DIR; never served as static media.
    path = models.CharField(max_length=255, unique=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type_text = models.CharField(max_length=60, editable=False)
    size = models.PositiveIntegerField(_("size"))
    caption = models.CharField(_("caption"), max_length=100, blank=True)
    uploaded_by = recorded_by()
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("casework:attachment-file", args=[self.pk])
