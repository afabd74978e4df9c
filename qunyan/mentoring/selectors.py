"""Reads of mentoring: pairs, the register, open mentees and coverage (suggested pairs are in
suggestions.py).

Pairs are seen through their mentee's unit: a village secretary sees the pairs of the village's
cadres, whoever mentors them.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from qunyan.core.models import OrgUnit, Towns
from qunyan.core.rules import rule_int
from qunyan.core.scopes import Scope
from qunyan.people.models import CadreTerm, Person
from qunyan.reports.periods import born_after_for_age_at_most

from .choices import Principle
from .models import Mentor, Mentorship


def mentorships_active_in_period(
    *, towns: Towns, period_from: datetime.date, period_to: datetime.date
) -> QuerySet[Mentorship]:
    """Pairs active at any time in the closed period: paired by its end, not ended before it.

    A pair counts for its mentee's town (kept on the pair): mentors may come from the town or
    from above it.
    """
    return Mentorship.objects.filter(town__in=towns, started_on__lte=period_to).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=period_from)
    )


def active_on(on: datetime.date, prefix: str = "") -> Q:
    """Pairs that run on a day: started by it and not ended before it."""
    return Q(**{f"{prefix}started_on__lte": on}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": on})
    )


def pairs_in_scope(scope: Scope) -> QuerySet[Mentorship]:
    """Every pair whose mentee is in the scope."""
    return scope.filter(
        Mentorship.objects.select_related("mentor__unit", "mentee__unit"),
        unit_field="mentee__unit",
    )


def with_last_activity(pairs: QuerySet[Mentorship], *, on: datetime.date) -> QuerySet[Mentorship]:
    """Pairs with `last_activity` (their last meeting up to the day, else their start) and
    `idle`: running on the day with no activity for MENTORING_IDLE_DAYS."""
    idle_since = on - datetime.timedelta(days=rule_int("MENTORING_IDLE_DAYS"))
    last = Coalesce(Max("meetings__on", filter=Q(meetings__on__lte=on)), "started_on")
    return pairs.annotate(
        last_activity=ExpressionWrapper(last, output_field=DateField()),
        meeting_count=Count("meetings", filter=Q(meetings__on__lte=on)),
    ).annotate(
        idle=ExpressionWrapper(
            active_on(on) & Q(last_activity__lt=idle_since), output_field=BooleanField()
        )
    )


def pair_list(
    *,
    scope: Scope,
    on: datetime.date,
    status: str = "active",
    principle: str = "",
    village: int | None = None,
    idle_only: bool = False,
) -> QuerySet[Mentorship]:
    """Pairs in scope (running on the day by default), idle ones marked, longest idle first."""
    pairs = pairs_in_scope(scope)
    if status == "active":
        pairs = pairs.filter(active_on(on))
    elif status == "ended":
        pairs = pairs.filter(ended_on__lt=on)
    if principle:
        pairs = pairs.filter(principle=principle)
    if village:
        pairs = pairs.filter(mentee__unit_id=village)
    pairs = with_last_activity(pairs, on=on)
    if idle_only:
        pairs = pairs.filter(Q(idle=True))
    return pairs.order_by("-idle", "last_activity", "mentee__name_pinyin")


def pair_get(*, scope: Scope, pk: int, on: datetime.date) -> Mentorship:
    """A pair in scope with its activity on the day, or Mentorship.DoesNotExist."""
    return with_last_activity(pairs_in_scope(scope), on=on).get(pk=pk)


def _load(on: datetime.date) -> Coalesce:
    running = (
        Mentorship.objects.filter(active_on(on), mentor=OuterRef("person"))
        .order_by()
        .values("mentor")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(running, output_field=IntegerField()), Value(0))


def _first_term(person_ref: str) -> Subquery:
    terms = CadreTerm.objects.filter(person=OuterRef(person_ref)).order_by("started_on")
    return Subquery(terms.values("started_on")[:1], output_field=DateField())


def mentor_list(
    *, scope: Scope, on: datetime.date, kind: str = "", available: bool | None = None
) -> QuerySet[Mentor]:
    """Registered mentors in scope with `load` (pairs running on the day)."""
    mentors = scope.filter(
        Mentor.objects.select_related("person__unit"), unit_field="person__unit"
    ).annotate(load=_load(on), first_term=_first_term("person"))
    if kind:
        mentors = mentors.filter(kind=kind)
    if available is not None:
        mentors = mentors.filter(available=available)
    return mentors.order_by("person__unit__path", "person__name_pinyin")


def mentor_get(*, scope: Scope, pk: int, on: datetime.date) -> Mentor:
    """A registered mentor in scope, or Mentor.DoesNotExist."""
    return mentor_list(scope=scope, on=on).get(pk=pk)


def _young_cadre(town: OrgUnit, on: datetime.date) -> Q:
    """Serving on a village's two committees, or working for the town, and young enough."""
    serving = CadreTerm.objects.filter(person=OuterRef("pk"), started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on)
    )
    young = Q(birth_date__gt=born_after_for_age_at_most(rule_int("MENTEE_MAX_AGE"), on))
    return young & (Q(Exists(serving)) | Q(unit=town))


def open_mentees(*, scope: Scope, town: OrgUnit, on: datetime.date) -> QuerySet[Person]:
    """Young cadres of the town without a running pair on the day (registered mentors aside)."""
    paired = Mentorship.objects.filter(active_on(on), mentee=OuterRef("pk"))
    people = scope.filter(Person.objects.filter(town=town)).filter(_young_cadre(town, on))
    return (
        people.exclude(Exists(paired))
        .exclude(Exists(Mentor.objects.filter(person=OuterRef("pk"))))
        .select_related("unit", "mentee_need")
        .annotate(first_term=_first_term("pk"))
        .order_by("unit__path", "name_pinyin")
    )


def mentee_get(*, scope: Scope, pk: int) -> Person:
    """A person in scope with what the solver needs to know, or Person.DoesNotExist."""
    people = scope.filter(Person.objects.select_related("unit", "town", "mentee_need"))
    return people.annotate(first_term=_first_term("pk")).get(pk=pk)


@dataclass
class Coverage:
    """Mentoring in a town over a period; stock figures on `as_of`."""

    town: OrgUnit
    period_from: datetime.date
    period_to: datetime.date
    as_of: datetime.date
    mentors: int  # the statistic's figures: people of the pairs active in the period
    mentees: int
    pairs: int
    by_principle: dict[str, int]
    running: int  # pairs running on as_of
    idle: list[Mentorship]
    registered: int
    available: int
    free_places: int
    open_mentees: int
    villages: list[dict[str, Any]] = field(default_factory=list)


def mentoring_coverage(
    *,
    scope: Scope,
    town: OrgUnit,
    period_from: datetime.date,
    period_to: datetime.date,
    as_of: datetime.date,
) -> Coverage:
    """The overview: the statistic's mentors and mentees, pairs by principle, who is idle on
    `as_of`, and the register's room, all within the scope."""
    period = scope.filter(
        mentorships_active_in_period(towns=[town], period_from=period_from, period_to=period_to),
        unit_field="mentee__unit",
    )
    people = period.aggregate(
        mentors=Count("mentor", distinct=True),
        mentees=Count("mentee", distinct=True),
        pairs=Count("id"),
    )
    per_principle = dict(
        period.order_by()
        .values_list("principle")
        .annotate(n=Count("id"))
        .values_list("principle", "n")
    )
    current = pairs_in_scope(scope).filter(active_on(as_of), mentee__town=town)
    running = with_last_activity(current, on=as_of)
    idle = list(running.filter(Q(idle=True)).order_by("last_activity", "mentee__name_pinyin"))
    per_village = (
        current.order_by()
        .values("mentee__unit__name", "mentee__unit__path")
        .annotate(pairs=Count("id", distinct=True))
    )
    idle_per_village: dict[str, int] = {}
    for pair in idle:
        idle_per_village[pair.mentee.unit.name] = idle_per_village.get(pair.mentee.unit.name, 0) + 1
    villages = [
        {
            "name": row["mentee__unit__name"],
            "pairs": row["pairs"],
            "idle": idle_per_village.get(row["mentee__unit__name"], 0),
        }
        for row in sorted(per_village, key=lambda row: row["mentee__unit__path"])
    ]
    register = list(mentor_list(scope=scope, on=as_of).filter(person__town=town))
    available = [m for m in register if m.available]
    return Coverage(
        town=town,
        period_from=period_from,
        period_to=period_to,
        as_of=as_of,
        mentors=people["mentors"],
        mentees=people["mentees"],
        pairs=people["pairs"],
        by_principle={code: per_principle.get(code, 0) for code in Principle.values},
        running=current.count(),
        idle=idle,
        registered=len(register),
        available=len(available),
        free_places=sum(max(0, m.capacity - m.load) for m in available),  # type: ignore[attr-defined]
        open_mentees=open_mentees(scope=scope, town=town, on=as_of).count(),
        villages=villages,
    )


def idle_days() -> int:
    """Days without a logged meeting after which a running pair counts as idle."""
    return rule_int("MENTORING_IDLE_DAYS")
