"""People for tests: valid ID numbers, roster rows for workbooks, and registry records."""

import datetime
import itertools
from typing import Any

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.idnumbers import make_id_number
from qunyan.people.models import Person
from qunyan.people.services import PersonData, person_save

REGION = "431181"  # 祁阳市
ROSTER_HEADER = (
    "姓名",
    "公民身份号码",
    "性别",
    "民族",
    "出生日期",
    "学历",
    "政治面貌",
    "所属单位",
    "联系电话",
    "专业特长",
)
_sequence = itertools.count()


def new_id_number(birth: datetime.date = datetime.date(1990, 5, 17), gender: str = "M") -> str:
    """A valid, never repeated resident ID for someone born on `birth`."""
    return make_id_number(REGION, birth, next(_sequence) % 500, gender)


def person_row(
    unit: str = "牛坪坳村",
    *,
    birth: datetime.date = datetime.date(1990, 5, 17),
    gender: str = "M",
    **cells: Any,
) -> dict[str, Any]:
    """A 人员 row by header; any cell can be overridden by its header (姓名="李四")."""
    row: dict[str, Any] = {
        "姓名": "张三",
        "公民身份号码": new_id_number(birth, gender),
        "性别": "男" if gender == "M" else "女",
        "民族": "汉族",
        "出生日期": birth,
        "学历": "本科",
        "政治面貌": "群众",
        "所属单位": unit,
        "联系电话": "13812345678",
        "专业特长": "",
    }
    row.update(cells)
    return row


def table(header: tuple[str, ...], rows: list[dict[str, Any]]) -> list[list[Any]]:
    """A sheet's cells: the header row, then each row's cells in header order."""
    return [list(header), *[[row.get(name) for name in header] for row in rows]]


def roster(*rows: dict[str, Any], header: tuple[str, ...] = ROSTER_HEADER) -> list[list[Any]]:
    return table(header, list(rows))


def make_person(
    unit: OrgUnit,
    *,
    name: str = "张三",
    birth: datetime.date | None = None,
    gender: str = "",
    education: str = "bachelor",
    phone: str = "",
    id_number: str = "",
    political_status: str = "masses",
) -> Person:
    """A registry record, written through person_save like a form would.

    Without `id_number` a fresh one is made from `birth` and `gender` (1990-05-17, male);
    with one, the birth date and sex are derived from it unless given.
    """
    if not id_number:
        birth = birth or datetime.date(1990, 5, 17)
        gender = gender or "M"
        id_number = new_id_number(birth, gender)
    data = PersonData(
        name=name,
        id_number=id_number,
        unit=unit,
        birth_date=birth,
        gender=gender,
        education=education,
        phone=phone,
        political_status=political_status,
    )
    return person_save(data=data, by=None, scope=Scope.unrestricted())
