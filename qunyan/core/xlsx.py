"""Cells for every workbook Qunyan writes: text never becomes a formula (=HYPERLINK(...))."""

import datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell


def safe_cell(sheet: Any, value: Any) -> Any:
    """A value ready for a write-only sheet's append()."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"  # openpyxl would otherwise store it as a formula
        return cell
    return value


def safe_row(sheet: Any, values: list[Any]) -> list[Any]:
    return [safe_cell(sheet, value) for value in values]
