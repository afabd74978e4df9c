from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qunyan.core.fields import recorded_by
from qunyan.core.models import OrgUnit
from qunyan.people.models import Person

from .choices import HomeTime, Intent, Occasion, OutreachWay


def _one_visitor(name: str) -> models.CheckConstraint:
    """A visit is someone's job: an account or a registry person, never both at once."""
    return models.CheckConstraint(
        condition=Q(visitor_account__isnull=True) | Q(visitor_person__isnull=True), name=name
    )


class VisitedBy(models.Model):
    """The cadre who visits: an account of the town, or a person of the registry without one."""

    visitor_account = models.ForeignKey(
        "core.Account",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visiting cadre (account)"),
    )
    visitor_person = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visiting cadre (person)"),
    )

    class Meta:
        abstract = True

    @property
    def visitor_key(self) -> str:
        """The visitor as forms and URLs name it: account:<pk>, person:<pk> or empty."""
        if self.visitor_account_id:
            return f"account:{self.visitor_account_id}"
        if self.visitor_person_id:
            return f"person:{self.visitor_person_id}"
        return ""

    @property
    def visitor_name(self) -> str:
        if self.visitor_account_id:
            return str(self.visitor_account)
        if self.visitor_person_id:
            return str(self.visitor_person)
        return ""


class OutsideTalent(models.Model):
    """Someone from the town working or doing business elsewhere (在外人才), and their return.

    Skills and the phone number are the registry's (Person.skills, Person.phone).
    """

    person = models.OneToOneField(
        Person, models.CASCADE, related_name="outside_talent", verbose_name=_("person")
    )
    # The town that keeps the record: the person's town when it was written.
    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    place = models.CharField(_("place of work or business"), max_length=60, blank=True)
    trade = models.CharField(_("trade"), max_length=60, blank=True)
    employer = models.CharField(_("employer or own business"), max_length=100, blank=True)
    home_time = models.CharField(
        _("usually comes home"), max_length=16, choices=HomeTime.choices, blank=True
    )
    returned_on = models.DateField(_("return date"), null=True, blank=True)
    business_started_on = models.DateField(_("business start date"), null=True, blank=True)
    business_project = models.CharField(_("business project"), max_length=100, blank=True)
    jobs_created = models.PositiveIntegerField(_("jobs created"), null=True, blank=True)
    investment = models.DecimalField(
        _("investment (10,000 yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
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
            models.CheckConstraint(
                condition=Q(investment__isnull=True) | Q(investment__gte=0),
                name="outsidetalent_investment_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["town", "business_started_on"]),
            models.Index(fields=["town", "returned_on"]),
        ]

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse("talents:talent-detail", args=[self.pk])

    @property
    def is_away(self) -> bool:
        return self.returned_on is None


class Campaign(models.Model):
    """A holiday campaign (春节, 国庆 …) to visit people working elsewhere while they are home."""

    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    name = models.CharField(_("name"), max_length=60)
    occasion = models.CharField(_("occasion"), max_length=16, choices=Occasion.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["town", "name"], name="campaign_name_in_town"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="campaign_dates_in_order"
            ),
        ]
        indexes = [models.Index(fields=["town", "starts_on", "ends_on"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("talents:campaign-detail", args=[self.pk])


class Assignment(VisitedBy):
    """Someone expected home during a campaign, and the cadre who is to visit them."""

    campaign = models.ForeignKey(
        Campaign, models.CASCADE, related_name="assignments", verbose_name=_("campaign")
    )
    person = models.ForeignKey(
        Person, models.CASCADE, related_name="campaign_assignments", verbose_name=_("person")
    )
    expected_on = models.DateField(_("expected home on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("visit assignment")
        verbose_name_plural = _("visit assignments")
        ordering = ["campaign_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="assignment_once"),
            _one_visitor("assignment_one_visitor"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {self.person}"


class Outreach(VisitedBy):
    """A home visit or symposium with someone working elsewhere (走访座谈)."""

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="outreach_contacts", verbose_name=_("person")
    )
    # The town that keeps the record: the person's town when it was written.
    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    date = models.DateField(_("date"))
    way = models.CharField(_("way"), max_length=12, choices=OutreachWay.choices)
    occasion = models.CharField(_("occasion"), max_length=16, choices=Occasion.choices)
    notes = models.TextField(_("what was said"), blank=True)
    # The campaign whose days the date falls in (kept by the services, never chosen by hand).
    campaign = models.ForeignKey(
        Campaign,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("campaign"),
    )
    intent = models.CharField(
        _("intent to return"), max_length=12, choices=Intent.choices, blank=True
    )
    follow_up_on = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("followed up on"), null=True, blank=True)
    recorded_by = recorded_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outreach contact")
        verbose_name_plural = _("outreach contacts")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["person", "date", "way"], name="outreach_natural_key"),
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("date")),
                name="outreach_follow_up_after_contact",
            ),
            _one_visitor("outreach_one_visitor"),
        ]
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["follow_up_on"], name="talents_outreach_follow_up"),
            models.Index(fields=["town", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.date} {self.get_way_display()}"


class Symposium(models.Model):
    """A symposium (座谈会) held during a campaign for people home for the holiday."""

    campaign = models.ForeignKey(
        Campaign, models.CASCADE, related_name="symposiums", verbose_name=_("campaign")
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=60, blank=True)
    topic = models.CharField(_("topic"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("symposium")
        verbose_name_plural = _("symposiums")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("talents:symposium-detail", args=[self.pk])


class SymposiumInvitee(models.Model):
    symposium = models.ForeignKey(
        Symposium, models.CASCADE, related_name="invitations", verbose_name=_("symposium")
    )
    person = models.ForeignKey(
        Person, models.CASCADE, related_name="symposium_invitations", verbose_name=_("person")
    )
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        verbose_name = _("symposium invitee")
        verbose_name_plural = _("symposium invitees")
        ordering = ["symposium_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["symposium", "person"], name="symposium_invite_once"),
        ]

    def __str__(self) -> str:
        return f"{self.symposium} {self.person}"
