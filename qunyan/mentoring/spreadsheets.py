"""The 导师帮带 sheet: mentoring pairs."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from qunyan.core.models import OrgUnit
from qunyan.people.choices import word_for
from qunyan.people.spreadsheets import export_id, id_cell, resolve_people
from qunyan.spreadsheets.engine import Column, ImportContext, Row, SheetSpec, register
from qunyan.spreadsheets.parsers import choice_parser, date_value

from .choices import PRINCIPLE_WORDS
from .models import Mentorship
from .services import mentorships_upsert

MENTOR_HEADER = "导师身份号码"
MENTEE_HEADER = "帮带对象身份号码"


@register
class MentorshipSheet(SheetSpec):
    name = "导师帮带"
    order = 100
    columns = (
        Column(MENTOR_HEADER, "mentor", id_cell, required=True),
        Column(MENTEE_HEADER, "mentee", id_cell, required=True),
        Column("帮带方式", "principle", choice_parser(PRINCIPLE_WORDS), required=True),
        Column("结对日期", "started_on", date_value, required=True),
        Column("结束日期", "ended_on", date_value),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        mentors = resolve_people(rows, ctx, key="mentor", header=MENTOR_HEADER)
        mentees = resolve_people(rows, ctx, key="mentee", header=MENTEE_HEADER)
        records = []
        for row in rows:
            mentor, mentee = mentors.get(row.number), mentees.get(row.number)
            if mentor is None or mentee is None:
                continue
            started, ended = row.values["started_on"], row.values["ended_on"]
            key = (mentor.pk, mentee.pk, started)
            if ctx.is_repeated(row, key, MENTEE_HEADER) or not row.ok:
                continue
            if mentor.pk == mentee.pk:
                ctx.error(row, MENTEE_HEADER, _("A person cannot be their own mentor."))
                continue
            if ended is not None and ended < started:
                ctx.error(row, "结束日期", _("The end date is before the start date."))
                continue
            records.append(
                {
                    "mentor_id": mentor.pk,
                    "mentee_id": mentee.pk,
                    "started_on": started,
                    "principle": row.values["principle"],
                    "ended_on": ended,
                }
            )
        counts = mentorships_upsert(records=records, by=ctx.by)
        ctx.report.counts(self.name).add(counts)

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        pairs = Mentorship.objects.filter(town=town).select_related("mentor", "mentee")
        for pair in pairs.order_by("id").iterator(chunk_size=2000):
            yield [
                export_id(pair.mentor, reveal),
                export_id(pair.mentee, reveal),
                word_for(PRINCIPLE_WORDS, pair.principle),
                pair.started_on,
                pair.ended_on,
            ]
