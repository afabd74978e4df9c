from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from qunyan.core.fields import recorded_by
from qunyan.core.models import OrgUnit
from qunyan.people.choices import SourceCategory
from qunyan.people.models import Person

from .choices import Recommendation, ReservedPost, Stage, SupervisionWay

if TYPE_CHECKING:
    from .selectors import Gap


class Reserve(models.Model):
    """A stay in the town-level reserve pool (村级后备力量资源库), from survey to exit.

    `stage`, `entered_on` and `left_on` summarise the stay's StageChange rows (kept in step by
    the services) so that the pool on any day is one indexed query.
    """

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="reserve_stays", verbose_name=_("person")
    )
    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.RESERVED
    )
    # Null while the person is only surveyed (摸排) and not yet in the pool.
    entered_on = models.DateField(_("entry date"), null=True, blank=True)
    left_on = models.DateField(_("exit date"), null=True, blank=True)
    leave_reason = models.CharField(_("exit reason"), max_length=100, blank=True)
    source_category = models.CharField(
        _("source category"), max_length=20, choices=SourceCategory.choices
    )
    reserved_for = models.CharField(
        _("reserved for"),
        max_length=12,
        choices=ReservedPost.choices,
        default=ReservedPost.COMMITTEE,
    )
    recommended_by = models.CharField(_("recommended by"), max_length=60, blank=True)
    recommendation = models.CharField(
        _("recommended how"), max_length=10, choices=Recommendation.choices, blank=True
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


class StageChange(models.Model):
    """One step of a stay's life cycle; the history is added to, never rewritten."""

    reserve = models.ForeignKey(
        Reserve, models.CASCADE, related_name="changes", verbose_name=_("reserve")
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=100, blank=True)
    by = recorded_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["reserve", "stage", "on"], name="stagechange_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.on}"


class SurveyRun(models.Model):
    """A survey (摸底) taken on a day and the work list it produced."""

    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    on = models.DateField(_("survey date"))
    run_at = models.DateTimeField(_("run at"), auto_now_add=True)
    by = models.ForeignKey(
        "core.Account",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    villages_short = models.PositiveIntegerField(_("villages short"))
    totals = models.JSONField(_("totals"), default=dict)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-run_at"]

    def __str__(self) -> str:
        return f"{self.town} {self.on}"


class WorkItem(models.Model):
    """The work list entry (工作清单) of a village short of reserves; one per village.

    A survey opens it when the village falls short, closes it when the village meets the
    standard, and re-opens it if the village falls short again.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    village = models.OneToOneField(
        OrgUnit, models.PROTECT, related_name="reserve_work_item", verbose_name=_("village")
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    # Gaps as data ({"kind", "n", "post"}) so each reader sees them in their own language.
    shortfall = models.JSONField(_("what is missing"), default=list, blank=True)
    responsible = models.CharField(_("responsible person"), max_length=60, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    checked_on = models.DateField(_("last surveyed on"))
    times_opened = models.PositiveIntegerField(_("times opened"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        ordering = ["status", "deadline", "village__name"]

    def __str__(self) -> str:
        return str(self.village)

    @property
    def gaps(self) -> list["Gap"]:
        from .selectors import Gap

        return [Gap(**gap) for gap in self.shortfall]


class Supervision(models.Model):
    """A supervision record (督促记录) on a work item."""

    item = models.ForeignKey(
        WorkItem, models.CASCADE, related_name="supervisions", verbose_name=_("work item")
    )
    on = models.DateField(_("date"))
    way = models.CharField(_("way"), max_length=10, choices=SupervisionWay.choices)
    agreed = models.TextField(_("what was agreed"))
    by = recorded_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("supervision record")
        verbose_name_plural = _("supervision records")
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.item} {self.on}"
