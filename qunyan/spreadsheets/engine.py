"""The exchange-workbook engine: streaming, all-or-nothing import and export.

A sheet is declared once (SheetSpec) in its domain app's spreadsheets.py. Import reads each sheet
with python-calamine row by row, parses cells into values, lets the sheet check and write a batch
through its app's services, and collects every error. Everything happens inside one transaction
that is rolled back when any error was found (or on a dry run), so the database never holds half
a workbook, and memory holds one batch at a time.
"""

import contextlib
import datetime
import gc
import threading
from collections.abc import Hashable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import IO, Any, ClassVar

import python_calamine
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook

from qunyan.core.audit import Action, audit_record
from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.core.xlsx import safe_row

from .guards import ArchiveTooLarge, check_archive
from .parsers import CellError, Parser, is_blank


@dataclass(frozen=True)
class Column:
    header: str  # the contract's exact Chinese header
    key: str
    parse: Parser
    required: bool = False  # the column must exist and every row must fill it


@dataclass
class Row:
    number: int  # as Excel shows it
    values: dict[str, Any]
    ok: bool = True


@dataclass(frozen=True)
class Issue:
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return _("%(sheet)s: %(message)s") % {"sheet": self.sheet, "message": self.message}
        if not self.column:
            return _("%(sheet)s, row %(row)d: %(message)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "message": self.message,
            }
        return _("%(sheet)s, row %(row)d, column %(column)s: %(message)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class SheetCounts:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: Any) -> None:
        """Add the created/updated/unchanged counts of a service's result."""
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged


@dataclass
class ImportReport:
    dry_run: bool = False
    committed: bool = False
    sheets: dict[str, SheetCounts] = field(default_factory=dict)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self, sheet: str) -> SheetCounts:
        return self.sheets.setdefault(sheet, SheetCounts())


class ImportContext:
    """What one import knows: who acts, what they may touch, and what earlier sheets defined."""

    def __init__(self, *, scope: Scope, by: Account | None, report: ImportReport) -> None:
        self.scope = scope
        self.by = by
        self.report = report
        self.sheet = ""
        # Filled by sheets as they go (e.g. people keyed by ID blind index); see each sheet.
        self.memo: dict[str, Any] = {}
        self._cells_with_errors: set[tuple[str, int | None, str]] = set()

    def error(self, row: Row | None, column: str, message: str) -> None:
        """Record an error; a cell gets one error (the first found), the most useful one."""
        key = (self.sheet, row.number if row else None, column)
        if row is not None:
            row.ok = False
            if column and key in self._cells_with_errors:
                return
            self._cells_with_errors.add(key)
        self.report.errors.append(Issue(self.sheet, key[1], column, message))

    def warning(self, row: Row | None, column: str, message: str) -> None:
        self.report.warnings.append(Issue(self.sheet, row.number if row else None, column, message))

    def is_repeated(self, row: Row, key: Hashable, column: str) -> bool:
        """Whether an earlier row of this sheet has the same natural key (an error on this row).

        Rows are upserted by natural key, so a repeat would silently overwrite the earlier row.
        """
        seen: dict[Hashable, int] = self.memo.setdefault(f"rows_by_key:{self.sheet}", {})
        if key in seen:
            self.error(row, column, _("Row %(row)d has the same record.") % {"row": seen[key]})
            return True
        seen[key] = row.number
        return False

    @property
    def workbook_towns(self) -> dict[str, OrgUnit]:
        """Towns named in this workbook's 村社区 sheet, by name (filled as that sheet is read)."""
        towns: dict[str, OrgUnit] = self.memo.setdefault("towns", {})
        return towns

    # Units are looked up by name in many sheets; one cache, refreshed when 村社区 changes it.
    def units_by_name(self) -> dict[str, list[OrgUnit]]:
        if "units_by_name" not in self.memo:
            lookup: dict[str, list[OrgUnit]] = {}
            units = self.scope.filter(
                OrgUnit.objects.filter(
                    kind__in=[OrgUnit.Kind.TOWN, OrgUnit.Kind.VILLAGE, OrgUnit.Kind.COMMUNITY]
                ),
                unit_field="",
            )
            for unit in units:
                lookup.setdefault(unit.name, []).append(unit)
            self.memo["units_by_name"] = lookup
        result: dict[str, list[OrgUnit]] = self.memo["units_by_name"]
        return result

    def forget_units(self) -> None:
        self.memo.pop("units_by_name", None)


class SheetSpec:
    """One sheet of the contract. Subclasses set name, order and columns and write batches."""

    name: ClassVar[str]
    order: ClassVar[int]
    columns: ClassVar[tuple[Column, ...]]
    batch_size: ClassVar[int] = 2000

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        raise NotImplementedError

    def importing(self, ctx: ImportContext) -> AbstractContextManager[None]:
        """A block around all of the sheet's batches (e.g. to write behind the reading)."""
        return contextlib.nullcontext()

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        raise NotImplementedError


_registry: dict[str, SheetSpec] = {}


def register(spec_class: type[SheetSpec]) -> type[SheetSpec]:
    """Class decorator: make a sheet known to the engine."""
    _registry[spec_class.name] = spec_class()
    return spec_class


def sheet_specs() -> list[SheetSpec]:
    return sorted(_registry.values(), key=lambda spec: spec.order)


class WorkbookUnreadable(Exception):
    pass


class _Rollback(Exception):
    pass


def _open(source: str | Path | IO[bytes]) -> python_calamine.CalamineWorkbook:
    check_archive(source)
    try:
        if isinstance(source, str | Path):
            return python_calamine.CalamineWorkbook.from_path(str(source))
        return python_calamine.CalamineWorkbook.from_filelike(source)
    except Exception as exc:  # calamine raises several kinds for damaged or foreign files
        raise WorkbookUnreadable from exc


def _rows(
    book: python_calamine.CalamineWorkbook, name: str, loader: "_SheetLoader | None" = None
) -> Iterator[tuple[int, list[Any]]]:
    """(Excel row number, cells) for each row of a sheet, turning read failures into one kind."""
    try:
        sheet = loader.take(name) if loader is not None else book.get_sheet_by_name(name)
        first_row = sheet.start[0] if sheet.start else 0
        for offset, cells in enumerate(sheet.iter_rows()):
            yield first_row + offset + 1, cells
    except Exception as exc:
        raise WorkbookUnreadable from exc


class _SheetLoader:
    """Reads the exchange sheets of a workbook in a thread, one ahead of the import.

    python-calamine reads a whole sheet at once (a 200,000-row roster takes a second), and lets
    other threads run meanwhile: the next sheet is read while this one is imported. Only after
    a small sheet, though (a large sheet and the next one in memory at once would double what a
    large import holds). The workbook is only touched by one thread at a time.
    """

    SMALL = 10_000  # rows

    def __init__(self, book: python_calamine.CalamineWorkbook, names: list[str]) -> None:
        self.book = book
        self.names = names
        self.loading: tuple[str, threading.Thread, list[Any]] | None = None

    def take(self, name: str) -> python_calamine.CalamineSheet:
        """The sheet (read in advance, or now); then the next one starts, after a small one."""
        sheet: python_calamine.CalamineSheet
        if self.loading is not None:
            loading, thread, outcome = self.loading
            thread.join()
            self.loading = None
            if loading == name:
                if isinstance(outcome[0], BaseException):
                    raise outcome[0]
                sheet = outcome[0]
            else:
                sheet = self.book.get_sheet_by_name(name)
        else:
            sheet = self.book.get_sheet_by_name(name)
        later = self.names[self.names.index(name) + 1 :] if name in self.names else []
        if later and sheet.height <= self.SMALL:
            self._start(later[0])
        return sheet

    def _start(self, name: str) -> None:
        outcome: list[Any] = [None]

        def load() -> None:
            try:
                outcome[0] = self.book.get_sheet_by_name(name)
            except BaseException as exc:  # re-raised by take()
                outcome[0] = exc

        thread = threading.Thread(target=load, name="qunyan-sheet-loader", daemon=True)
        self.loading = (name, thread, outcome)
        thread.start()


def workbook_import(
    source: str | Path | IO[bytes],
    *,
    scope: Scope,
    by: Account | None,
    dry_run: bool = False,
    file_name: str = "",
) -> ImportReport:
    """Import an exchange workbook all-or-nothing; the report lists every error and warning."""
    scope.require(Capability.IMPORT)
    report = ImportReport(dry_run=dry_run)
    ctx = ImportContext(scope=scope, by=by, report=report)
    ctx.sheet = file_name or _("workbook")
    try:
        book = _open(source)
        known = {spec.name: spec for spec in sheet_specs()}
        for name in book.sheet_names:
            if name not in known:
                ctx.sheet = name
                ctx.warning(
                    None, "", _("This sheet is not part of the exchange workbook and was ignored.")
                )
        present = [spec for spec in sheet_specs() if spec.name in book.sheet_names]
        if not present:
            ctx.sheet = file_name or _("workbook")
            ctx.error(None, "", _("The workbook has none of the exchange sheets."))
        with transaction.atomic():
            for spec in present:
                _import_sheet(book, spec, ctx)
            if report.errors or dry_run:
                raise _Rollback
            report.committed = True
            audit_record(
                action=Action.IMPORT,
                actor=by,
                target_repr=file_name[:200],
                changes={name: [c.created, c.updated] for name, c in report.sheets.items()},
                note=_summary(report),
            )
    except _Rollback:
        pass
    except ArchiveTooLarge:
        ctx.sheet = file_name or _("workbook")
        ctx.error(
            None,
            "",
            _(
                "The workbook would unpack to more than %(mb)d MB (or is a zip bomb) and was not "
                "read. Split it into smaller workbooks."
            )
            % {"mb": settings.QUNYAN_IMPORT_MAX_UNPACKED_BYTES // (1024 * 1024)},
        )
    except WorkbookUnreadable:
        ctx.sheet = file_name or _("workbook")
        ctx.error(
            None,
            "",
            _(
                "The file is not an Excel workbook (.xlsx), or it is damaged or "
                "incomplete. Save it again from Excel and retry."
            ),
        )
    if report.errors and not dry_run:
        count = len(report.errors)
        audit_record(
            action=Action.IMPORT_FAILED,
            actor=by,
            target_repr=file_name[:200],
            note=ngettext("%(n)d error", "%(n)d errors", count) % {"n": count},
        )
    return report


def _summary(report: ImportReport) -> str:
    return "; ".join(
        f"{name}: +{c.created} ~{c.updated} ={c.unchanged}" for name, c in report.sheets.items()
    )


def _import_sheet(
    book: python_calamine.CalamineWorkbook, spec: SheetSpec, ctx: ImportContext
) -> None:
    ctx.sheet = spec.name
    counts = ctx.report.counts(spec.name)
    if "sheet_loader" not in ctx.memo:
        present = [other.name for other in sheet_specs() if other.name in book.sheet_names]
        ctx.memo["sheet_loader"] = _SheetLoader(book, present)
    rows = _rows(book, spec.name, ctx.memo["sheet_loader"])
    header_number, header_cells = next(rows, (1, []))
    headers = [str(cell).strip() if not is_blank(cell) else "" for cell in header_cells]
    header_row = Row(number=header_number, values={})
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        if not header:
            continue  # notes typed beside the table leave blank header cells
        if header in positions:
            ctx.error(header_row, header, _("This column appears twice."))
        positions[header] = index
    expected = {column.header for column in spec.columns}
    for header in headers:
        if header and header not in expected:
            ctx.warning(header_row, header, _("Unknown column, ignored."))
    missing = [c.header for c in spec.columns if c.required and c.header not in positions]
    for header in missing:
        ctx.error(header_row, header, _("This required column is missing."))
    if missing:
        return
    used: _Used = [
        (column.key, column.parse, -1 if position is None else position, column, {})
        for column in spec.columns
        for position in [positions.get(column.header)]
    ]
    batch: list[Row] = []
    with _gc_frozen(), spec.importing(ctx):
        for number, cells in rows:
            first = cells[0] if cells else None
            if not (type(first) is str and first.strip()) and all(map(is_blank, cells)):
                continue
            batch.append(_parse_row(number, cells, used, ctx))
            if len(batch) >= spec.batch_size:
                counts.rows += len(batch)
                spec.import_batch(batch, ctx)
                batch = []
        if batch:
            counts.rows += len(batch)
            spec.import_batch(batch, ctx)


# For each column: key, parser, position in the row (-1: the sheet lacks the column), the
# column, and what its parser made of the texts it has seen (see _parse_row).
_Used = list[tuple[str, Parser, int, Column, dict[Any, Any]]]
_MEMO_SIZE = 512  # texts remembered per column: enough for words, units, genders …
_IMMUTABLE = (str, int, float, bool, Decimal, datetime.date, type(None))
_MISSING = object()


def _parse_row(number: int, cells: list[Any], used: _Used, ctx: ImportContext) -> Row:
    values: dict[str, Any] = {}
    row = Row(number=number, values=values)
    width = len(cells)
    for key, parse, position, column, memo in used:
        raw = cells[position] if 0 <= position < width else None
        # A parser gives the same value for the same text: columns of a few words each
        # (gender, education, unit …) are parsed once per word. Errors are not remembered.
        text = type(raw) is str
        if text:
            value = memo.get(raw, _MISSING)
            if value is not _MISSING:
                values[key] = value
                continue
        if raw is None or (isinstance(raw, str) and not raw.strip()):  # is_blank(raw)
            if column.required:
                ctx.error(row, column.header, _("This cell must be filled in."))
            values[key] = parse(None)
            continue
        try:
            value = parse(raw)
        except CellError as exc:
            ctx.error(row, column.header, str(exc))
            values[key] = None
            continue
        values[key] = value
        if (
            text
            and len(memo) < _MEMO_SIZE
            and (type(value) in _IMMUTABLE or isinstance(value, Enum))
        ):
            memo[raw] = value
    return row


@contextlib.contextmanager
def _gc_frozen() -> Iterator[None]:
    """Keep the objects alive before a sheet out of the garbage collector's full passes.

    Each batch leaves many objects for the collector's oldest generation; its full passes
    then walk every object of the process (Django, pypinyin's dictionaries …) dozens of times
    in a large sheet. Frozen objects are not collected until unfrozen, at the sheet's end;
    nothing is done when something else has frozen objects or disabled the collector.
    """
    if gc.get_freeze_count() or not gc.isenabled():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def workbook_export(
    target: str | Path | IO[bytes] | Any,
    *,
    town: OrgUnit,
    scope: Scope,
    by: Account | None,
    reveal: bool = False,
) -> None:
    """Write the town's data as an exchange workbook; personal numbers masked unless revealed."""
    scope.require(Capability.EXPORT)
    if reveal:
        scope.require(Capability.REVEAL)
    if not scope.contains(town):
        raise PermissionDenied
    book = Workbook(write_only=True)
    for spec in sheet_specs():
        sheet = book.create_sheet(spec.name)
        sheet.append([column.header for column in spec.columns])
        for values in spec.export_rows(town=town, reveal=reveal):
            sheet.append(safe_row(sheet, values))
    book.save(target)
    audit_record(
        action=Action.EXPORT,
        actor=by,
        target=town,
        note=_("Full ID numbers") if reveal else _("Masked"),
    )
