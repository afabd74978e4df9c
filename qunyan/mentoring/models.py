from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from qunyan.core.fields import recorded_by
from qunyan.core.models import OrgUnit
from qunyan.core.rules import rule_int
from qunyan.people.models import Person

from .choices import Evaluator, Half, MentorKind, Principle


def default_capacity() -> int:
    """How many mentees a newly registered mentor takes at most (setting MENTOR_CAPACITY)."""
    return rule_int("MENTOR_CAPACITY")


class Mentor(models.Model):
    """A person in the mentor register (导师库): what they are strong in and how many they take."""

    person = models.OneToOneField(
        Person, models.CASCADE, related_name="mentor_profile", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=MentorKind.choices)
    # WorkArea codes.
    strengths = models.JSONField(_("strengths"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=default_capacity)
    available = models.BooleanField(_("available for new mentees"), default=True)
    # Grassroots work since; with the committee terms it gives the years of experience.
    serving_since = models.DateField(_("in grassroots work since"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["person__name_pinyin"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="mentor_takes_someone"),
        ]

    def __str__(self) -> str:
        return str(self.person)


class MenteeNeed(models.Model):
    """What a young cadre needs help with: the weak areas matched against mentors' strengths."""

    person = models.OneToOneField(
        Person, models.CASCADE, related_name="mentee_need", verbose_name=_("person")
    )
    # WorkArea codes.
    weak_areas = models.JSONField(_("weak areas"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mentee need")
        verbose_name_plural = _("mentee needs")

    def __str__(self) -> str:
        return str(self.person)


class Mentorship(models.Model):
    """A mentoring pair (导师帮带): a mentor passes on experience to a younger cadre."""

    mentor = models.ForeignKey(
        Person, models.CASCADE, related_name="mentorships_given", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        Person, models.CASCADE, related_name="mentorships_received", verbose_name=_("mentee")
    )
    # The town that keeps the record: the mentee's town when it was written.
    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    principle = models.CharField(_("principle"), max_length=16, choices=Principle.choices)
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    goals = models.TextField(_("goals"), blank=True)
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
        indexes = [
            models.Index(fields=["started_on", "ended_on"]),
            models.Index(fields=["town", "started_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"


class Meeting(models.Model):
    """An entry of the mentoring log: a meeting, its topic, the tasks given and those done."""

    pair = models.ForeignKey(
        Mentorship, models.CASCADE, related_name="meetings", verbose_name=_("pair")
    )
    on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=100)
    tasks_given = models.TextField(_("tasks given"), blank=True)
    tasks_done = models.TextField(_("tasks done"), blank=True)
    by = recorded_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring meeting")
        verbose_name_plural = _("mentoring meetings")
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["pair", "on"])]

    def __str__(self) -> str:
        return f"{self.pair} {self.on}"


class Evaluation(models.Model):
    """A half-yearly evaluation of a pair by one side (mentee, mentor) or by the town."""

    pair = models.ForeignKey(
        Mentorship, models.CASCADE, related_name="evaluations", verbose_name=_("pair")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("half year"), choices=Half.choices)
    evaluator = models.CharField(_("evaluated by"), max_length=8, choices=Evaluator.choices)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    by = recorded_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mentoring evaluation")
        verbose_name_plural = _("mentoring evaluations")
        ordering = ["-year", "-half", "evaluator"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "year", "half", "evaluator"], name="evaluation_once_per_half"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="evaluation_score_1_to_5"
            ),
            models.CheckConstraint(condition=Q(half__in=[1, 2]), name="evaluation_half_1_or_2"),
        ]

    def __str__(self) -> str:
        return f"{self.pair} {self.year}-{self.half} {self.evaluator}"


class PairingRejection(models.Model):
    """A suggested pair that a person turned down; it is not suggested again."""

    mentor = models.ForeignKey(Person, models.CASCADE, related_name="+", verbose_name=_("mentor"))
    mentee = models.ForeignKey(Person, models.CASCADE, related_name="+", verbose_name=_("mentee"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    by = models.ForeignKey(
        "core.Account",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rejected by"),
    )
    created_at = models.DateTimeField(_("rejected at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rejected pairing")
        verbose_name_plural = _("rejected pairings")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "mentee"], name="rejection_once_per_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} ✕ {self.mentee}"
