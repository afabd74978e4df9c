"""Reserve-pool stays for tests, written through the reserves service."""

import datetime

from qunyan.people.choices import SourceCategory
from qunyan.people.models import Person
from qunyan.reserves.models import Reserve
from qunyan.reserves.services import reserves_upsert

RESERVE_HEADER = ("公民身份号码", "入库日期", "出库日期", "出库原因", "来源类别")


def make_reserve(
    person: Person,
    *,
    entered_on: datetime.date = datetime.date(2022, 1, 1),
    left_on: datetime.date | None = None,
    source: str = SourceCategory.OTHER,
) -> Reserve:
    """Put `person` in the pool of their town from `entered_on` (until `left_on`)."""
    reserves_upsert(
        records=[
            {
                "person_id": person.pk,
                "town_id": person.town_id,
                "entered_on": entered_on,
                "left_on": left_on,
                "leave_reason": "",
                "source_category": source,
            }
        ],
        by=None,
    )
    return Reserve.objects.get(person=person, entered_on=entered_on)
