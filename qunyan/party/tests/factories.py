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
