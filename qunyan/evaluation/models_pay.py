"""Pay standards, the departed-cadre subsidy rule table, its stops and its monthly ledger."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.people.models import Person

from .choices import StopKind


class PayStandard(models.Model):
    """A town's base pay (monthly) and performance bonus base (yearly) for one post."""

    town = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="pay_standards", verbose_name=_("town")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    post = models.CharField(_("post"), max_length=30)
    base_monthly = models.DecimalField(_("base pay per month"), max_digits=10, decimal_places=2)
    bonus_base = models.DecimalField(
        _("performance bonus base per year"), max_digits=10, decimal_places=2
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pay standard")
        verbose_name_plural = _("pay standards")
        ordering = ["-year", "post"]
        constraints = [
            models.UniqueConstraint(fields=["town", "year", "post"], name="paystandard_natural_key")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.post}"


class SubsidyRule(models.Model):
    """The departed-cadre subsidy rules of a town or of a county (a town's own rule wins)."""

    unit = models.OneToOneField(
        OrgUnit, models.PROTECT, related_name="subsidy_rule", verbose_name=_("unit")
    )
    eligible_posts = models.JSONField(_("eligible posts"), default=list)
    min_years = models.PositiveSmallIntegerField(_("minimum years served"))
    male_age = models.PositiveSmallIntegerField(_("age from (men)"))
    female_age = models.PositiveSmallIntegerField(_("age from (women)"))
    disqualifiers = models.JSONField(_("disqualifiers"), default=list)
    # [[years served at least, yuan per month], …]; the highest tier reached applies.
    tiers = models.JSONField(_("amount by years served"), default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("subsidy rule")
        verbose_name_plural = _("subsidy rules")

    def __str__(self) -> str:
        return f"{self.unit}"


class CadreStop(models.Model):
    """An event that ends or forbids a departed cadre's subsidy: death or a disqualifier."""

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="subsidy_stops", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=StopKind.choices)
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subsidy stop")
        verbose_name_plural = _("subsidy stops")
        ordering = ["on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="cadrestop_natural_key")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display()} {self.on}"


class SubsidyPayment(models.Model):
    """One month's subsidy paid to a departed cadre (the ledger)."""

    person = models.ForeignKey(
        Person, models.PROTECT, related_name="subsidy_payments", verbose_name=_("person")
    )
    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    month = models.DateField(_("month"))  # always the first day of the month
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    years_served = models.PositiveSmallIntegerField(_("years served"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subsidy payment")
        verbose_name_plural = _("subsidy payments")
        ordering = ["-month", "person"]
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], name="subsidypayment_natural_key")
        ]
        indexes = [models.Index(fields=["town", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.person} {self.amount}"
