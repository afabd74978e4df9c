from django.db import models
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.people.choices import SourceCategory
from qunyan.people.models import Person


class Reserve(models.Model):
    """A stay in the town-level reserve pool (村级后备力量资源库), from entry to exit."""

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="reserve_stays", verbose_name=_("person")
    )
    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    entered_on = models.DateField(_("entry date"))
    left_on = models.DateField(_("exit date"), null=True, blank=True)
    leave_reason = models.CharField(_("exit reason"), max_length=100, blank=True)
    source_category = models.CharField(
        _("source category"), max_length=20, choices=SourceCategory.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reserve")
        verbose_name_plural = _("reserves")
        ordering = ["-entered_on"]
        constraints = [
            models.UniqueConstraint(fields=["person", "entered_on"], name="reserve_natural_key"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("entered_on")),
                name="reserve_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["town", "entered_on", "left_on"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.entered_on})"
