"""Statistics of the contract (`qunyan stats`), computed with aggregate queries only."""

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.evaluation.choices import RATING_WORDS, Rating
from qunyan.evaluation.selectors import commendations_in_years, ratings_of_year
from qunyan.mentoring.selectors import mentorships_active_in_period
from qunyan.party.selectors import admissions_in_period
from qunyan.people.choices import SOURCE_WORDS
from qunyan.reserves.selectors import EMPTY, pool_counts, reserves_in_pool, shortfall
from qunyan.talents.selectors import business_starts_in_period, outreach_in_period
from qunyan.training.choices import PROGRAMME_WORDS
from qunyan.training.selectors import classes_started_in_period


def reserve_strength(*, town: OrgUnit, on: datetime.date) -> dict[str, Any]:
    """The pool on a day: totals, the young/college structure and villages short of the standard.

    The contract's standard is the two thresholds; the optional key posts are the survey's.
    """
    totals, per_village = pool_counts(town=town, on=on)
    deficient = [
        name
        for village_id, name in OrgUnit.objects.filter(
            parent=town, kind__in=VILLAGE_KINDS
        ).values_list("id", "name")
        if shortfall(per_village.get(village_id, EMPTY))
    ]
    keys = ("total", "age_35_or_under", "college_or_above", "young_and_college")
    return {**{key: totals[key] for key in keys}, "deficient_villages": sorted(deficient)}


def party_development(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> dict[str, Any]:
    """New probationary members of the period, by source, and those admitted from the pool."""
    admitted = admissions_in_period(town=town, period_from=period_from, period_to=period_to)
    # In the pool on the very day of admission, whatever happened to the stay afterwards.
    was_reserve = Exists(
        reserves_in_pool(on=OuterRef("admitted_on")).filter(person=OuterRef("person"))
    )
    totals = admitted.aggregate(
        new_probationary_members=Count("person", distinct=True),
        from_reserves=Count("person", filter=Q(was_reserve), distinct=True),
    )
    per_source = dict(
        admitted.order_by()
        .values_list("source_category")
        .annotate(people=Count("person", distinct=True))
    )
    return {
        "new_probationary_members": totals["new_probationary_members"],
        "by_source": {word: per_source.get(code, 0) for word, code in SOURCE_WORDS.items()},
        "from_reserves": totals["from_reserves"],
    }


def returnees(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> dict[str, int]:
    """Talents who came home and started a business in the period, and the contacts made."""
    period: dict[str, Any] = {"town": town, "period_from": period_from, "period_to": period_to}
    return {
        "started_business": business_starts_in_period(**period).aggregate(
            people=Count("person", distinct=True)
        )["people"],
        "outreach_contacts": outreach_in_period(**period).count(),
    }


def training(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> dict[str, Any]:
    """Classes that start in the period and their attendance (人次), in total and by programme."""
    classes = classes_started_in_period(town=town, period_from=period_from, period_to=period_to)
    counts = {"classes": Count("id", distinct=True), "person_times": Count("attendances")}
    per_programme = {
        row["programme"]: row for row in classes.order_by().values("programme").annotate(**counts)
    }
    empty = {"classes": 0, "person_times": 0}
    return {
        **classes.aggregate(**counts),
        "by_programme": {
            word: {key: per_programme.get(code, empty)[key] for key in empty}
            for word, code in PROGRAMME_WORDS.items()
        },
    }


def mentoring(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> dict[str, int]:
    """Distinct mentors and mentees of the pairs active in the period."""
    pairs = mentorships_active_in_period(town=town, period_from=period_from, period_to=period_to)
    return pairs.aggregate(
        mentors=Count("mentor", distinct=True), mentees=Count("mentee", distinct=True)
    )


def commendations(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> dict[str, Any]:
    """Distinct people commended in the period's years, in total and per authority."""
    honours = commendations_in_years(town=town, first=period_from.year, last=period_to.year)
    per_authority = (
        honours.order_by("authority")
        .values_list("authority")
        .annotate(people=Count("person", distinct=True))
    )
    return {
        "persons": honours.aggregate(people=Count("person", distinct=True))["people"],
        "by_authority": dict(per_authority),
    }


def ratings(*, town: OrgUnit, year: int) -> dict[str, int]:
    """Villages per rating of one year, 一般 left out."""
    per_rating = dict(
        ratings_of_year(town=town, year=year)
        .order_by()
        .values_list("rating")
        .annotate(villages=Count("id"))
    )
    return {
        word: per_rating.get(code, 0)
        for word, code in RATING_WORDS.items()
        if code != Rating.ORDINARY
    }


def town_statistics(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date, as_of: datetime.date
) -> dict[str, Any]:
    """The contract's statistics object for one town and period."""
    period: dict[str, Any] = {"town": town, "period_from": period_from, "period_to": period_to}
    return {
        "town": town.name,
        "from": period_from.isoformat(),
        "to": period_to.isoformat(),
        "as_of": as_of.isoformat(),
        "villages": OrgUnit.objects.filter(parent=town, kind__in=VILLAGE_KINDS).count(),
        "reserves": reserve_strength(town=town, on=as_of),
        "party_development": party_development(**period),
        "returnees": returnees(**period),
        "training": training(**period),
        "mentoring": mentoring(**period),
        "commendations": commendations(**period),
        "ratings": ratings(town=town, year=period_to.year),
    }


def towns_in_scope(scope: Scope) -> list[OrgUnit]:
    return list(scope.towns().order_by("name"))
