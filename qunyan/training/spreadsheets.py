"""The 培训班 and 参训记录 sheets: a town's training classes and who attended them."""

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from qunyan.core.models import OrgUnit
from qunyan.people.choices import word_for
from qunyan.people.spreadsheets import export_id, id_cell, resolve_people
from qunyan.spreadsheets.engine import Column, ImportContext, Row, SheetSpec, register
from qunyan.spreadsheets.parsers import (
    Cell,
    CellError,
    choice_parser,
    date_value,
    folded,
    is_blank,
    text_parser,
    yes_no,
)

from .choices import PROGRAMME_WORDS
from .models import Attendance, TrainingClass
from .services import attendances_upsert, training_classes_upsert

ID_HEADER = "公民身份号码"
CODE_HEADER = "班次编号"
_CLASS_FIELDS = (
    "code",
    "name",
    "programme",
    "category",
    "starts_on",
    "ends_on",
    "hours",
    "teacher",
)
_TENTH = Decimal("0.1")
_MAX_HOURS = Decimal(9999)


def class_hours(value: Cell) -> Decimal | None:
    """Class hours (学时): a number, to a tenth of an hour; 学时 after it is allowed."""
    if is_blank(value):
        return None
    raw = folded(value).removesuffix("学时").strip()
    try:
        hours = Decimal(raw)
    except InvalidOperation:
        raise CellError(_("%(value)s is not a number of class hours.") % {"value": raw}) from None
    if not hours.is_finite() or not 0 <= hours <= _MAX_HOURS or hours != hours.quantize(_TENTH):
        raise CellError(_("Class hours are a number from 0 to 9999 with at most one decimal."))
    return hours.quantize(_TENTH)


def _acting_town(ctx: ImportContext) -> OrgUnit | None:
    """The town the classes belong to (the sheets have no town column).

    It is the one town this workbook's 村社区 sheet names, or else the one town the importing
    account works in; when neither tells, the sheet gets one error and nothing is guessed.
    """
    if "training_town" not in ctx.memo:
        named = set(ctx.workbook_towns.values())  # filled by the 村社区 sheet
        towns = list(named) if named else list(ctx.scope.towns()[:2])
        ctx.memo["training_town"] = towns[0] if len(towns) == 1 else None
        if ctx.memo["training_town"] is None:
            ctx.error(
                None,
                "",
                _(
                    "The classes' town cannot be told: add the 村社区 sheet naming one town, "
                    "or import as an officer of the town."
                ),
            )
    town: OrgUnit | None = ctx.memo["training_town"]
    return town


@register
class TrainingClassSheet(SheetSpec):
    name = "培训班"
    order = 80
    columns = (
        Column(CODE_HEADER, "code", text_parser(30), required=True),
        Column("班次名称", "name", text_parser(100), required=True),
        Column("培训项目", "programme", choice_parser(PROGRAMME_WORDS), required=True),
        Column("培训类别", "category", text_parser(30)),
        Column("开始日期", "starts_on", date_value, required=True),
        Column("结束日期", "ends_on", date_value),
        Column("学时", "hours", class_hours),
        Column("授课人", "teacher", text_parser(100)),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        town = _acting_town(ctx)
        failed: set[str] = ctx.memo.setdefault("failed_class_codes", set())
        records = []
        for row in rows:
            values = row.values
            if town is None or not values["code"]:
                continue
            if ctx.is_repeated(row, values["code"], CODE_HEADER) or not row.ok:
                failed.add(values["code"])
                continue
            if values["ends_on"] and values["ends_on"] < values["starts_on"]:
                ctx.error(row, "结束日期", _("The end date is before the start date."))
                failed.add(values["code"])
                continue
            records.append(
                {
                    "town_id": town.pk,
                    **{name: values[name] for name in _CLASS_FIELDS},
                }
            )
        counts = training_classes_upsert(records=records, by=ctx.by)
        ctx.report.counts(self.name).add(counts)

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        for training_class in TrainingClass.objects.filter(town=town).order_by("id"):
            yield [
                training_class.code,
                training_class.name,
                word_for(PROGRAMME_WORDS, training_class.programme),
                training_class.category,
                training_class.starts_on,
                training_class.ends_on,
                training_class.hours,
                training_class.teacher,
            ]


@register
class AttendanceSheet(SheetSpec):
    name = "参训记录"
    order = 90
    columns = (
        Column(CODE_HEADER, "code", text_parser(30), required=True),
        Column(ID_HEADER, "id_number", id_cell, required=True),
        Column("是否结业", "completed", yes_no),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        town = _acting_town(ctx)
        people = resolve_people(rows, ctx, key="id_number", header=ID_HEADER)
        codes = {row.values["code"] for row in rows if row.values["code"]}
        classes = dict(
            TrainingClass.objects.filter(town=town, code__in=codes).values_list("code", "pk")
        )
        failed: set[str] = ctx.memo.get("failed_class_codes", set())
        records = []
        for row in rows:
            code = row.values["code"]
            class_id = classes.get(code)
            if class_id is None and code and town is not None:
                if code in failed:
                    row.ok = False  # the 培训班 row already carries the error
                else:
                    ctx.error(
                        row,
                        CODE_HEADER,
                        _("No row of the 培训班 sheet or class of the town has this number."),
                    )
            person = people.get(row.number)
            if class_id is None or person is None:
                continue
            if ctx.is_repeated(row, (class_id, person.pk), ID_HEADER) or not row.ok:
                continue
            records.append(
                {
                    "training_class_id": class_id,
                    "person_id": person.pk,
                    "completed": bool(row.values["completed"]),
                }
            )
        counts = attendances_upsert(records=records, by=ctx.by)
        ctx.report.counts(self.name).add(counts)

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        attendances = Attendance.objects.filter(training_class__town=town).select_related(
            "training_class", "person"
        )
        for attendance in attendances.order_by("id").iterator(chunk_size=2000):
            yield [
                attendance.training_class.code,
                export_id(attendance.person, reveal),
                "是" if attendance.completed else "否",
            ]
