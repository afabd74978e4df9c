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
