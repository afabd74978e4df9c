"""The county view: every town's figures side by side, sortable, and the same as a workbook."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from qunyan.core.models import OrgUnit
from qunyan.core.xlsx import safe_row

from .dashboard import presence_by_town
from .figures import flatten, label_of, module_of
from .selectors import statistics_by_town

DEFICIENT = "reserves.deficient_villages"


@dataclass
class Column:
    key: str
    label: str


@dataclass
class TownRow:
    town: OrgUnit
    # None: the town's module holds no record (暂无数据), not a zero.
    values: dict[str, int | None]

    def cells(self, columns: list[Column]) -> list[int | None]:
        return [self.values.get(column.key) for column in columns]


def county_rows(
    towns: list[OrgUnit], *, period_from: datetime.date, period_to: datetime.date
) -> tuple[list[Column], list[TownRow]]:
    """Each town's statistics, flattened; the list of short villages becomes their number."""
    keys: list[str] = []
    rows = []
    by_town = statistics_by_town(
        towns, period_from=period_from, period_to=period_to, as_of=period_to
    )
    presence = presence_by_town(towns)
    for town in towns:
        stats, present = by_town[town.pk], presence[town.pk]
        values: dict[str, int | None] = {}
        for path, value in flatten(stats):
            if path not in keys:
                keys.append(path)
            module = module_of(path)
            if module and not present.get(module, True):
                values[path] = None
            else:
                values[path] = len(value) if isinstance(value, list) else value
        rows.append(TownRow(town, values))
    # Authorities differ between towns: a town without one's commendations has 0 there.
    for row in rows:
        for key in keys:
            row.values.setdefault(key, 0)
    columns = [Column(key, label_of(key)) for key in keys]
    return columns, rows


def sort_rows(rows: list[TownRow], columns: list[Column], sort: str) -> list[TownRow]:
    """By a column (`-key` for descending; towns without data last), else by town name."""
    key = sort.lstrip("-")
    if key not in {column.key for column in columns}:
        return sorted(rows, key=lambda row: row.town.name)
    descending = sort.startswith("-")
    known = [row for row in rows if row.values.get(key) is not None]
    unknown = [row for row in rows if row.values.get(key) is None]
    known.sort(key=lambda row: (row.values[key], row.town.name), reverse=descending)
    return known + sorted(unknown, key=lambda row: row.town.name)


def county_workbook(
    columns: list[Column],
    rows: list[TownRow],
    *,
    period_from: datetime.date,
    period_to: datetime.date,
) -> Any:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Towns"))
    sheet.append(
        safe_row(sheet, [_("Period"), f"{period_from.isoformat()} – {period_to.isoformat()}"])
    )
    sheet.append(safe_row(sheet, [_("Town"), *(column.label for column in columns)]))
    no_data = _("No data yet")
    for row in rows:
        cells: list[Any] = [no_data if value is None else value for value in row.cells(columns)]
        sheet.append(safe_row(sheet, [row.town.name, *cells]))
    return book
