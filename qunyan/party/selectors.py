"""Reads of party member development records, always narrowed to a scope."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import VILLAGE_KINDS, OrgUnit, Towns
from qunyan.core.rules import rule_int
from qunyan.core.scopes import Scope
from qunyan.people.choices import SourceCategory

from .choices import DocumentKind
from .models import DevelopmentPlan, DevelopmentRecord, DevelopmentStep, Document, Publicity
from .workflow import (
    APPROVAL_MONTHS,
    ASSESSMENT_MONTHS,
    TALK_WITHIN_MONTHS,
    Stage,
    add_months,
    probation_ends,
)


def admissions_in_period(
    *, towns: Towns, period_from: datetime.date, period_to: datetime.date
) -> QuerySet[DevelopmentRecord]:
    """Records of the towns whose admission as probationary member falls in the closed period."""
    return DevelopmentRecord.objects.filter(
        town__in=towns, admitted_on__gte=period_from, admitted_on__lte=period_to
    )


def records_in_scope(*, scope: Scope) -> QuerySet[DevelopmentRecord]:
    """Every record the scope may see, with the person and their unit."""
    return scope.filter(
        DevelopmentRecord.objects.select_related("person", "person__unit"), "person__unit"
    )


# The stage filter: the last stage date given, as a query.
STAGE_FILTERS = {
    Stage.APPLICANT: Q(activist_on__isnull=True),
    Stage.ACTIVIST: Q(activist_on__isnull=False, candidate_on__isnull=True),
    Stage.DEVELOPMENT_CANDIDATE: Q(candidate_on__isnull=False, admitted_on__isnull=True),
    Stage.PROBATIONARY_MEMBER: Q(
        admitted_on__isnull=False, converted_on__isnull=True, cancelled_on__isnull=True
    ),
    Stage.FULL_MEMBER: Q(converted_on__isnull=False),
}


def record_list(
    *, scope: Scope, stage: int | None = None, search: str = ""
) -> QuerySet[DevelopmentRecord]:
    """Records in scope, by stage and by name or pinyin initials."""
    records = records_in_scope(scope=scope)
    if stage:
        records = records.filter(STAGE_FILTERS[Stage(stage)])
    if search:
        records = records.filter(
            Q(person__name__contains=search) | Q(person__name_initials__startswith=search.lower())
        )
    return records.order_by("-applied_on", "id")


def record_get(*, scope: Scope, pk: int) -> DevelopmentRecord:
    """One record in scope (DoesNotExist otherwise)."""
    return records_in_scope(scope=scope).get(pk=pk)


def notices_running(*, on: datetime.date) -> QuerySet[Publicity]:
    """Publicity notices whose period includes the day, across every town (the public page)."""
    return (
        Publicity.objects.filter(starts_on__lte=on, ends_on__gte=on, record__cancelled_on=None)
        .select_related("record", "record__person", "record__person__unit")
        .order_by("ends_on", "id")
    )


@dataclass(frozen=True)
class DueItem:
    kind: Promise
    record: DevelopmentRecord
    due_on: datetime.date
    overdue: bool


def _without_step(number: int) -> Q:
    return ~Q(Exists(DevelopmentStep.objects.filter(record=OuterRef("pk"), number=number)))


def due_items(*, scope: Scope, on: datetime.date) -> list[DueItem]:
    """What falls due within the look-ahead days or is overdue, soonest first."""
    ahead = on + datetime.timedelta(days=rule_int("PARTY_DUE_AHEAD_DAYS"))
    records = records_in_scope(scope=scope).filter(cancelled_on__isnull=True)
    items: list[DueItem] = []

    def add(kind: Promise, record: DevelopmentRecord, due: datetime.date) -> None:
        if due <= ahead:
            items.append(DueItem(kind, record, due, due < on))

    for record in records.filter(activist_on__isnull=True).filter(_without_step(2)):
        add(
            _("Talk after the application"),
            record,
            add_months(record.applied_on, TALK_WITHIN_MONTHS),
        )
    activists = records.filter(activist_on__isnull=False, candidate_on__isnull=True)
    assessed = dict(
        Document.objects.filter(record__in=activists, kind=DocumentKind.ASSESSMENT)
        .values_list("record")
        .annotate(last=Max("received_on"))
    )
    for record in activists:
        last = max(filter(None, [record.activist_on, assessed.get(record.pk)]))
        add(_("Half-yearly activist assessment"), record, add_months(last, ASSESSMENT_MONTHS))
    for meeting, approval, label in (
        ("admitted_on", 17, _("Approval of the admission")),
        ("converted_on", 24, _("Approval of the conversion")),
    ):
        for record in records.filter(**{f"{meeting}__isnull": False}).filter(
            _without_step(approval)
        ):
            add(label, record, add_months(getattr(record, meeting), APPROVAL_MONTHS))
    for record in records.filter(admitted_on__isnull=False, converted_on__isnull=True):
        assert record.admitted_on is not None
        add(
            _("End of probation"),
            record,
            probation_ends(record.admitted_on, record.extension_months),
        )
    for notice in scope.filter(notices_running(on=on), "record__person__unit"):
        items.append(DueItem(_("Publicity running"), notice.record, notice.ends_on, False))
    return sorted(items, key=lambda item: (item.due_on, item.record.pk))


def village_of(unit: OrgUnit, parents: dict[int, OrgUnit]) -> OrgUnit | None:
    """The village or community a unit is, or lies in (villager groups sit under one)."""
    while unit is not None and unit.kind not in VILLAGE_KINDS:
        unit = parents.get(unit.parent_id) if unit.parent_id else None  # type: ignore[assignment]
    return unit


@dataclass
class PlanRow:
    village: OrgUnit
    quota: int | None
    by_source: dict[str, int]

    @property
    def actual(self) -> int:
        return sum(self.by_source.values())


def plan_rows(*, scope: Scope, town: OrgUnit, year: int) -> list[PlanRow]:
    """Each village's quota for the year against the members admitted, by source category."""
    units = {unit.pk: unit for unit in scope.units().filter(path__startswith=town.path)}
    villages = sorted(
        (unit for unit in units.values() if unit.kind in VILLAGE_KINDS), key=lambda u: u.name
    )
    quotas = dict(
        DevelopmentPlan.objects.filter(village__in=villages, year=year).values_list(
            "village", "quota"
        )
    )
    rows = {v.pk: PlanRow(v, quotas.get(v.pk), defaultdict(int)) for v in villages}
    admitted = (
        records_in_scope(scope=scope)
        .filter(town=town)
        .annotate(year=ExtractYear("admitted_on"))
        .filter(year=year)
        .values_list("person__unit", "source_category")
        .annotate(n=Count("id"))
    )
    for unit_id, source, count in admitted:
        village = village_of(units[unit_id], units) if unit_id in units else None
        if village is not None:
            rows[village.pk].by_source[source] += count
    return list(rows.values())


SOURCES = list(SourceCategory)
