"""The 村社区 sheet: villages and communities of each town."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from qunyan.spreadsheets.engine import Column, ImportContext, Row, SheetSpec, register
from qunyan.spreadsheets.parsers import choice_parser, text_parser

from .models import OrgUnit
from .services import orgunit_create, orgunit_update

UNIT_KIND_WORDS = {"村": OrgUnit.Kind.VILLAGE, "社区": OrgUnit.Kind.COMMUNITY}
UNIT_KIND_LABELS: dict[str, str] = {code: word for word, code in UNIT_KIND_WORDS.items()}


@register
class VillageSheet(SheetSpec):
    name = "村社区"
    order = 10
    columns = (
        Column("乡镇", "town", text_parser(60), required=True),
        Column("名称", "name", text_parser(60), required=True),
        Column("类型", "kind", choice_parser(UNIT_KIND_WORDS), required=True),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        counts = ctx.report.counts(self.name)
        seen: dict[tuple[str, str], int] = ctx.memo.setdefault("village_rows", {})
        for row in rows:
            if not row.ok:
                continue
            town_name, name, kind = row.values["town"], row.values["name"], row.values["kind"]
            if (town_name, name) in seen:
                ctx.error(
                    row, "名称", _("Duplicate of row %(row)d.") % {"row": seen[(town_name, name)]}
                )
                continue
            seen[(town_name, name)] = row.number
            town = _town(town_name, row, ctx)
            if town is None:
                continue
            unit = OrgUnit.objects.filter(parent=town, name=name).first()
            try:
                if unit is None:
                    orgunit_create(name=name, kind=kind, parent=town, by=ctx.by, scope=ctx.scope)
                    counts.created += 1
                elif unit.kind != kind:
                    orgunit_update(unit=unit, name=name, kind=kind, by=ctx.by, scope=ctx.scope)
                    counts.updated += 1
                else:
                    counts.unchanged += 1
            except ValidationError as exc:
                for message in exc.messages:
                    ctx.error(row, "名称", message)
        ctx.forget_units()

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        for unit in OrgUnit.objects.filter(
            parent=town, kind__in=[OrgUnit.Kind.VILLAGE, OrgUnit.Kind.COMMUNITY]
        ).order_by("id"):
            yield [town.name, unit.name, UNIT_KIND_LABELS[unit.kind]]


def _town(name: str, row: Row, ctx: ImportContext) -> OrgUnit | None:
    """The town named in a row; created when the acting scope may hold new towns."""
    towns = ctx.workbook_towns
    if name in towns:
        return towns[name]
    town = ctx.scope.units().filter(kind=OrgUnit.Kind.TOWN, name=name).first()
    if town is None:
        parent = None
        if not ctx.scope.is_unrestricted:
            account_unit = ctx.scope.account.unit if ctx.scope.account else None
            if account_unit is None or account_unit.kind != OrgUnit.Kind.COUNTY:
                ctx.error(row, "乡镇", _("%(name)s is not a town in your area.") % {"name": name})
                return None
            parent = account_unit
        elif OrgUnit.objects.filter(kind=OrgUnit.Kind.TOWN, name=name).count() > 1:
            ctx.error(row, "乡镇", _("Several towns are called %(name)s.") % {"name": name})
            return None
        else:
            town = OrgUnit.objects.filter(kind=OrgUnit.Kind.TOWN, name=name).first()
        if town is None:
            town = orgunit_create(
                name=name, kind=OrgUnit.Kind.TOWN, parent=parent, by=ctx.by, scope=ctx.scope
            )
    towns[name] = town
    return town
