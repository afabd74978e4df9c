"""Class hours (学时) a person attended, by year, and the annual requirements they meet or miss.

Hours count attendance only: the hours of each session a person was present at, and for a class
without sessions (imported from the workbook) the class's hours for each attendance row.
"""

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from qunyan.core.models import OrgUnit
from qunyan.core.rules import rule_int
from qunyan.core.scopes import Scope
from qunyan.people.choices import PARTY_MEMBER_STATUSES
from qunyan.people.models import CadreTerm, Person
from qunyan.reports.periods import years_before
from qunyan.reserves.worklist import SECRETARY_POSTS

from .models import Attendance, Session, SessionAttendance

ZERO = Decimal(0)


def _sessionless() -> Q:
    return ~Q(Exists(Session.objects.filter(training_class=OuterRef("training_class"))))


def hours_by_person(person_ids: Iterable[int], year: int) -> dict[int, Decimal]:
    """Hours each person attended in a calendar year (sessions by their local start day)."""
    ids = list(person_ids)
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    presences = (
        SessionAttendance.objects.filter(
            person_id__in=ids, present=True, session__starts_at__year=year
        )
        .values("person_id")
        .annotate(total=Sum("session__hours"))
    )
    for row in presences:
        totals[row["person_id"]] += row["total"] or ZERO
    imported = (
        Attendance.objects.filter(person_id__in=ids, training_class__starts_on__year=year)
        .filter(_sessionless())
        .values("person_id")
        .annotate(total=Sum("training_class__hours"))
    )
    for row in imported:
        totals[row["person_id"]] += row["total"] or ZERO
    return dict(totals)


def hours_per_year(person: Person) -> dict[int, Decimal]:
    """Every year the person attended training, with the hours (newest year first)."""
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    presences = (
        SessionAttendance.objects.filter(person=person, present=True)
        .annotate(year=ExtractYear("session__starts_at"))
        .values("year")
        .annotate(total=Sum("session__hours"))
    )
    for row in presences:
        totals[row["year"]] += row["total"] or ZERO
    imported = (
        Attendance.objects.filter(person=person)
        .filter(_sessionless())
        .annotate(year=ExtractYear("training_class__starts_on"))
        .values("year")
        .annotate(total=Sum("training_class__hours"))
    )
    for row in imported:
        totals[row["year"]] += row["total"] or ZERO
    return dict(sorted(totals.items(), reverse=True))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st falls back to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class ComplianceRow:
    person: Person
    village: OrgUnit
    group: str  # "cadre" or "party_member"
    required: int
    hours: Decimal
    # New secretaries: the day by which they must have attended a class, whether they have, and
    # whether that day has passed without it.
    new_secretary_deadline: datetime.date | None = None
    new_secretary_trained: bool = False
    new_secretary_overdue: bool = False

    @property
    def short_by(self) -> Decimal:
        return max(Decimal(self.required) - self.hours, ZERO)

    @property
    def is_short(self) -> bool:
        return self.short_by > 0 or self.new_secretary_overdue


@dataclass
class VillageCompliance:
    village: OrgUnit
    rows: list[ComplianceRow] = field(default_factory=list)

    @property
    def short(self) -> list[ComplianceRow]:
        return [row for row in self.rows if row.is_short]


def _serving(on: datetime.date) -> Q:
    return Q(started_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gte=on))


def _trained_between(person_id: int, first: datetime.date, last: datetime.date) -> bool:
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(last, datetime.time.max, tzinfo=tz)
    if SessionAttendance.objects.filter(
        person_id=person_id, present=True, session__starts_at__range=(start, end)
    ).exists():
        return True
    return (
        Attendance.objects.filter(
            person_id=person_id, training_class__starts_on__range=(first, last)
        )
        .filter(_sessionless())
        .exists()
    )


def compliance(
    *, scope: Scope, year: int, on: datetime.date | None = None
) -> list[VillageCompliance]:
    """Every cadre and party member in scope with the year's hours against the requirement.

    Requirements are settings: TRAINING_HOURS_CADRE for two-committee members (secretaries
    included) serving on `on`, TRAINING_HOURS_PARTY_MEMBER for other party members; a secretary
    who took office within the year before `on` must attend a class within
    TRAINING_NEW_SECRETARY_MONTHS of starting (overdue once that day has passed untrained).
    """
    on = on or min(timezone.localdate(), datetime.date(year, 12, 31))
    people = scope.filter(Person.objects.select_related("unit")).exclude(
        unit__kind=OrgUnit.Kind.TOWN
    )
    terms = CadreTerm.objects.filter(_serving(on), person__in=people)
    cadres = set(terms.values_list("person_id", flat=True))
    members = set(
        people.filter(political_status__in=PARTY_MEMBER_STATUSES).values_list("pk", flat=True)
    )
    chosen = {p.pk: p for p in people.filter(pk__in=cadres | members)}
    hours = hours_by_person(chosen, year)
    months = rule_int("TRAINING_NEW_SECRETARY_MONTHS")
    new_secretaries = terms.filter(post__in=SECRETARY_POSTS, started_on__gt=years_before(on, 1))
    deadlines = {term.person_id: add_months(term.started_on, months) for term in new_secretaries}
    starts = {term.person_id: term.started_on for term in new_secretaries}
    villages: dict[int, VillageCompliance] = {}
    for pk, person in sorted(
        chosen.items(), key=lambda item: (item[1].unit.name, item[1].name_pinyin)
    ):
        is_cadre = pk in cadres
        row = ComplianceRow(
            person=person,
            village=person.unit,
            group="cadre" if is_cadre else "party_member",
            required=rule_int(
                "TRAINING_HOURS_CADRE" if is_cadre else "TRAINING_HOURS_PARTY_MEMBER"
            ),
            hours=hours.get(pk, ZERO),
        )
        if pk in deadlines:
            row.new_secretary_deadline = deadlines[pk]
            row.new_secretary_trained = _trained_between(pk, starts[pk], deadlines[pk])
            row.new_secretary_overdue = not row.new_secretary_trained and deadlines[pk] < on
        villages.setdefault(person.unit_id, VillageCompliance(person.unit)).rows.append(row)
    return sorted(villages.values(), key=lambda v: v.village.name)
