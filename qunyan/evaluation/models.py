from django.db import models
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.people.models import Person

from .choices import Rating


class VillageRating(models.Model):
    """A village's or community's annual rating; it raises its committee's bonus."""

    village = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="ratings", verbose_name=_("village")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices)
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


class Commendation(models.Model):
    """An honour given to a person (表彰奖励), by the authority that gave it."""

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="commendations", verbose_name=_("person")
    )
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
        ]
        indexes = [models.Index(fields=["year", "authority"])]

    def __str__(self) -> str:
        return f"{self.year} {self.title}: {self.person}"
