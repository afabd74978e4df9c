"""Reads of village ratings and commendations."""

from django.db.models import QuerySet

from qunyan.core.models import OrgUnit

from .models import Commendation, VillageRating


def ratings_of_year(*, town: OrgUnit, year: int) -> QuerySet[VillageRating]:
    """The ratings of the town's villages and communities for one year."""
    return VillageRating.objects.filter(village__parent=town, year=year)


def commendations_in_years(*, town: OrgUnit, first: int, last: int) -> QuerySet[Commendation]:
    """Commendations of people of the town whose year lies between first and last, inclusive."""
    return Commendation.objects.filter(person__town=town, year__gte=first, year__lte=last)
