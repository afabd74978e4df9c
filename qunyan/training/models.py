from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import Account, OrgUnit
from qunyan.people.models import Person

from .choices import (
    CheckInMethod,
    CollegeTrack,
    NeedStatus,
    NominationStatus,
    Programme,
    TeacherKind,
    Venue,
)


class Teacher(models.Model):
    """The town's teacher register (师资库): party school, agriculture experts, local talents."""

    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=TeacherKind.choices)
    organisation = models.CharField(_("organisation"), max_length=100, blank=True)
    speciality = models.CharField(_("speciality"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("teacher")
        verbose_name_plural = _("teachers")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["town", "name"], name="teacher_natural_key"),
        ]

    def __str__(self) -> str:
        return self.name


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


class Session(models.Model):
    """One sitting of a class (场次): a class may span several days and places."""

    training_class = models.ForeignKey(
        TrainingClass, models.CASCADE, related_name="sessions", verbose_name=_("class")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=100)
    venue = models.CharField(_("venue"), max_length=12, choices=Venue.choices)
    topic = models.CharField(_("topic"), max_length=100, blank=True)
    hours = models.DecimalField(_("class hours"), max_digits=5, decimal_places=1)
    teacher = models.ForeignKey(
        Teacher,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("teacher"),
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_times_in_order"
            ),
            models.CheckConstraint(condition=Q(hours__gte=0), name="session_hours_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.training_class.name} {self.starts_at:%Y-%m-%d %H:%M}"


class TrainingNeed(models.Model):
    """A training need (因需开班) a village submits for one of its people, by topic."""

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="training_needs", verbose_name=_("person")
    )
    topic = models.CharField(_("topic"), max_length=30)
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    training_class = models.ForeignKey(
        TrainingClass,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("class"),
    )
    submitted_by = models.ForeignKey(Account, models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "topic"])]

    def __str__(self) -> str:
        return f"{self.person} {self.topic}"


class Enrolment(models.Model):
    """A person invited to a class (报名). Not a 人次: those come from attendance."""

    training_class = models.ForeignKey(
        TrainingClass, models.CASCADE, related_name="enrolments", verbose_name=_("class")
    )
    person = models.ForeignKey(
        Person, models.CASCADE, related_name="enrolments", verbose_name=_("person")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["training_class", "person"], name="enrolment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.training_class.code} {self.person}"


class SessionAttendance(models.Model):
    """Presence at one session (签到). Kept when corrected to absent, so a used QR stays used."""

    session = models.ForeignKey(
        Session, models.CASCADE, related_name="presences", verbose_name=_("session")
    )
    person = models.ForeignKey(Person, models.CASCADE, related_name="+", verbose_name=_("person"))
    present = models.BooleanField(_("present"), default=True)
    method = models.CharField(_("method"), max_length=8, choices=CheckInMethod.choices)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    qr_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    by = models.ForeignKey(Account, models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendance")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="presence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.person}"


class Nomination(models.Model):
    """A 农民大学生 nomination, followed through study to graduation."""

    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    person = models.ForeignKey(
        Person, models.CASCADE, related_name="college_nominations", verbose_name=_("person")
    )
    track = models.CharField(_("track"), max_length=10, choices=CollegeTrack.choices)
    nominated_on = models.DateField(_("nomination date"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=NominationStatus.choices,
        default=NominationStatus.NOMINATED,
    )
    study_started_on = models.DateField(_("study start"), null=True, blank=True)
    finished_on = models.DateField(_("graduation or withdrawal date"), null=True, blank=True)
    school = models.CharField(_("school"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("farmer college nomination")
        verbose_name_plural = _("farmer college nominations")
        ordering = ["-nominated_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person} {self.get_track_display()}"
