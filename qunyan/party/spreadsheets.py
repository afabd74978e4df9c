"""The 发展党员 sheet: one development record per person, checked against the 细则's rules."""

from collections.abc import Iterable
from typing import Any

from qunyan.core.models import OrgUnit
from qunyan.people.choices import SOURCE_ALIASES, SOURCE_WORDS, SourceCategory, word_for
from qunyan.people.spreadsheets import export_id, id_cell, resolve_people
from qunyan.spreadsheets.engine import Column, ImportContext, Row, SheetSpec, register
from qunyan.spreadsheets.parsers import choice_parser, date_value

from .models import DevelopmentRecord
from .services import development_records_upsert, stage_conflicts
from .workflow import STAGE_FIELDS, STAGE_HEADERS, StageDates, development_violations

ID_HEADER = "公民身份号码"


@register
class DevelopmentSheet(SheetSpec):
    name = "发展党员"
    order = 50
    columns = (
        Column(ID_HEADER, "id_number", id_cell, required=True),
        Column(STAGE_HEADERS["applied_on"], "applied_on", date_value, required=True),
        Column(STAGE_HEADERS["activist_on"], "activist_on", date_value),
        Column(STAGE_HEADERS["candidate_on"], "candidate_on", date_value),
        Column(STAGE_HEADERS["admitted_on"], "admitted_on", date_value),
        Column(STAGE_HEADERS["converted_on"], "converted_on", date_value),
        Column("来源类别", "source_category", choice_parser(SOURCE_WORDS, SOURCE_ALIASES)),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        people = resolve_people(rows, ctx, key="id_number", header=ID_HEADER)
        records = []
        for row in rows:
            person = people.get(row.number)
            if person is None or ctx.is_repeated(row, person.pk, ID_HEADER) or not row.ok:
                continue
            dates = StageDates(**{name: row.values[name] for name in STAGE_FIELDS})
            violations = development_violations(dates, birth_date=person.birth_date)
            for header, message in violations:
                ctx.error(row, header, message)
            if violations:
                continue
            records.append(
                {
                    "person_id": person.pk,
                    "town_id": person.town_id,
                    **{name: row.values[name] for name in STAGE_FIELDS},
                    "source_category": row.values["source_category"] or SourceCategory.OTHER,
                }
            )
        rows_by_person = {people[row.number].pk: row for row in rows if row.number in people}
        conflicts = stage_conflicts(records)
        for person_id, found in conflicts.items():
            for name, message in found:
                ctx.error(rows_by_person[person_id], STAGE_HEADERS[name], message)
        if conflicts:
            return
        counts = development_records_upsert(records=records, by=ctx.by)
        ctx.report.counts(self.name).add(counts)

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        records = DevelopmentRecord.objects.filter(town=town).select_related("person")
        for record in records.order_by("id").iterator(chunk_size=2000):
            yield [
                export_id(record.person, reveal),
                *(getattr(record, name) for name in STAGE_FIELDS),
                word_for(SOURCE_WORDS, record.source_category),
            ]
