"""What teams did in a period: services by category, cases by result, hours — per village,
villager group and person, as aggregate queries (never a loop over every record)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope

from .choices import CaseResult
from .models import MediationCase, ServiceRecord

# Keys of a case count by result; "open" is a case without a result yet.
RESULT_KEYS = (*CaseResult.values, "open")


@dataclass
class Summary:
    """One row of a summary: a village, a villager group or a person."""

    key: int
    label: str
    services: int = 0
    served: int = 0
    hours: Decimal = Decimal(0)
    by_category: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RESULT_KEYS, 0))

    @property
    def case_total(self) -> int:
        return sum(self.cases.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "services": self.services,
            "served": self.served,
            "hours": self.hours,
            "by_category": dict(self.by_category),
            "cases": self.case_total,
            **{f"cases_{key}": count for key, count in self.cases.items()},
        }


def _services(scope: Scope, start: datetime.date, end: datetime.date) -> QuerySet[ServiceRecord]:
    return scope.filter(ServiceRecord.objects.all(), unit_field="village").filter(
        date__gte=start, date__lte=end
    )


def _cases(scope: Scope, start: datetime.date, end: datetime.date) -> QuerySet[MediationCase]:
    return scope.filter(MediationCase.objects.all(), unit_field="village").filter(
        received_on__gte=start, received_on__lte=end
    )


def _fill(
    rows: dict[int, Summary],
    services: QuerySet[ServiceRecord] | None,
    cases: QuerySet[MediationCase] | None,
    key: str,
    case_key: str | None = None,
) -> None:
    """Add the services (grouped by `key`) and cases (by `case_key`, else `key`) to the rows."""
    if services is not None:
        totals = services.order_by().values(key)
        totals = totals.annotate(n=Count("id"), s=Sum("served_count"), h=Sum("hours"))
        for item in totals:
            row = rows.get(item[key])
            if row is not None:
                row.services, row.served = item["n"], item["s"] or 0
                row.hours = item["h"] or Decimal(0)
        for item in services.order_by().values(key, "category__name").annotate(n=Count("id")):
            row = rows.get(item[key])
            if row is not None:
                row.by_category[item["category__name"]] = item["n"]
    if cases is not None:
        case_key = case_key or key
        for item in cases.order_by().values(case_key, "result").annotate(n=Count("id")):
            row = rows.get(item[case_key])
            if row is not None:
                row.cases[item["result"] or "open"] += item["n"]


def summary_by_village(
    *, scope: Scope, town: OrgUnit, start: datetime.date, end: datetime.date
) -> list[Summary]:
    """Every village of the town in scope, with what its teams did from start to end."""
    villages = scope.units().filter(town=town, kind__in=VILLAGE_KINDS).order_by("path")
    rows = {village.pk: Summary(village.pk, village.name) for village in villages}
    _fill(rows, _services(scope, start, end), _cases(scope, start, end), "village_id")
    return list(rows.values())


def summary_by_group(
    *, scope: Scope, town: OrgUnit, start: datetime.date, end: datetime.date
) -> list[Summary]:
    """Every villager group of the town in scope (records made for a group only)."""
    groups = scope.units().filter(town=town, kind=OrgUnit.Kind.GROUP).select_related("parent")
    rows = {
        g.pk: Summary(g.pk, f"{g.parent.name if g.parent else ''} {g.name}")
        for g in groups.order_by("path")
    }
    _fill(rows, _services(scope, start, end), _cases(scope, start, end), "group_id")
    return list(rows.values())


def summary_by_person(
    *, scope: Scope, town: OrgUnit, start: datetime.date, end: datetime.date
) -> list[Summary]:
    """Everyone who served or mediated in the town's villages in scope; each server is credited
    with the whole service (a service by two people is one service and its hours for each)."""
    services = _services(scope, start, end).filter(village__town=town)
    cases = _cases(scope, start, end).filter(village__town=town)
    names = dict(services.values_list("servers__id", "servers__name").distinct())
    names.update(cases.values_list("mediators__id", "mediators__name").distinct())
    rows = {pk: Summary(pk, name) for pk, name in names.items() if pk is not None}
    _fill(rows, services, cases, "servers__id", "mediators__id")
    return sorted(rows.values(), key=lambda row: (-row.services - row.case_total, row.label))


def village_service_summary(
    *, scope: Scope, town: OrgUnit, start: datetime.date, end: datetime.date
) -> dict[int, dict[str, Any]]:
    """{village id: {services, served, hours, by_category, cases, cases_settled, cases_referred,
    cases_unsettled, cases_open}} for every village of the town in scope, zeros included; the
    evaluation module's optional rating indicator and the year report's section read this."""
    return {
        row.key: row.as_dict()
        for row in summary_by_village(scope=scope, town=town, start=start, end=end)
    }


def town_totals(rows: list[Summary]) -> Summary:
    total = Summary(0, "")
    for row in rows:
        total.services += row.services
        total.served += row.served
        total.hours += row.hours
        for name, count in row.by_category.items():
            total.by_category[name] = total.by_category.get(name, 0) + count
        for key, count in row.cases.items():
            total.cases[key] += count
    return total
