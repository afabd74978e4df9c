"""The 年度考评 and 表彰奖励 sheets: annual village ratings and personal commendations."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.people.choices import word_for
from qunyan.people.spreadsheets import export_id, id_cell, resolve_people
from qunyan.spreadsheets.engine import Column, ImportContext, Row, SheetSpec, register
from qunyan.spreadsheets.parsers import choice_parser, text_parser, year

from .choices import RATING_WORDS, RatingSource
from .models import Commendation, VillageRating
from .services import commendations_upsert, village_ratings_upsert

ID_HEADER = "公民身份号码"
VILLAGE_HEADER = "村社区"


def _village(ctx: ImportContext, row: Row, name: str) -> OrgUnit | None:
    """The village or community of the acting scope with this name; an error when not one."""
    villages = [unit for unit in ctx.units_by_name().get(name, []) if unit.kind in VILLAGE_KINDS]
    if len(villages) == 1:
        return villages[0]
    if villages:
        ctx.error(row, VILLAGE_HEADER, _("Several villages are called %(name)s.") % {"name": name})
    else:
        message = _("%(name)s is not a village or community in your area.")
        ctx.error(row, VILLAGE_HEADER, message % {"name": name})
    return None


@register
class VillageRatingSheet(SheetSpec):
    name = "年度考评"
    order = 110
    columns = (
        Column("年度", "year", year, required=True),
        Column(VILLAGE_HEADER, "village", text_parser(60), required=True),
        Column("等次", "rating", choice_parser(RATING_WORDS), required=True),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        records = []
        for row in rows:
            if not row.values["village"]:
                continue
            village = _village(ctx, row, row.values["village"])
            if village is None:
                continue
            key = (village.pk, row.values["year"])
            if ctx.is_repeated(row, key, VILLAGE_HEADER) or not row.ok:
                continue
            records.append(
                {
                    "village_id": village.pk,
                    "year": row.values["year"],
                    "rating": row.values["rating"],
                    "total_score": None,
                    "source": RatingSource.SHEET,
                }
            )
        counts = village_ratings_upsert(records=records, by=ctx.by)
        ctx.report.counts(self.name).add(counts)

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        ratings = VillageRating.objects.filter(village__parent=town).select_related("village")
        for rating in ratings.order_by("id"):
            yield [rating.year, rating.village.name, word_for(RATING_WORDS, rating.rating)]


@register
class CommendationSheet(SheetSpec):
    name = "表彰奖励"
    order = 120
    columns = (
        Column(ID_HEADER, "id_number", id_cell, required=True),
        Column("年度", "year", year, required=True),
        Column("表彰名称", "title", text_parser(100), required=True),
        Column("表彰机关", "authority", text_parser(60), required=True),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        people = resolve_people(rows, ctx, key="id_number", header=ID_HEADER)
        records = []
        for row in rows:
            person = people.get(row.number)
            if person is None:
                continue
            key = (person.pk, row.values["year"], row.values["title"])
            if ctx.is_repeated(row, key, "表彰名称") or not row.ok:
                continue
            records.append(
                {
                    "person_id": person.pk,
                    "year": row.values["year"],
                    "title": row.values["title"],
                    "authority": row.values["authority"],
                }
            )
        counts = commendations_upsert(records=records, by=ctx.by)
        ctx.report.counts(self.name).add(counts)

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        # Honours of whole villages have no 公民身份号码 and stay out of this sheet.
        honours = Commendation.objects.filter(town=town, person__isnull=False).select_related(
            "person"
        )
        for honour in honours.order_by("id").iterator(chunk_size=2000):
            if honour.person is not None:
                yield [
                    export_id(honour.person, reveal),
                    honour.year,
                    honour.title,
                    honour.authority,
                ]
