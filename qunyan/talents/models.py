from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.people.models import Person

from .choices import Occasion, OutreachWay


class OutsideTalent(models.Model):
    """Someone from the town working or doing business elsewhere (在外人才), and their return."""

    person = models.OneToOneField(
        Person, models.CASCADE, related_name="outside_talent", verbose_name=_("person")
    )
    # The town that keeps the record: the person's town when it was written.
    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    place = models.CharField(_("place of work or business"), max_length=60, blank=True)
    trade = models.CharField(_("trade"), max_length=60, blank=True)
    returned_on = models.DateField(_("return date"), null=True, blank=True)
    business_started_on = models.DateField(_("business start date"), null=True, blank=True)
    business_project = models.CharField(_("business project"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outside talent")
        verbose_name_plural = _("outside talents")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True)
                | Q(business_started_on__isnull=True)
                | Q(business_started_on__gte=F("returned_on")),
                name="outsidetalent_business_after_return",
            ),
        ]
        indexes = [models.Index(fields=["town", "business_started_on"])]

    def __str__(self) -> str:
        return str(self.person)


class Outreach(models.Model):
    """A home visit or symposium with someone working elsewhere (走访座谈)."""

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="outreach_contacts", verbose_name=_("person")
    )
    date = models.DateField(_("date"))
    way = models.CharField(_("way"), max_length=12, choices=OutreachWay.choices)
    occasion = models.CharField(_("occasion"), max_length=16, choices=Occasion.choices)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outreach contact")
        verbose_name_plural = _("outreach contacts")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["person", "date", "way"], name="outreach_natural_key"),
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.person} {self.date} {self.get_way_display()}"
