"""The year's performance bonuses as an Excel sheet for the finance office.

ID numbers are masked (the workbook leaves the office); amounts are exact to the fen, written as
numbers with two decimals; every export is audited.
"""

from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from qunyan.core.audit import Action, audit_record
from qunyan.core.models import Account, OrgUnit
from qunyan.core.xlsx import safe_row

from .choices import RATING_WORDS
from .pay import Bonus

# Chinese headers: the sheet is data for the finance office, not translated.
HEADER = [
    "村（社区）",
    "姓名",
    "公民身份号码",
    "职务",
    "考核等次",
    "村年度考评",
    "绩效奖金基数（元）",
    "等次发放比例（%）",
    "上浮比例（%）",
    "绩效奖金（元）",
    "计算依据",
]
GRADE_WORDS = {
    "excellent": "优秀",
    "competent": "称职",
    "basic": "基本称职",
    "incompetent": "不称职",
}
RATING_OF: dict[str, str] = {str(code): word for word, code in RATING_WORDS.items()}


def _money(sheet: Any, value: Decimal | None) -> Any:
    if value is None:
        return None
    # openpyxl writes a Decimal as the number it is (its stubs only list float).
    cell = WriteOnlyCell(sheet, value)  # type: ignore[arg-type]
    cell.number_format = "#,##0.00"
    return cell


def bonus_sheet(
    out: IO[bytes], *, town: OrgUnit, year: int, rows: list[Bonus], by: Account | None
) -> int:
    """Write one row per graded cadre and a total; returns the number of cadres."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(f"{year}年度绩效奖金")
    sheet.append(safe_row(sheet, [f"{town.name}{year}年度村干部绩效奖金发放表"]))
    sheet.append(safe_row(sheet, HEADER))
    total = Decimal("0.00")
    for bonus in rows:
        total += bonus.amount or Decimal(0)
        values = [
            bonus.village.name,
            bonus.person.name,
            bonus.person.masked_id_number,
            bonus.post,
            GRADE_WORDS[bonus.grade],
            RATING_OF.get(bonus.rating or "", "未评定"),
        ]
        sheet.append(
            [
                *safe_row(sheet, values),
                _money(sheet, bonus.base),
                bonus.grade_percent,
                bonus.uplift_percent,
                _money(sheet, bonus.amount),
                *safe_row(sheet, [" ".join(bonus.trail)]),
            ]
        )
    sheet.append([*safe_row(sheet, ["合计", *[None] * 8]), _money(sheet, total)])
    workbook.save(out)
    audit_record(
        action=Action.EXPORT, actor=by, target=town, note=f"{year} bonus sheet, {len(rows)} rows"
    )
    return len(rows)
