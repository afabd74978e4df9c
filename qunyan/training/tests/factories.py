"""Training classes and attendance for tests."""

import datetime
from typing import Any

CLASS_HEADER = (
    "班次编号",
    "班次名称",
    "培训项目",
    "培训类别",
    "开始日期",
    "结束日期",
    "学时",
    "授课人",
)
ATTENDANCE_HEADER = ("班次编号", "公民身份号码", "是否结业")


def class_row(
    code: str,
    *,
    programme: str = "头雁工程",
    starts: datetime.date = datetime.date(2022, 4, 13),
    hours: Any = 24,
) -> list[Any]:
    """A 培训班 row of a three-day class."""
    ends = starts + datetime.timedelta(days=2)
    return [code, f"{programme}培训班", programme, "理论政策", starts, ends, hours, "市委党校教师"]


def make_class(
    town: Any,
    code: str = "PX-1",
    *,
    programme: str = "village_school",
    starts: datetime.date = datetime.date(2026, 3, 2),
    hours: Any = None,
) -> Any:
    """A class of the town written through the service (as the town office would)."""
    from qunyan.training.services import class_save

    return class_save(
        town=town,
        data={
            "code": code,
            "name": f"{code}培训班",
            "programme": programme,
            "starts_on": starts,
            "hours": hours,
        },
        by=None,
    )


def moment(text: str) -> datetime.datetime:
    """An aware local time from 'YYYY-MM-DD HH:MM' (Asia/Shanghai)."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.strptime(text, "%Y-%m-%d %H:%M"))


def make_session(
    training_class: Any,
    starts: str = "2026-03-02 09:00",
    ends: str = "2026-03-02 12:00",
    *,
    hours: Any = 4,
    place: str = "镇党校",
    venue: str = "classroom",
) -> Any:
    from decimal import Decimal

    from qunyan.training.services import session_save

    return session_save(
        training_class=training_class,
        data={
            "starts_at": moment(starts),
            "ends_at": moment(ends),
            "place": place,
            "venue": venue,
            "hours": Decimal(str(hours)),
        },
        by=None,
    )


def enrol(training_class: Any, *people: Any) -> None:
    from qunyan.training.services import people_enrol

    people_enrol(training_class=training_class, people=list(people), by=None)
