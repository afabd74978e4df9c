"""The town dashboard's charts: each one a handful of aggregate queries, never one per row.

The headline figures come from `town_statistics` (the numbers of `qunyan stats`); this module
adds the breakdowns behind them. A module without any record for the town is reported as
absent (`presence`), so pages and the report can say 暂无数据 instead of a false zero.
"""

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from qunyan.core.models import VILLAGE_KINDS, OrgUnit, Towns
from qunyan.core.rules import rule
from qunyan.core.scopes import Scope
from qunyan.evaluation.choices import RATING_WORDS
from qunyan.evaluation.models import Commendation, VillageRating
from qunyan.mentoring.choices import Principle
from qunyan.mentoring.models import Mentorship
from qunyan.mentoring.selectors import active_on, mentorships_active_in_period
from qunyan.party.models import DevelopmentRecord
from qunyan.party.workflow import STAGE_FIELDS, STAGE_LABELS, Stage
from qunyan.people.choices import SOURCE_WORDS
from qunyan.people.models import CadreTerm, Person
from qunyan.reserves.models import Reserve
from qunyan.reserves.selectors import EMPTY, pool_counts, shortfall
from qunyan.talents.funnel import STAGES as OUTREACH_STAGES
from qunyan.talents.funnel import stage_people
from qunyan.talents.models import Outreach, OutsideTalent
from qunyan.training.choices import PROGRAMME_WORDS
from qunyan.training.models import Attendance, TrainingClass
from qunyan.training.selectors import classes_started_in_period

from .periods import born_after_for_age_at_most
from .structure import MAX_STRUCTURE_POINTS, structure, structure_days


def presence_by_town(towns: Towns) -> dict[int, dict[str, bool]]:
    """Whether each module holds any record for each town at all (one query for all towns)."""
    checks = {
        "cadres": CadreTerm.objects.filter(village__parent=OuterRef("pk")),
        "reserves": Reserve.objects.filter(town=OuterRef("pk")),
        "party": DevelopmentRecord.objects.filter(town=OuterRef("pk")),
        "talents": OutsideTalent.objects.filter(town=OuterRef("pk")),
        "outreach": Outreach.objects.filter(town=OuterRef("pk")),
        "training": TrainingClass.objects.filter(town=OuterRef("pk")),
        "mentoring": Mentorship.objects.filter(town=OuterRef("pk")),
        "ratings": VillageRating.objects.filter(village__parent=OuterRef("pk")),
        "commendations": Commendation.objects.filter(town=OuterRef("pk"), person__isnull=False),
    }
    # Prefixed: some keys are also reverse relations of OrgUnit ("ratings").
    rows = (
        OrgUnit.objects.filter(pk__in=[town.pk for town in towns])
        .annotate(**{f"has_{key}": Exists(query) for key, query in checks.items()})
        .values("pk", *(f"has_{key}" for key in checks))
    )
    return {row["pk"]: {key: bool(row[f"has_{key}"]) for key in checks} for row in rows}


def presence(town: OrgUnit) -> dict[str, bool]:
    """Whether each module holds any record for the town at all (one query)."""
    return presence_by_town([town])[town.pk]


def village_reserves(*, town: OrgUnit, on: datetime.date) -> list[dict[str, Any]]:
    """Each village's pool on a day and how far it falls short of the standard."""
    _totals, per_village = pool_counts(town=town, on=on)
    rows = []
    villages = OrgUnit.objects.filter(parent=town, kind__in=VILLAGE_KINDS).order_by("kind", "name")
    for pk, name in villages.values_list("pk", "name"):
        counts = per_village.get(pk, EMPTY)
        gaps = shortfall(counts)
        rows.append(
            {
                "name": name,
                "total": counts["total"],
                "young_and_college": counts["young_and_college"],
                "missing": sum(gap.n for gap in gaps if gap.kind == "reserves"),
                "missing_young_college": sum(gap.n for gap in gaps if gap.kind == "young_college"),
                "short": bool(gaps),
            }
        )
    return rows


def party_funnel(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> dict[str, Any]:
    """People who reached each stage within the period, per source category (one query)."""
    measures = {
        field: Count("id", filter=Q(**{f"{field}__range": (period_from, period_to)}))
        for field in STAGE_FIELDS
    }
    rows = {
        row.pop("source_category"): row
        for row in DevelopmentRecord.objects.filter(town=town)
        .order_by()
        .values("source_category")
        .annotate(**measures)
    }
    return {
        "stages": [str(STAGE_LABELS[stage]) for stage in Stage],
        "sources": list(SOURCE_WORDS),
        "series": {
            word: [rows.get(code, {}).get(field, 0) for field in STAGE_FIELDS]
            for word, code in SOURCE_WORDS.items()
        },
    }


def training_by_month(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> dict[str, Any]:
    """Person-times (人次) per month of class start and programme (one query)."""
    classes = classes_started_in_period(towns=[town], period_from=period_from, period_to=period_to)
    # Grouped by start day (a few dozen rows), then by month here: SQLite has no cheap month
    # truncation, and the result is the same.
    rows = (
        Attendance.objects.filter(training_class__in=classes)
        .order_by()
        .values_list("training_class__starts_on", "training_class__programme")
        .annotate(n=Count("id"))
    )
    table: dict[str, dict[str, int]] = {}
    for day, programme, n in rows:
        month = table.setdefault(f"{day:%Y-%m}", {})
        month[programme] = month.get(programme, 0) + n
    months = sorted(table)
    return {
        "months": months,
        "programmes": list(PROGRAMME_WORDS),
        "series": {
            word: [table[month].get(code, 0) for month in months]
            for word, code in PROGRAMME_WORDS.items()
        },
    }


def mentoring_coverage(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date, on: datetime.date
) -> dict[str, Any]:
    """Mentees per principle in the period, and the young serving cadres with a mentor on a day."""
    pairs = mentorships_active_in_period(towns=[town], period_from=period_from, period_to=period_to)
    per_principle = dict(
        pairs.order_by().values_list("principle").annotate(n=Count("mentee", distinct=True))
    )
    young = Q(birth_date__gt=born_after_for_age_at_most(rule("YOUNG_MAX_AGE"), on))
    serving = CadreTerm.objects.filter(person=OuterRef("pk"), started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on)
    )
    mentored = Mentorship.objects.filter(active_on(on), mentee=OuterRef("pk"))
    cadres = Person.objects.filter(young, Exists(serving), town=town).aggregate(
        young_cadres=Count("pk"), mentored=Count("pk", filter=Q(Exists(mentored)))
    )
    return {
        "principles": {str(label): per_principle.get(code, 0) for code, label in Principle.choices},
        "young_cadres": cadres["young_cadres"],
        "young_cadres_mentored": cadres["mentored"],
        "on": on.isoformat(),
    }


def ratings_by_year(*, town: OrgUnit, first: int, last: int) -> dict[str, Any]:
    """Villages per rating for each year of the period (one query)."""
    years = list(range(max(first, last - MAX_STRUCTURE_POINTS + 1), last + 1))
    rows = (
        VillageRating.objects.filter(village__parent=town, year__in=years)
        .order_by()
        .values_list("year", "rating")
        .annotate(n=Count("id"))
    )
    table = {(year, rating): n for year, rating, n in rows}
    return {
        "years": years,
        "ratings": list(RATING_WORDS),
        "series": {
            word: [table.get((year, code), 0) for year in years]
            for word, code in RATING_WORDS.items()
        },
    }


def outreach_funnel(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date, scope: Scope
) -> dict[str, Any]:
    """The returnee funnel's step totals, counted by the talents module's own definitions.

    Only the totals: the full `returnee_funnel` also groups every step by village and campaign,
    which the dashboard does not show and which would double its time.
    """
    steps = stage_people(town=town, period_from=period_from, period_to=period_to, scope=scope)
    return {
        "labels": [str(label) for _key, label in OUTREACH_STAGES],
        "values": [steps[key].count() for key, _label in OUTREACH_STAGES],
    }


def dashboard_charts(
    *,
    town: OrgUnit,
    period_from: datetime.date,
    period_to: datetime.date,
    as_of: datetime.date,
    scope: Scope,
) -> dict[str, Any]:
    """Every chart of the dashboard for one town and period."""
    period: dict[str, Any] = {"town": town, "period_from": period_from, "period_to": period_to}
    return {
        "villages": village_reserves(town=town, on=as_of),
        "thresholds": {
            "total": int(rule("RESERVE_MIN_PER_VILLAGE")),
            "young_and_college": int(rule("RESERVE_MIN_YOUNG_COLLEGE_PER_VILLAGE")),
        },
        "structure": structure(town=town, days=structure_days(period_from, as_of)),
        "party": party_funnel(**period),
        "training": training_by_month(**period),
        "mentoring": mentoring_coverage(**period, on=as_of),
        "ratings": ratings_by_year(town=town, first=period_from.year, last=period_to.year),
        "outreach": outreach_funnel(**period, scope=scope),
    }


def chart_labels() -> dict[str, str]:
    """The words the charts' script shows, in the reader's language."""
    return {
        "reserves": _("Reserves"),
        "young_and_college": _("35 or under with college"),
        "missing": _("Missing to the standard"),
        "cadres": _("Cadres"),
        "pool": _("Reserves"),
        "mentored": _("Young cadres with a mentor"),
        "unmentored": _("Young cadres without a mentor"),
        "no_data": _("No data yet"),
        "people": _("People"),
    }
