"""The 服务记录 and 矛盾纠纷调解 sheets (Qunyan's own additions to the exchange workbook; their
headers are documented in docs/casework-sheets.md, outside the shared contract)."""

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.people.choices import word_for
from qunyan.people.idnumbers import InvalidIdNumber, mask_id_number, parse_id_number
from qunyan.people.models import Person
from qunyan.people.services import id_number_index, id_number_message
from qunyan.spreadsheets.engine import Column, ImportContext, Row, SheetSpec, register
from qunyan.spreadsheets.parsers import (
    Cell,
    CellError,
    choice_parser,
    date_value,
    folded,
    is_blank,
    text,
    text_parser,
)

from .choices import CASE_RESULT_WORDS, CASE_TYPE_WORDS, CaseType
from .imports import ImportedCase, ImportedService, cases_import, services_import
from .models import MediationCase, ServiceCategory, ServiceRecord
from .selectors import categories_of
from .workflow import MAX_HOURS, parse_parties

VILLAGE, GROUP = "村（社区）", "村民小组"
_SEPARATORS = re.compile(r"[、,，;；\s]+")


def hours_value(value: Cell) -> Decimal | None:
    if is_blank(value):
        return None
    try:
        hours = Decimal(folded(value).removesuffix("小时").strip())
    except InvalidOperation:
        raise CellError(_("Give the hours as a number, e.g. 1.5.")) from None
    if not hours.is_finite() or not 0 < hours <= MAX_HOURS:
        raise CellError(_("Give the hours spent, more than 0 and at most 24."))
    return hours.quantize(Decimal("0.1"))


def count_value(value: Cell) -> int | None:
    if is_blank(value):
        return None
    raw = folded(value).removesuffix("人")
    if not raw.isdigit() or int(raw) < 1:
        raise CellError(_("Give a whole number of 1 or more."))
    return int(raw)


def id_list(value: Cell) -> list[str]:
    return [part for part in _SEPARATORS.split(text(value)) if part]


def steps_value(value: Cell) -> list[tuple[Any, str]] | None:
    """Lines "2026-03-02 现场查看"; None when blank (the recorded steps are kept)."""
    if is_blank(value):
        return None
    steps = []
    for line in text(value).splitlines():
        day, _sep, action = line.strip().partition(" ")
        if not line.strip():
            continue
        try:
            parsed = date_value(day)
        except CellError:
            parsed = None
        if parsed is None or not action.strip():
            raise CellError(_("Write each step on its own line: the date, a space, what was done."))
        steps.append((parsed, action.strip()[:300]))
    return steps


class _Places:
    """Villages by name (the workbook's towns first), their groups, and people by ID number."""

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx

    def village(self, row: Row, name: str) -> OrgUnit | None:
        found = [u for u in self.ctx.units_by_name().get(name, []) if u.kind in VILLAGE_KINDS]
        named_towns = {town.pk for town in self.ctx.workbook_towns.values()}
        if len(found) > 1 and named_towns:
            found = [u for u in found if u.town_id in named_towns]
        if len(found) != 1:
            message = (
                _("No village or community in your area has this name.")
                if not found
                else _("Several villages have this name; add the 村社区 sheet naming the town.")
            )
            self.ctx.error(row, VILLAGE, message)
            return None
        return found[0]

    def group(self, row: Row, village: OrgUnit, name: str) -> OrgUnit | None:
        if not name:
            return None
        group = OrgUnit.objects.filter(parent=village, kind=OrgUnit.Kind.GROUP, name=name).first()
        if group is None:
            self.ctx.error(row, GROUP, _("The village has no villager group of this name."))
        return group

    def people(
        self, row: Row, village: OrgUnit, numbers: list[str], header: str
    ) -> list[int] | None:
        """The people's ids; None when the numbers are masked (keep those recorded)."""
        if any("*" in number for number in numbers):
            return None
        indexes = []
        for number in numbers:
            try:
                indexes.append(id_number_index(parse_id_number(number).value))
            except InvalidIdNumber as exc:
                self.ctx.error(row, header, id_number_message(str(exc)))
                return []
        found = dict(
            self.ctx.scope.filter(Person.objects.filter(id_number_index__in=indexes))
            .filter(unit__path__startswith=village.path)
            .values_list("id_number_index", "pk")
        )
        if len(found) != len(set(indexes)):
            self.ctx.error(row, header, _("Someone named here is not a person of the village."))
            return []
        return [found[index] for index in dict.fromkeys(indexes)]


def _ids(people: Iterable[Person], reveal: bool) -> str:
    return "、".join(p.id_number if reveal else mask_id_number(p.id_number) for p in people)


def _names(people: Iterable[Person]) -> str:
    return "、".join(p.name for p in people)


@register
class ServiceSheet(SheetSpec):
    name = "服务记录"
    order = 150
    columns = (
        Column(VILLAGE, "village", text_parser(60), required=True),
        Column(GROUP, "group", text_parser(60)),
        Column("服务日期", "date", date_value, required=True),
        Column("服务类别", "category", text_parser(30), required=True),
        Column("服务地点", "place", text_parser(60)),
        Column("服务人数", "served_count", count_value),
        Column("服务内容", "summary", text_parser(500), required=True),
        Column("用时（小时）", "hours", hours_value, required=True),
        Column("服务人员公民身份号码", "servers", id_list),
        Column("服务人员", "server_names", text_parser(500)),  # for reading; not imported
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        places = _Places(ctx)
        records = []
        for row in rows:
            values = row.values
            village = places.village(row, values["village"]) if row.ok else None
            if village is None:
                continue
            group = places.group(row, village, values["group"])
            servers = places.people(row, village, values["servers"], "服务人员公民身份号码")
            category = self._category(village, values["category"], row, ctx)
            key = (village.pk, values["date"], category.pk, values["summary"])
            if ctx.is_repeated(row, key, "服务内容") or not row.ok:
                continue
            records.append(
                ImportedService(
                    values={
                        "village_id": village.pk,
                        "group_id": group.pk if group else None,
                        "date": values["date"],
                        "category_id": category.pk,
                        "summary": values["summary"],
                        "place": values["place"],
                        "served_count": values["served_count"] or 1,
                        "hours": values["hours"],
                    },
                    server_ids=servers,
                )
            )
        ctx.report.counts(self.name).add(services_import(rows=records, by=ctx.by))

    def _category(
        self, village: OrgUnit, name: str, row: Row, ctx: ImportContext
    ) -> ServiceCategory:
        """The town's category of this name; a new name is added to the town's list."""
        assert village.town is not None
        categories = categories_of(town=village.town)
        found = categories.filter(name=name).first()
        if found is None:
            found = ServiceCategory.objects.create(
                town=village.town, name=name, position=categories.count() + 1
            )
            ctx.warning(row, "服务类别", _("A new category was added to the town's list."))
        return found

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        records = ServiceRecord.objects.filter(village__town=town).select_related(
            "village", "group", "category"
        )
        for record in records.prefetch_related("servers").order_by("date", "id"):
            servers = list(record.servers.all())
            yield [
                record.village.name,
                record.group.name if record.group else "",
                record.date,
                record.category.name,
                record.place,
                record.served_count,
                record.summary,
                record.hours,
                _ids(servers, reveal),
                _names(servers),
            ]


@register
class CaseSheet(SheetSpec):
    name = "矛盾纠纷调解"
    order = 160
    columns = (
        Column(VILLAGE, "village", text_parser(60), required=True),
        Column(GROUP, "group", text_parser(60)),
        Column("受理日期", "received_on", date_value, required=True),
        Column("纠纷事由", "title", text_parser(100), required=True),
        Column("纠纷类型", "case_type", choice_parser(CASE_TYPE_WORDS)),
        Column("纠纷简要情况", "description", text_parser(2000)),
        Column("当事人", "parties", text_parser(1000)),
        Column("调解人员公民身份号码", "mediators", id_list),
        Column("调解人员", "mediator_names", text_parser(500)),  # for reading; not imported
        Column("调解过程", "steps", steps_value),
        Column("调解结果", "result", choice_parser(CASE_RESULT_WORDS)),
        Column("结案日期", "closed_on", date_value),
        Column("协议内容", "agreement", text_parser(2000)),
        Column("回访日期", "follow_up_on", date_value),
        Column("回访情况", "follow_up_note", text_parser(1000)),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        places = _Places(ctx)
        records = []
        for row in rows:
            values = row.values
            village = places.village(row, values["village"]) if row.ok else None
            if village is None:
                continue
            group = places.group(row, village, values["group"])
            mediators = places.people(row, village, values["mediators"], "调解人员公民身份号码")
            if values["result"] and not values["closed_on"]:
                ctx.error(row, "结案日期", _("Give the day the case was closed."))
            closed = values["closed_on"]
            if closed and closed < values["received_on"]:
                ctx.error(
                    row, "结案日期", _("A case is closed on or after the day it was received.")
                )
            key = (village.pk, values["received_on"], values["title"])
            if ctx.is_repeated(row, key, "纠纷事由") or not row.ok:
                continue
            parties = values["parties"]
            records.append(
                ImportedCase(
                    values={
                        "village_id": village.pk,
                        "group_id": group.pk if group else None,
                        "received_on": values["received_on"],
                        "title": values["title"],
                        "case_type": values["case_type"] or CaseType.OTHER,
                        "description": values["description"],
                        "result": values["result"] or "",
                        "closed_on": closed,
                        "agreement": values["agreement"],
                        "follow_up_on": values["follow_up_on"],
                        "follow_up_note": values["follow_up_note"],
                    },
                    mediator_ids=mediators,
                    # A masked export (张**) cannot restore names: keep the recorded parties.
                    parties=None
                    if not parties or "*" in parties
                    else parse_parties(re.sub(r"[;；]", "\n", parties)),
                    steps=values["steps"],
                )
            )
        ctx.report.counts(self.name).add(cases_import(rows=records, by=ctx.by))

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        cases = MediationCase.objects.filter(village__town=town).select_related("village", "group")
        cases = cases.prefetch_related("mediators", "parties", "steps")
        for case in cases.order_by("received_on", "id"):
            mediators = list(case.mediators.all())
            parties = [
                f"{p.name} {p.phone}".strip()
                if reveal
                else f"{p.masked_name} {p.masked_phone}".strip()
                for p in case.parties.all()
            ]
            yield [
                case.village.name,
                case.group.name if case.group else "",
                case.received_on,
                case.title,
                word_for(CASE_TYPE_WORDS, case.case_type),
                case.description,
                "；".join(parties),
                _ids(mediators, reveal),
                _names(mediators),
                "\n".join(f"{s.date:%Y-%m-%d} {s.action}" for s in case.steps.all()),
                word_for(CASE_RESULT_WORDS, case.result),
                case.closed_on,
                case.agreement,
                case.follow_up_on,
                case.follow_up_note,
            ]
