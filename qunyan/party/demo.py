"""This module's records in the demo town, added after the workbook is imported.

The workbook already brings records at every stage (applicants, activists, candidates, members).
Here one candidate is taken through steps 8–12 so that a publicity runs today, a new applicant
waits for the talk, and each village gets a quota; no admission is added, so the imported
figures stay as they are.
"""

import datetime

from django.utils import timezone

from qunyan.core.models import VILLAGE_KINDS, Account
from qunyan.core.rules import rule_int
from qunyan.core.scopes import Scope
from qunyan.people.choices import PoliticalStatus
from qunyan.people.models import Person

from .forms import full_members
from .models import DevelopmentRecord
from .services import StepInput, development_start, development_step_record, plan_save
from .workdays import working_days
from .workflow import age_on

CONTACT = "镇党委组织办 0746-3221234"


def demo_add(*, report_year: int, officer: Account) -> None:
    """A quota per village, a candidate under publicity and a fresh application."""
    scope = Scope.for_account(officer)
    today = timezone.localdate()
    villages = scope.units().filter(kind__in=VILLAGE_KINDS).order_by("name")
    for index, village in enumerate(villages):
        for year in (report_year, report_year + 1):
            plan_save(village=village, year=year, quota=1 + index % 3, by=officer, scope=scope)
    members = list(full_members(scope)[:3])
    candidate = (
        scope.filter(DevelopmentRecord.objects.select_related("person"), "person__unit")
        .filter(candidate_on__isnull=False, admitted_on__isnull=True, candidate_on__lt=today)
        .order_by("candidate_on", "id")
        .first()
    )
    if candidate is not None and len(members) == 3:
        _under_publicity(candidate, members, today, officer, scope)
    _new_applicant(scope, today, officer)


def _under_publicity(
    record: DevelopmentRecord,
    members: list[Person],
    today: datetime.date,
    officer: Account,
    scope: Scope,
) -> None:
    """Steps 8–11 after the candidate date, then a publicity that includes today."""
    start = today - datetime.timedelta(days=1)
    end = start
    while working_days(start, end) < rule_int("PARTY_PUBLICITY_WORKING_DAYS") or end <= today:
        end += datetime.timedelta(days=1)
    candidate_on = record.candidate_on or start
    gap = max((start - candidate_on).days // 5, 0)
    steps = {
        8: {},
        9: {"people": members[1:3]},
        10: {"review_passed": True},
        11: {"training_days": 3},
    }
    for offset, (number, extra) in enumerate(steps.items(), start=1):
        on = candidate_on + datetime.timedelta(days=gap * offset)
        data = StepInput(number=number, on=min(on, start), **extra)  # type: ignore[arg-type]
        record = development_step_record(record=record, data=data, by=officer, scope=scope)
    data = StepInput(
        number=12, on=start, publicity_from=start, publicity_to=end, publicity_contact=CONTACT
    )
    development_step_record(record=record, data=data, by=officer, scope=scope)


def _new_applicant(scope: Scope, today: datetime.date, officer: Account) -> None:
    """Someone who applied three weeks ago and still waits for the talk."""
    applied = today - datetime.timedelta(days=21)
    people = scope.filter(Person.objects.all()).filter(
        political_status=PoliticalStatus.CYL_MEMBER, development_record__isnull=True
    )
    for person in people.order_by("id")[:20]:
        if 18 <= age_on(person.birth_date, applied) <= 35:
            development_start(
                person=person,
                applied_on=applied,
                source_category="returning_graduate",
                by=officer,
                scope=scope,
            )
            return
