"""The division in force as an Excel workbook: one row per person and duty, parts included.

ID numbers are masked (the workbook leaves the office); every export is audited.
"""

from typing import Any

from openpyxl import Workbook

from qunyan.core.audit import Action, audit_record
from qunyan.core.models import Account, OrgUnit
from qunyan.core.xlsx import safe_row

from .models import Division
from .scoring import PARTS

# Contract-style Chinese headers (Excel is data, not translated).
HEADER = [
    "村（社区）",
    "版本",
    "姓名",
    "公民身份号码",
    "分工",
    "得分",
    "学历",
    "专业特长",
    "意愿",
    "性格",
    "经历",
]


def division_export(out: Any, *, town: OrgUnit, villages: list[OrgUnit], by: Account | None) -> int:
    """Write the divisions in force of these villages; returns the number of rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("分工")
    sheet.append(safe_row(sheet, HEADER))
    divisions = (
        Division.objects.filter(village__in=villages, status="current")
        .select_related("village")
        .prefetch_related("assignments__person", "assignments__duty")
        .order_by("village__name")
    )
    count = 0
    for division in divisions:
        for a in division.assignments.all():
            sheet.append(
                safe_row(
                    sheet,
                    [
                        division.village.name,
                        division.version,
                        a.person.name,
                        a.person.masked_id_number,
                        a.duty_name,
                        a.score,
                        *[a.parts.get(part, 0) for part in PARTS],
                    ],
                )
            )
            count += 1
    workbook.save(out)
    audit_record(
        action=Action.EXPORT,
        actor=by,
        target=town if len(villages) != 1 else villages[0],
        note=f"duty division, {count} rows",
    )
    return count
