from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.people.models import Person

from .choices import Grade, Rating, RatingSource


class VillageRating(models.Model):
    """A village's or community's annual rating; it raises its committee's bonus."""

    village = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="ratings", verbose_name=_("village")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices)
    # The weighted score the rating was computed from; empty when entered or imported.
    total_score = models.DecimalField(
        _("total score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(
        _("source"), max_length=10, choices=RatingSource.choices, default=RatingSource.ENTERED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("village rating")
        verbose_name_plural = _("village ratings")
        ordering = ["-year", "village"]
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="villagerating_natural_key"),
        ]
        indexes = [models.Index(fields=["year", "rating"])]

    def __str__(self) -> str:
        return f"{self.year} {self.village} {self.get_rating_display()}"


class IndicatorScore(models.Model):
    """A village's score (0–100) on one assessment indicator of one year."""

    village = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="indicator_scores", verbose_name=_("village")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    indicator = models.CharField(_("indicator"), max_length=40)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indicator score")
        verbose_name_plural = _("indicator scores")
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year", "indicator"], name="indicatorscore_natural_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.village} {self.indicator} {self.score}"


class CadreGrade(models.Model):
    """A two-committee member's individual annual grade, given in the village they served."""

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="grades", verbose_name=_("person")
    )
    village = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="cadre_grades", verbose_name=_("village")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("annual grade")
        verbose_name_plural = _("annual grades")
        ordering = ["-year", "village", "person"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="cadregrade_natural_key"),
        ]
        indexes = [models.Index(fields=["village", "year"])]

    def __str__(self) -> str:
        return f"{self.year} {self.person} {self.get_grade_display()}"


class Commendation(models.Model):
    """An honour given to a person or a village (表彰奖励), by the authority that gave it."""

    person = models.ForeignKey(
        Person,
        models.CASCADE,
        related_name="commendations",
        verbose_name=_("person"),
        null=True,
        blank=True,
    )
    # A village honoured as a whole; such rows are not in the 表彰奖励 sheet nor its figures.
    village = models.ForeignKey(
        OrgUnit,
        models.PROTECT,
        related_name="commendations",
        verbose_name=_("village"),
        null=True,
        blank=True,
    )
    # The town that keeps the record: the person's (or the village's) town when it was written.
    town = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("town"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=100)
    authority = models.CharField(_("authority"), max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "title"], name="commendation_natural_key"
            ),
            models.UniqueConstraint(
                fields=["village", "year", "title"],
                condition=Q(person__isnull=True),
                name="commendation_village_natural_key",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False, village__isnull=True)
                | Q(person__isnull=True, village__isnull=False),
                name="commendation_person_or_village",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "authority"]),
            models.Index(fields=["town", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.title}: {self.person or self.village}"


from .models_pay import CadreStop, PayStandard, SubsidyPayment, SubsidyRule  # noqa: E402

__all__ = [
    "CadreGrade",
    "CadreStop",
    "Commendation",
    "IndicatorScore",
    "PayStandard",
    "SubsidyPayment",
    "SubsidyRule",
    "VillageRating",
]
