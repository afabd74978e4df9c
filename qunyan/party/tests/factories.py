"""Development records for tests: sheet rows and records written through the service."""

import datetime
from typing import Any

from qunyan.party.models import DevelopmentRecord
from qunyan.party.services import development_records_upsert
from qunyan.people.choices import SourceCategory
from qunyan.people.models import Person

DEVELOPMENT_HEADER = (
    "公民身份号码",
    "递交入党申请书日期",
    "确定入党积极分子日期",
    "确定发展对象日期",
    "接收预备党员日期",
    "预备党员转正日期",
    "来源类别",
)


def development_row(
    id_number: str,
    *,
    admitted: datetime.date = datetime.date(2022, 7, 1),
    converted: datetime.date | None = None,
    source: str = "退役军人",
) -> list[Any]:
    """A 发展党员 row whose earlier dates keep the rules for the given admission date."""
    return [
        id_number,
        admitted - datetime.timedelta(days=600),
        admitted - datetime.timedelta(days=500),
        admitted - datetime.timedelta(days=100),
        admitted,
        converted,
        source,
    ]


def make_record(
    person: Person,
    *,
    admitted: datetime.date | None = datetime.date(2022, 7, 1),
    source: str = SourceCategory.OTHER,
) -> DevelopmentRecord:
    """A record admitted on `admitted` (or still a candidate when None), through the service."""
    anchor = admitted or datetime.date(2022, 7, 1)
    development_records_upsert(
        records=[
            {
                "person_id": person.pk,
                "town_id": person.town_id,
                "applied_on": anchor - datetime.timedelta(days=600),
                "activist_on": anchor - datetime.timedelta(days=500),
                "candidate_on": anchor - datetime.timedelta(days=100),
                "admitted_on": admitted,
                "converted_on": None,
                "source_category": source,
            }
        ],
        by=None,
    )
    return DevelopmentRecord.objects.get(person=person)


# --- Walking a record through the 25 steps ---------------------------------------------------

D = datetime.date
# A path that keeps every rule, each step's default date (application 1 March 2024).
PATH = {
    1: D(2024, 3, 1),
    2: D(2024, 3, 15),
    3: D(2024, 4, 1),
    4: D(2024, 4, 10),
    5: D(2024, 4, 15),
    6: D(2025, 3, 1),
    7: D(2025, 4, 1),
    8: D(2025, 4, 10),
    9: D(2025, 4, 15),
    10: D(2025, 5, 1),
    11: D(2025, 5, 10),
    12: D(2025, 6, 3),
    13: D(2025, 6, 10),
    14: D(2025, 6, 11),
    15: D(2025, 6, 16),
    16: D(2025, 6, 20),
    17: D(2025, 7, 1),
    18: D(2025, 7, 10),
    19: D(2025, 7, 15),
    20: D(2025, 7, 20),
    21: D(2025, 12, 1),
    22: D(2026, 6, 1),
    23: D(2026, 6, 16),
    24: D(2026, 7, 1),
    25: D(2026, 7, 10),
}
PUBLICITY = {12: (D(2025, 6, 3), D(2025, 6, 9)), 22: (D(2026, 6, 1), D(2026, 6, 5))}


def make_members(unit: Any, count: int = 3) -> list[Person]:
    """Full party members of a village, to talk to, cultivate and sponsor applicants."""
    from qunyan.people.tests.factories import make_person

    return [
        make_person(unit, name=f"党员{index}", political_status="cpc") for index in range(count)
    ]


def step_input(number: int, members: list[Person], **overrides: Any) -> Any:
    """The input of a step on PATH that keeps every rule, changed by `overrides`."""
    from qunyan.party.services import StepInput
    from qunyan.party.workflow import Votes

    values: dict[str, Any] = {"number": number, "on": PATH[number]}
    if number in (2, 16):
        values["people"] = members[:1]
    if number == 5:
        values["people"] = members[:2]
    if number == 9:
        values["people"] = members[1:3]
    if number == 10:
        values["review_passed"] = True
    if number == 11:
        values["training_days"] = 3
    if number in PUBLICITY:
        values["publicity_from"], values["publicity_to"] = PUBLICITY[number]
        values["publicity_contact"] = "镇党委组织办 0746-1234567"
    if number in (15, 23):
        values["votes"] = Votes(due=10, present=8, yes=7, no=1)
    if number == 23:
        values["outcome"] = "convert"
    values.update(overrides)
    return StepInput(**values)


def walk(
    person: Person, members: list[Person], *, upto: int, source: str = SourceCategory.OTHER
) -> DevelopmentRecord:
    """A record taken through the service from the application to step `upto` on PATH."""
    from qunyan.core.scopes import Scope
    from qunyan.party.services import development_start, development_step_record

    scope = Scope.unrestricted()
    record = DevelopmentRecord.objects.filter(person=person).first()
    if record is None:
        record = development_start(
            person=person, applied_on=PATH[1], source_category=source, by=None, scope=scope
        )
    start = max(record.steps.values_list("number", flat=True), default=1) + 1
    for number in range(start, upto + 1):
        record = development_step_record(
            record=record, data=step_input(number, members), by=None, scope=scope
        )
    return record
