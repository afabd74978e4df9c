from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.people.models import Person

from .choices import Programme


class TrainingClass(models.Model):
    """One class (培训班, 期) of a programme, held by a town and numbered by it."""

    town = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="training_classes", verbose_name=_("town")
    )
    code = models.CharField(_("class number"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    programme = models.CharField(_("programme"), max_length=24, choices=Programme.choices)
    category = models.CharField(_("category"), max_length=30, blank=True)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    hours = models.DecimalField(
        _("class hours"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    teacher = models.CharField(_("teacher"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        ordering = ["-starts_on", "code"]
        constraints = [
            models.UniqueConstraint(fields=["town", "code"], name="trainingclass_natural_key"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="trainingclass_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0),
                name="trainingclass_hours_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["town", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Attendance(models.Model):
    """One person in one class: a 人次 of the statistics."""

    training_class = models.ForeignKey(
        TrainingClass, models.CASCADE, related_name="attendances", verbose_name=_("class")
    )
    person = models.ForeignKey(
        Person, models.CASCADE, related_name="attendances", verbose_name=_("person")
    )
    completed = models.BooleanField(_("completed"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "person"], name="attendance_natural_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training_class.code} {self.person}"
