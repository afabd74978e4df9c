"""The 后备力量 sheet: stays in the town-level reserve pool."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from qunyan.core.models import OrgUnit
from qunyan.people.choices import SOURCE_ALIASES, SOURCE_WORDS, SourceCategory, word_for
from qunyan.people.spreadsheets import export_id, id_cell, resolve_people
from qunyan.spreadsheets.engine import Column, ImportContext, Row, SheetSpec, register
from qunyan.spreadsheets.parsers import choice_parser, date_value, text_parser

from .models import Reserve
from .services import reserves_upsert


@register
class ReserveSheet(SheetSpec):
    name = "后备力量"
    order = 40
    columns = (
        Column("公民身份号码", "id_number", id_cell, required=True),
        Column("入库日期", "entered_on", date_value, required=True),
        Column("出库日期", "left_on", date_value),
        Column("出库原因", "leave_reason", text_parser(100)),
        Column("来源类别", "source_category", choice_parser(SOURCE_WORDS, SOURCE_ALIASES)),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        people = resolve_people(rows, ctx, key="id_number", header="公民身份号码")
        records = []
        for row in rows:
            person = people.get(row.number)
            key = (person.pk, row.values["entered_on"]) if person else None
            if person is None or ctx.is_repeated(row, key, "入库日期") or not row.ok:
                continue
            entered, left = row.values["entered_on"], row.values["left_on"]
            if left is not None and left < entered:
                ctx.error(row, "出库日期", _("The exit date is before the entry date."))
                continue
            records.append(
                {
                    "person_id": person.pk,
                    "entered_on": entered,
                    "town_id": person.town_id,
                    "left_on": left,
                    "leave_reason": row.values["leave_reason"],
                    "source_category": row.values["source_category"] or SourceCategory.OTHER,
                }
            )
        counts = reserves_upsert(records=records, by=ctx.by)
        ctx.report.counts(self.name).add(counts)

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        stays = Reserve.objects.filter(town=town).select_related("person").order_by("id")
        for stay in stays.iterator(chunk_size=2000):
            yield [
                export_id(stay.person, reveal),
                stay.entered_on,
                stay.left_on,
                stay.leave_reason,
                word_for(SOURCE_WORDS, stay.source_category),
            ]
