"""The 在外人才 and 走访座谈 sheets: people working elsewhere, and the contacts that bring them home."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from qunyan.core.models import OrgUnit
from qunyan.people.choices import word_for
from qunyan.people.spreadsheets import export_id, id_cell, resolve_people
from qunyan.spreadsheets.engine import Column, ImportContext, Row, SheetSpec, register
from qunyan.spreadsheets.parsers import choice_parser, date_value, text_parser

from .choices import OCCASION_WORDS, WAY_WORDS, Occasion
from .models import Outreach, OutsideTalent
from .services import outreach_upsert, outside_talents_upsert

ID_HEADER = "公民身份号码"


@register
class OutsideTalentSheet(SheetSpec):
    name = "在外人才"
    order = 60
    columns = (
        Column(ID_HEADER, "id_number", id_cell, required=True),
        Column("务工经商地", "place", text_parser(60)),
        Column("从事行业", "trade", text_parser(60)),
        Column("返乡日期", "returned_on", date_value),
        Column("返乡创业日期", "business_started_on", date_value),
        Column("创业项目", "business_project", text_parser(100)),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        people = resolve_people(rows, ctx, key="id_number", header=ID_HEADER)
        records = []
        for row in rows:
            person = people.get(row.number)
            if person is None or ctx.is_repeated(row, person.pk, ID_HEADER) or not row.ok:
                continue
            returned, started = row.values["returned_on"], row.values["business_started_on"]
            if returned and started and started < returned:
                ctx.error(
                    row, "返乡创业日期", _("The business start date is before the return date.")
                )
                continue
            records.append(
                {
                    "person_id": person.pk,
                    "town_id": person.town_id,
                    "place": row.values["place"],
                    "trade": row.values["trade"],
                    "returned_on": returned,
                    "business_started_on": started,
                    "business_project": row.values["business_project"],
                }
            )
        counts = outside_talents_upsert(records=records, by=ctx.by)
        ctx.report.counts(self.name).add(counts)

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        talents = OutsideTalent.objects.filter(town=town).select_related("person")
        for talent in talents.order_by("id").iterator(chunk_size=2000):
            yield [
                export_id(talent.person, reveal),
                talent.place,
                talent.trade,
                talent.returned_on,
                talent.business_started_on,
                talent.business_project,
            ]


@register
class OutreachSheet(SheetSpec):
    name = "走访座谈"
    order = 70
    columns = (
        Column("日期", "date", date_value, required=True),
        Column("方式", "way", choice_parser(WAY_WORDS), required=True),
        Column(ID_HEADER, "id_number", id_cell, required=True),
        Column("时机", "occasion", choice_parser(OCCASION_WORDS)),
        Column("情况记录", "notes", text_parser(1000)),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        people = resolve_people(rows, ctx, key="id_number", header=ID_HEADER)
        records = []
        for row in rows:
            person = people.get(row.number)
            if person is None:
                continue
            key = (person.pk, row.values["date"], row.values["way"])
            if ctx.is_repeated(row, key, ID_HEADER) or not row.ok:
                continue
            records.append(
                {
                    "person_id": person.pk,
                    "date": row.values["date"],
                    "way": row.values["way"],
                    "occasion": row.values["occasion"] or Occasion.OTHER,
                    "notes": row.values["notes"],
                }
            )
        counts = outreach_upsert(records=records, by=ctx.by)
        ctx.report.counts(self.name).add(counts)

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        contacts = Outreach.objects.filter(town=town).select_related("person")
        for contact in contacts.order_by("id").iterator(chunk_size=2000):
            yield [
                contact.date,
                word_for(WAY_WORDS, contact.way),
                export_id(contact.person, reveal),
                word_for(OCCASION_WORDS, contact.occasion),
                contact.notes,
            ]
