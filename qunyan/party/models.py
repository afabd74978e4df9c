import itertools

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.people.choices import SourceCategory
from qunyan.people.models import Person

from .workflow import STAGE_FIELDS, Stage, StageDates, stage_of


def _follows(later: str, earlier: str) -> models.CheckConstraint:
    """A stage date only after the previous stage's date: no gaps, never earlier."""
    return models.CheckConstraint(
        condition=Q(**{f"{later}__isnull": True})
        | Q(**{f"{earlier}__isnull": False, f"{later}__gte": F(earlier)}),
        name=f"developmentrecord_{later}_follows_{earlier}",
    )


class DevelopmentRecord(models.Model):
    """A person's way into the Party (发展党员): the day each stage was reached so far.

    One record per person; the steps within each stage (the 细则's 25) will attach to it.
    """

    person = models.OneToOneField(
        Person, models.CASCADE, related_name="development_record", verbose_name=_("person")
    )
    # The town that keeps the record: the person's town when it was written.
    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    applied_on = models.DateField(_("application date"))
    activist_on = models.DateField(_("activist date"), null=True, blank=True)
    candidate_on = models.DateField(_("development candidate date"), null=True, blank=True)
    admitted_on = models.DateField(_("admission date"), null=True, blank=True)
    converted_on = models.DateField(_("conversion date"), null=True, blank=True)
    source_category = models.CharField(
        _("source category"), max_length=20, choices=SourceCategory.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("development record")
        verbose_name_plural = _("development records")
        ordering = ["-applied_on"]
        constraints = [
            _follows(later, earlier) for earlier, later in itertools.pairwise(STAGE_FIELDS)
        ]
        indexes = [models.Index(fields=["town", "admitted_on"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.applied_on})"

    @property
    def stage_dates(self) -> StageDates:
        return StageDates(**{name: getattr(self, name) for name in STAGE_FIELDS})

    @property
    def stage(self) -> Stage | None:
        return stage_of(self.stage_dates)
