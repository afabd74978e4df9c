from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from qunyan.people.models import Person

from .choices import Principle


class Mentorship(models.Model):
    """A mentoring pair (导师帮带): a mentor passes on experience to a younger cadre."""

    mentor = models.ForeignKey(
        Person, models.CASCADE, related_name="mentorships_given", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        Person, models.CASCADE, related_name="mentorships_received", verbose_name=_("mentee")
    )
    principle = models.CharField(_("principle"), max_length=16, choices=Principle.choices)
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentee", "started_on"], name="mentorship_natural_key"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="mentorship_dates_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")), name="mentorship_mentor_is_not_mentee"
            ),
        ]
        indexes = [models.Index(fields=["started_on", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"
