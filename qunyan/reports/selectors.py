"""Statistics of the contract (`qunyan stats`), computed with aggregate queries only.

Every section is computed for a set of towns at once, grouped by town: one town's statistics
and a whole province's take the same dozen queries (a province is not a loop over its towns).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.evaluation.choices import RATING_WORDS, Rating
from qunyan.evaluation.selectors import commendations_in_years, ratings_of_year
from qunyan.mentoring.selectors import mentorships_active_in_period
from qunyan.party.selectors import admissions_in_period
from qunyan.people.choices import SOURCE_WORDS
from qunyan.reserves.selectors import EMPTY, pool_counts_by_town, reserves_in_pool, shortfall
from qunyan.talents.selectors import business_starts_in_period, outreach_in_period
from qunyan.training.choices import PROGRAMME_WORDS
from qunyan.training.selectors import classes_started_in_period

# One section's figures per town id.
PerTown = dict[int, Any]


def _grouped(rows: QuerySet[Any], key: str = "town") -> dict[int, dict[str, Any]]:
    """`.values(key, …).annotate(…)` rows as {town id: the rest of the row}."""
    return {row.pop(key): row for row in rows}


def _nested(rows: Iterable[tuple[int, Any, int]]) -> dict[int, dict[Any, int]]:
    """(town id, key, n) rows as {town id: {key: n}}."""
    out: dict[int, dict[Any, int]] = defaultdict(dict)
    for town_id, key, n in rows:
        out[town_id][key] = n
    return out


def villages(towns: list[OrgUnit]) -> PerTown:
    rows = (
        OrgUnit.objects.filter(parent__in=towns, kind__in=VILLAGE_KINDS)
        .order_by()
        .values_list("parent")
        .annotate(n=Count("id"))
    )
    counts = dict(rows)
    return {town.pk: counts.get(town.pk, 0) for town in towns}


def reserve_strength(towns: list[OrgUnit], *, on: datetime.date) -> PerTown:
    """The pool on a day: totals, the young/college structure and villages short of the standard.

    The contract's standard is the two thresholds; the optional key posts are the survey's.
    """
    keys = ("total", "age_35_or_under", "college_or_above", "young_and_college")
    per_town, per_village = pool_counts_by_town(towns=towns, on=on, only=keys)
    deficient: dict[int | None, list[str]] = defaultdict(list)
    all_villages = OrgUnit.objects.filter(parent__in=towns, kind__in=VILLAGE_KINDS)
    for village_id, name, town_id in all_villages.values_list("id", "name", "parent"):
        if shortfall(per_village.get(village_id, EMPTY)):
            deficient[town_id].append(name)
    return {
        town.pk: {
            **{key: per_town.get(town.pk, EMPTY)[key] for key in keys},
            "deficient_villages": sorted(deficient[town.pk]),
        }
        for town in towns
    }


def party_development(
    towns: list[OrgUnit], *, period_from: datetime.date, period_to: datetime.date
) -> PerTown:
    """New probationary members of the period, by source, and those admitted from the pool."""
    admitted = admissions_in_period(
        towns=towns, period_from=period_from, period_to=period_to
    ).order_by()
    # In the pool on the very day of admission, whatever happened to the stay afterwards.
    was_reserve = Exists(
        reserves_in_pool(on=OuterRef("admitted_on")).filter(person=OuterRef("person"))
    )
    totals = _grouped(
        admitted.values("town").annotate(
            new=Count("person", distinct=True),
            from_reserves=Count("person", filter=Q(was_reserve), distinct=True),
        )
    )
    per_source = _nested(
        admitted.values_list("town", "source_category").annotate(
            people=Count("person", distinct=True)
        )
    )
    out = {}
    for town in towns:
        total = totals.get(town.pk, {"new": 0, "from_reserves": 0})
        sources = per_source.get(town.pk, {})
        out[town.pk] = {
            "new_probationary_members": total["new"],
            "by_source": {word: sources.get(code, 0) for word, code in SOURCE_WORDS.items()},
            "from_reserves": total["from_reserves"],
        }
    return out


def returnees(
    towns: list[OrgUnit], *, period_from: datetime.date, period_to: datetime.date
) -> PerTown:
    """Talents who came home and started a business in the period, and the contacts made."""
    period: dict[str, Any] = {"towns": towns, "period_from": period_from, "period_to": period_to}
    started = dict(
        business_starts_in_period(**period)
        .order_by()
        .values_list("town")
        .annotate(people=Count("person", distinct=True))
    )
    contacts = dict(
        outreach_in_period(**period).order_by().values_list("town").annotate(n=Count("id"))
    )
    return {
        town.pk: {
            "started_business": started.get(town.pk, 0),
            "outreach_contacts": contacts.get(town.pk, 0),
        }
        for town in towns
    }


def training(
    towns: list[OrgUnit], *, period_from: datetime.date, period_to: datetime.date
) -> PerTown:
    """Classes that start in the period and their attendance (人次), in total and by programme."""
    classes = classes_started_in_period(
        towns=towns, period_from=period_from, period_to=period_to
    ).order_by()
    counts = {"classes": Count("id", distinct=True), "person_times": Count("attendances")}
    # A class has one programme: the town's totals are the sums of its programmes'.
    per_programme: dict[int, dict[str, dict[str, int]]] = defaultdict(dict)
    totals: dict[int, dict[str, int]] = defaultdict(lambda: {"classes": 0, "person_times": 0})
    for row in classes.values("town", "programme").annotate(**counts):
        town_id = row.pop("town")
        per_programme[town_id][row.pop("programme")] = row
        for key, n in row.items():
            totals[town_id][key] += n
    empty = {"classes": 0, "person_times": 0}
    return {
        town.pk: {
            **totals[town.pk],
            "by_programme": {
                word: {key: per_programme[town.pk].get(code, empty)[key] for key in empty}
                for word, code in PROGRAMME_WORDS.items()
            },
        }
        for town in towns
    }


def mentoring(
    towns: list[OrgUnit], *, period_from: datetime.date, period_to: datetime.date
) -> PerTown:
    """Distinct mentors and mentees of the pairs active in the period."""
    pairs = mentorships_active_in_period(towns=towns, period_from=period_from, period_to=period_to)
    per_town = _grouped(
        pairs.order_by()
        .values("town")
        .annotate(mentors=Count("mentor", distinct=True), mentees=Count("mentee", distinct=True))
    )
    return {town.pk: per_town.get(town.pk, {"mentors": 0, "mentees": 0}) for town in towns}


def commendations(
    towns: list[OrgUnit], *, period_from: datetime.date, period_to: datetime.date
) -> PerTown:
    """Distinct people commended in the period's years, in total and per authority."""
    honours = commendations_in_years(
        towns=towns, first=period_from.year, last=period_to.year
    ).order_by()
    persons = dict(honours.values_list("town").annotate(people=Count("person", distinct=True)))
    per_authority = _nested(
        honours.order_by("town", "authority")
        .values_list("town", "authority")
        .annotate(people=Count("person", distinct=True))
    )
    return {
        town.pk: {
            "persons": persons.get(town.pk, 0),
            "by_authority": per_authority.get(town.pk, {}),
        }
        for town in towns
    }


def ratings(towns: list[OrgUnit], *, year: int) -> PerTown:
    """Villages per rating of one year, 一般 left out."""
    per_rating = _nested(
        ratings_of_year(towns=towns, year=year)
        .order_by()
        .values_list("village__parent", "rating")
        .annotate(villages=Count("id"))
    )
    return {
        town.pk: {
            word: per_rating.get(town.pk, {}).get(code, 0)
            for word, code in RATING_WORDS.items()
            if code != Rating.ORDINARY
        }
        for town in towns
    }


def statistics_by_town(
    towns: Iterable[OrgUnit],
    *,
    period_from: datetime.date,
    period_to: datetime.date,
    as_of: datetime.date,
) -> dict[int, dict[str, Any]]:
    """The contract's statistics object of each town for one period, by town id."""
    towns = list(towns)
    if not towns:
        return {}
    period: dict[str, Any] = {"period_from": period_from, "period_to": period_to}
    sections = {
        "villages": villages(towns),
        "reserves": reserve_strength(towns, on=as_of),
        "party_development": party_development(towns, **period),
        "returnees": returnees(towns, **period),
        "training": training(towns, **period),
        "mentoring": mentoring(towns, **period),
        "commendations": commendations(towns, **period),
        "ratings": ratings(towns, year=period_to.year),
    }
    heading = {
        "from": period_from.isoformat(),
        "to": period_to.isoformat(),
        "as_of": as_of.isoformat(),
    }
    return {
        town.pk: {
            "town": town.name,
            **heading,
            **{key: figures[town.pk] for key, figures in sections.items()},
        }
        for town in towns
    }


def town_statistics(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date, as_of: datetime.date
) -> dict[str, Any]:
    """The contract's statistics object for one town and period."""
    by_town = statistics_by_town([town], period_from=period_from, period_to=period_to, as_of=as_of)
    return by_town[town.pk]


def towns_in_scope(scope: Scope) -> list[OrgUnit]:
    return list(scope.towns().order_by("name"))
