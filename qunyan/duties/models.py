from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunyan.core.fields import recorded_by
from qunyan.core.models import OrgUnit
from qunyan.people.choices import Education
from qunyan.people.models import Person

from .choices import ChiefRole, DivisionStatus, GenderRule


class DutySettings(models.Model):
    """A town's choices: which personality traits profiles use, and the three chiefs' names."""

    town = models.OneToOneField(
        OrgUnit, models.CASCADE, related_name="duty_settings", verbose_name=_("town")
    )
    traits = models.JSONField(_("personality traits in use"), default=list, blank=True)
    # {role code: label}; a missing or blank label means the default (党小组长 …).
    chief_labels = models.JSONField(_("three-chief labels"), default=dict, blank=True)

    class Meta:
        verbose_name = _("duty settings")
        verbose_name_plural = _("duty settings")

    def __str__(self) -> str:
        return str(self.town)


class Duty(models.Model):
    """A duty of the two committees in a town's catalogue, with what it asks of a person."""

    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    name = models.CharField(_("name"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    people_needed = models.PositiveSmallIntegerField(_("people needed"), default=1)
    min_education = models.CharField(
        _("education wanted"), max_length=12, choices=Education.choices, blank=True
    )
    skills = models.CharField(_("skills wanted"), max_length=200, blank=True)
    traits = models.JSONField(_("personality traits that suit"), default=list, blank=True)
    gender = models.CharField(
        _("gender rule"), max_length=1, choices=GenderRule.choices, blank=True, default=""
    )
    party_member_only = models.BooleanField(_("party members only"), default=False)
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("duty")
        verbose_name_plural = _("duties")
        ordering = ["town", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["town", "name"], name="duties_duty_unique_name_in_town"
            ),
            models.CheckConstraint(
                condition=Q(people_needed__gte=1), name="duties_duty_needs_someone"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CadreProfile(models.Model):
    """What the division weighs about a cadre beyond the registry: skills, traits, experience."""

    person = models.OneToOneField(
        Person, models.CASCADE, related_name="duty_profile", verbose_name=_("person")
    )
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    traits = models.JSONField(_("personality traits"), default=list, blank=True)
    experience = models.TextField(_("experience"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cadre profile")
        verbose_name_plural = _("cadre profiles")

    def __str__(self) -> str:
        return str(self.person)


class Wish(models.Model):
    """A cadre's ranked wish for a duty (1 = most wanted)."""

    profile = models.ForeignKey(
        CadreProfile, models.CASCADE, related_name="wishes", verbose_name=_("profile")
    )
    duty = models.ForeignKey(Duty, models.CASCADE, related_name="+", verbose_name=_("duty"))
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "rank"], name="duties_wish_unique_rank"),
            models.UniqueConstraint(fields=["profile", "duty"], name="duties_wish_unique_duty"),
        ]

    def __str__(self) -> str:
        return f"{self.profile} {self.rank} {self.duty}"


class Pin(models.Model):
    """The officer's fixed choice for the next division: this person must (or must not) take it."""

    village = models.ForeignKey(
        OrgUnit, models.CASCADE, related_name="+", verbose_name=_("village")
    )
    person = models.ForeignKey(Person, models.CASCADE, related_name="+", verbose_name=_("person"))
    duty = models.ForeignKey(Duty, models.CASCADE, related_name="+", verbose_name=_("duty"))
    assign = models.BooleanField(_("must take it"), default=True)
    by = recorded_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pinned choice")
        verbose_name_plural = _("pinned choices")
        constraints = [
            models.UniqueConstraint(fields=["village", "person", "duty"], name="duties_pin_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.duty}"


class Division(models.Model):
    """A confirmed division of a village's duties; versions are kept, the newest is in force."""

    village = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="duty_divisions", verbose_name=_("village")
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=DivisionStatus.choices, default=DivisionStatus.CURRENT
    )
    total_score = models.IntegerField(_("total score"))
    # The rules it was found under ({"max_duties": 3, …}), so an old version stays readable.
    rules = models.JSONField(_("rules"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)
    by = recorded_by()

    class Meta:
        verbose_name = _("division of duties")
        verbose_name_plural = _("divisions of duties")
        ordering = ["village", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "version"], name="duties_division_version_once"
            ),
            models.UniqueConstraint(
                fields=["village"],
                condition=Q(status=DivisionStatus.CURRENT),
                name="duties_division_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} v{self.version}"


class Assignment(models.Model):
    """One person taking one duty in a division, with the score parts that put them there."""

    division = models.ForeignKey(
        Division, models.CASCADE, related_name="assignments", verbose_name=_("division")
    )
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="duty_assignments", verbose_name=_("person")
    )
    duty = models.ForeignKey(Duty, models.PROTECT, related_name="+", verbose_name=_("duty"))
    duty_name = models.CharField(_("duty"), max_length=40)
    score = models.IntegerField(_("score"))
    parts = models.JSONField(_("score parts"), default=dict)
    rules = models.JSONField(_("hard rules"), default=list, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["division", "duty__order", "duty_id", "person_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "person", "duty"], name="duties_assignment_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.duty_name}"


class ChiefPost(models.Model):
    """A seat of a villager group's three-chief team held by a person for a time."""

    group = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="chief_posts", verbose_name=_("villager group")
    )
    role = models.CharField(_("role"), max_length=16, choices=ChiefRole.choices)
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="chief_posts", verbose_name=_("person")
    )
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    by = recorded_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("three-chief post")
        verbose_name_plural = _("three-chief posts")
        ordering = ["group__path", "role", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "role"],
                condition=Q(ended_on__isnull=True),
                name="duties_chiefpost_one_holder",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="duties_chiefpost_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.role} {self.person}"
