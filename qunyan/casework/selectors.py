"""Reads of service records, mediation cases and their categories, narrowed by a scope."""

import datetime

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.rules import rule_int
from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.selectors import IDENTITIES

from .models import MediationCase, ServiceCategory, ServiceRecord
from .services import categories_ensure
from .workflow import overdue_received_before


def categories_of(*, town: OrgUnit, active_only: bool = False) -> QuerySet[ServiceCategory]:
    """The town's category list (the defaults the first time)."""
    categories_ensure(town=town)
    categories = ServiceCategory.objects.filter(town=town)
    return categories.filter(is_active=True) if active_only else categories


def villages_in(*, scope: Scope) -> QuerySet[OrgUnit]:
    return scope.units().filter(kind__in=VILLAGE_KINDS).order_by("path")


def groups_in(*, scope: Scope) -> QuerySet[OrgUnit]:
    return scope.units().filter(kind=OrgUnit.Kind.GROUP).select_related("parent")


# Whom a team is made of (三长制: party members and reserves are its backbone, cadres lead it).
TEAM_IDENTITIES = ("cadre", "reserve", "party_member")


def team_candidates(*, scope: Scope, on: datetime.date | None = None) -> QuerySet[Person]:
    """People in scope who can serve on a team: cadres, reserves and party members."""
    on = on or timezone.localdate()
    condition = Q()
    for key in TEAM_IDENTITIES:
        condition |= IDENTITIES[key].condition(on)
    people = scope.filter(Person.objects.select_related("unit")).filter(condition)
    return people.order_by("unit__path", "name_pinyin", "id")


def service_list(
    *,
    scope: Scope,
    village: int | None = None,
    group: int | None = None,
    category: int | None = None,
    person: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[ServiceRecord]:
    """Services in scope, newest first."""
    records = scope.filter(
        ServiceRecord.objects.select_related("village", "group", "category"), unit_field="village"
    ).prefetch_related("servers")
    if village:
        records = records.filter(village_id=village)
    if group:
        records = records.filter(group_id=group)
    if category:
        records = records.filter(category_id=category)
    if person:
        records = records.filter(servers=person)
    if since:
        records = records.filter(date__gte=since)
    if until:
        records = records.filter(date__lte=until)
    return records.order_by("-date", "-id")


def service_get(*, scope: Scope, pk: int) -> ServiceRecord:
    """A service in scope, or ServiceRecord.DoesNotExist."""
    return service_list(scope=scope).get(pk=pk)


# Filters of the case list beside the result itself.
OPEN, OVERDUE = "open", "overdue"


def case_list(
    *,
    scope: Scope,
    today: datetime.date | None = None,
    village: int | None = None,
    group: int | None = None,
    status: str = "",
    person: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[MediationCase]:
    """Cases in scope, newest first, each marked `overdue` when open past the set days."""
    bound = overdue_received_before(
        today=today or timezone.localdate(), alert_days=rule_int("CASE_OPEN_ALERT_DAYS")
    )
    cases = scope.filter(
        MediationCase.objects.select_related("village", "group"), unit_field="village"
    ).annotate(
        overdue=Case(
            When(result="", received_on__lt=bound, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    if village:
        cases = cases.filter(village_id=village)
    if group:
        cases = cases.filter(group_id=group)
    if status == OPEN:
        cases = cases.filter(result="")
    elif status == OVERDUE:
        cases = cases.filter(overdue=True)
    elif status:
        cases = cases.filter(result=status)
    if person:
        cases = cases.filter(mediators=person)
    if since:
        cases = cases.filter(received_on__gte=since)
    if until:
        cases = cases.filter(received_on__lte=until)
    return cases.prefetch_related("mediators", "parties").order_by("-received_on", "-id")


def case_get(*, scope: Scope, pk: int) -> MediationCase:
    """A case in scope, or MediationCase.DoesNotExist."""
    return case_list(scope=scope).get(pk=pk)


# The evaluation module and the year report read this (see summaries.py).
from .summaries import village_service_summary  # noqa: E402, F401
