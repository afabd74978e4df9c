import itertools

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qunyan.core.fields import recorded_by
from qunyan.core.models import OrgUnit
from qunyan.people.choices import SourceCategory
from qunyan.people.models import Person

from .choices import DocumentKind, MeetingPurpose, ParticipantRole
from .steps import STEP_BY_NUMBER
from .workflow import STAGE_FIELDS, Outcome, Stage, StageDates, stage_of


def _follows(later: str, earlier: str) -> models.CheckConstraint:
    """A stage date only after the previous stage's date: no gaps, never earlier."""
    return models.CheckConstraint(
        condition=Q(**{f"{later}__isnull": True})
        | Q(**{f"{earlier}__isnull": False, f"{later}__gte": F(earlier)}),
        name=f"developmentrecord_{later}_follows_{earlier}",
    )


class DevelopmentRecord(models.Model):
    """A person's way into the Party (发展党员): the day each stage was reached so far.

    One record per person; its 25 steps, the people named, documents, publicity periods and
    branch meetings attach to it. The stage dates are those of the 发展党员 sheet.
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
    # What steps 10 and 11 established, which admission (step 15) needs.
    review_passed = models.BooleanField(_("political review passed"), null=True, blank=True)
    training_days = models.DecimalField(
        _("training days"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    training_hours = models.DecimalField(
        _("training class hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    extension_months = models.PositiveSmallIntegerField(
        _("probation extended by (months)"), null=True, blank=True
    )
    cancelled_on = models.DateField(_("probation cancelled on"), null=True, blank=True)
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

    def get_absolute_url(self) -> str:
        return reverse("party:record-detail", args=[self.pk])

    @property
    def stage_dates(self) -> StageDates:
        return StageDates(**{name: getattr(self, name) for name in STAGE_FIELDS})

    @property
    def stage(self) -> Stage | None:
        return stage_of(self.stage_dates)


class DevelopmentStep(models.Model):
    """One of the 25 steps, done on a day."""

    record = models.ForeignKey(
        DevelopmentRecord, models.CASCADE, related_name="steps", verbose_name=_("record")
    )
    number = models.PositiveSmallIntegerField(_("step"))
    done_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    # An approval later than 3 months after the meeting (6 at most) is a special case.
    special_case = models.BooleanField(_("special case"), default=False)
    recorded_by = recorded_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("development step")
        verbose_name_plural = _("development steps")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="developmentstep_once"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=25), name="developmentstep_number_1_25"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {STEP_BY_NUMBER[self.number].label}"


class Participant(models.Model):
    """A full member named in a record: talker, cultivation contact, sponsor or reviewer."""

    record = models.ForeignKey(
        DevelopmentRecord, models.CASCADE, related_name="participants", verbose_name=_("record")
    )
    person = models.ForeignKey(Person, models.PROTECT, related_name="+", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=12, choices=ParticipantRole.choices)
    since = models.DateField(_("since"))

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "role", "person"], name="participant_once_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Document(models.Model):
    """A paper on file: application, thought report, review conclusion, certificate, form …"""

    record = models.ForeignKey(
        DevelopmentRecord, models.CASCADE, related_name="documents", verbose_name=_("record")
    )
    kind = models.CharField(_("document"), max_length=24, choices=DocumentKind.choices)
    received_on = models.DateField(_("received on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = recorded_by()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on}"


class Publicity(models.Model):
    """A public notice (公示) before the admission or the conversion meeting."""

    record = models.ForeignKey(
        DevelopmentRecord, models.CASCADE, related_name="publicities", verbose_name=_("record")
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=MeetingPurpose.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    # How the public sends comments: a phone line, an address, a mailbox (shown on the notice).
    contact = models.CharField(_("how to send comments"), max_length=200)

    class Meta:
        verbose_name = _("publicity")
        verbose_name_plural = _("publicities")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="publicity_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.record.person} {self.starts_on}–{self.ends_on}"


class BranchMeeting(models.Model):
    """A branch general meeting on one person's admission or conversion, with its vote."""

    record = models.ForeignKey(
        DevelopmentRecord, models.CASCADE, related_name="meetings", verbose_name=_("record")
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=MeetingPurpose.choices)
    held_on = models.DateField(_("held on"))
    due = models.PositiveSmallIntegerField(_("members with voting rights due"))
    present = models.PositiveSmallIntegerField(_("present"))
    yes = models.PositiveSmallIntegerField(_("yes votes"))
    no = models.PositiveSmallIntegerField(_("no votes"), default=0)
    abstain = models.PositiveSmallIntegerField(_("abstain"), default=0)
    written_yes = models.PositiveSmallIntegerField(_("written opinions for"), default=0)
    written_no = models.PositiveSmallIntegerField(_("written opinions against"), default=0)
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices, blank=True)
    extension_months = models.PositiveSmallIntegerField(
        _("extended by (months)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("branch meeting")
        verbose_name_plural = _("branch meetings")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.held_on}"


class DevelopmentPlan(models.Model):
    """The year's quota (名额) of new members for a village's branch."""

    village = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="+", verbose_name=_("village")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quota = models.PositiveSmallIntegerField(_("quota"))
    recorded_by = recorded_by()

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["-year", "village__name"]
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="developmentplan_once")
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.year}: {self.quota}"


class VisitCounter(models.Model):
    """How many visitors a public page has had (the footer's 您是第 N 位来访者)."""

    name = models.CharField(max_length=40, unique=True)
    count = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.count}"
