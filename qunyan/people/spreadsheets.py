"""The 人员 (roster) and 村干部 (two-committee members) sheets, and the person lookup every other
sheet uses to turn a 公民身份号码 into a person of the registry."""

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from qunyan.core.crypto import keys_pinned
from qunyan.core.models import OrgUnit
from qunyan.spreadsheets.engine import Column, ImportContext, Row, SheetSpec, register
from qunyan.spreadsheets.parsers import (
    CellError,
    choice_parser,
    date_value,
    id_text,
    money,
    text_parser,
)

from .choices import (
    EDUCATION_ALIASES,
    EDUCATION_WORDS,
    GENDER_WORDS,
    POLITICAL_ALIASES,
    POLITICAL_WORDS,
    word_for,
)
from .idnumbers import InvalidIdNumber, mask_id_number, mask_phone, parse_id_number
from .models import CadreTerm, Person
from .services import (
    PersonData,
    WriteBehind,
    cadre_terms_upsert,
    id_number_index,
    id_number_message,
    people_upsert,
    person_validate,
)

_FIELD_HEADERS = {
    "name": "姓名",
    "id_number": "公民身份号码",
    "gender": "性别",
    "birth_date": "出生日期",
    "unit": "所属单位",
    "phone": "联系电话",
}


@dataclass(frozen=True)
class PersonRef:
    """What other sheets need to know about a referenced person."""

    pk: int
    unit_id: int
    town_id: int
    unit_kind: str
    birth_date: Any


def id_cell(value: Any) -> str:
    return id_text(value)


def resolve_people(
    rows: list[Row], ctx: ImportContext, *, key: str, header: str
) -> dict[int, PersonRef]:
    """Map row number → person for the ID column `key`; unknown numbers are errors on the row."""
    wanted: dict[int, str] = {}
    for row in rows:
        raw = row.values.get(key) or ""
        if not raw:
            continue
        try:
            wanted[row.number] = id_number_index(parse_id_number(raw).value)
        except InvalidIdNumber as exc:
            ctx.error(row, header, id_number_message(str(exc)))
    found = {
        ref["id_number_index"]: PersonRef(
            ref["pk"], ref["unit_id"], ref["town_id"], ref["unit__kind"], ref["birth_date"]
        )
        for ref in ctx.scope.filter(
            Person.objects.filter(id_number_index__in=set(wanted.values()))
        ).values("pk", "id_number_index", "unit_id", "town_id", "unit__kind", "birth_date")
    }
    failed_people: set[str] = ctx.memo.get("people_failed", set())
    result: dict[int, PersonRef] = {}
    for row in rows:
        index = wanted.get(row.number)
        if index is None:
            continue
        if index in found:
            result[row.number] = found[index]
        elif index in failed_people:
            row.ok = False  # the 人员 row already carries the error; do not repeat it here
        else:
            ctx.error(
                row,
                header,
                _("No row of the 人员 sheet or record of the registry has this ID number."),
            )
    return result


@register
class PersonSheet(SheetSpec):
    name = "人员"
    order = 20
    columns = (
        Column("姓名", "name", text_parser(50), required=True),
        Column("公民身份号码", "id_number", id_cell, required=True),
        Column("性别", "gender", choice_parser(GENDER_WORDS)),
        Column("民族", "ethnicity", text_parser(20)),
        Column("出生日期", "birth_date", date_value),
        Column("学历", "education", choice_parser(EDUCATION_WORDS, EDUCATION_ALIASES)),
        Column("政治面貌", "political_status", choice_parser(POLITICAL_WORDS, POLITICAL_ALIASES)),
        Column("所属单位", "unit", text_parser(60), required=True),
        Column("联系电话", "phone", text_parser(30)),
        Column("专业特长", "skills", text_parser(200)),
    )

    @contextlib.contextmanager
    def importing(self, ctx: ImportContext) -> Iterator[None]:
        """New people are written behind the reading and checking of the next batch."""
        with WriteBehind().running() as behind:
            ctx.memo["people_behind"] = behind
            try:
                yield
            finally:
                del ctx.memo["people_behind"]

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        with keys_pinned():
            self._import_batch(rows, ctx)

    def _import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        counts = ctx.report.counts(self.name)
        seen: dict[str, int] = ctx.memo.setdefault("people_rows", {})
        failed: set[str] = ctx.memo.setdefault("people_failed", set())
        behind: WriteBehind | None = ctx.memo.get("people_behind")
        if behind is not None and "units_by_name" not in ctx.memo:
            behind.wait()  # the database is free before it is asked
        units = ctx.units_by_name()
        valid: list[tuple[Row, PersonData]] = []
        for row in rows:
            values = row.values
            unit = None
            if values["unit"]:
                candidates = units.get(values["unit"], [])
                if len(candidates) > 1:
                    candidates = _prefer_workbook_towns(candidates, ctx)
                if not candidates:
                    ctx.error(
                        row,
                        "所属单位",
                        _("%(name)s is not a village, community or town in your area.")
                        % {"name": values["unit"]},
                    )
                elif len(candidates) > 1:
                    ctx.error(
                        row,
                        "所属单位",
                        _("Several units are called %(name)s.") % {"name": values["unit"]},
                    )
                else:
                    unit = candidates[0]
            if unit is None or not values["id_number"]:
                failed.add(_safe_index(values["id_number"] or ""))
                row.ok = False
                continue
            data = PersonData(
                # A cell that failed to parse is None here; its error is already recorded.
                name=values["name"] or "",
                id_number=values["id_number"],
                unit=unit,
                gender=values["gender"] or "",
                ethnicity=values["ethnicity"] or "",
                birth_date=values["birth_date"],
                education=values["education"] or "",
                political_status=values["political_status"] or "",
                phone=values["phone"] or "",
                skills=values["skills"] or "",
            )
            for field_name, messages in person_validate(data, scope=ctx.scope).items():
                for message in messages:
                    ctx.error(row, _FIELD_HEADERS.get(field_name, "公民身份号码"), message)
            if data.index and data.index in seen:
                ctx.error(
                    row,
                    "公民身份号码",
                    _("The same ID number is on row %(row)d.") % {"row": seen[data.index]},
                )
            elif data.index:
                seen[data.index] = row.number
            if row.ok:
                valid.append((row, data))
            elif data.index:
                failed.add(data.index)
        if behind is not None and not ctx.scope.is_unrestricted:
            behind.wait()
        outside = (
            set(
                Person.objects.filter(id_number_index__in=[d.index for _, d in valid])
                .exclude(pk__in=ctx.scope.filter(Person.objects.all()).values("pk"))
                .values_list("id_number_index", flat=True)
            )
            if not ctx.scope.is_unrestricted
            else set()
        )
        writable = []
        for row, data in valid:
            if data.index in outside:
                ctx.error(
                    row, "公民身份号码", _("This person is registered in a unit outside your area.")
                )
                failed.add(data.index)
            else:
                writable.append(data)
        result = people_upsert(rows=writable, by=ctx.by, keep_people=False, behind=behind)
        counts.add(result)

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        people = Person.objects.filter(town=town).select_related("unit").order_by("id")
        for p in people.iterator(chunk_size=2000):
            yield [
                p.name,
                p.id_number if reveal else mask_id_number(p.id_number),
                word_for(GENDER_WORDS, p.gender),
                p.ethnicity,
                p.birth_date,
                word_for(EDUCATION_WORDS, p.education),
                word_for(POLITICAL_WORDS, p.political_status),
                p.unit.name,
                (p.phone if reveal else mask_phone(p.phone)) if p.phone else "",
                p.skills,
            ]


def _prefer_workbook_towns(candidates: list[OrgUnit], ctx: ImportContext) -> list[OrgUnit]:
    """A village name found in several towns: the towns of this workbook's 村社区 sheet decide."""
    if len(candidates) < 2:
        return candidates
    towns = {town.pk for town in ctx.workbook_towns.values()}
    narrowed = [unit for unit in candidates if unit.pk in towns or unit.town_id in towns]
    return narrowed or candidates


def _safe_index(raw: str) -> str:
    try:
        return id_number_index(parse_id_number(raw).value)
    except (InvalidIdNumber, CellError):
        return ""


def export_id(person: Person, reveal: bool) -> str:
    return person.id_number if reveal else mask_id_number(person.id_number)


@register
class CadreSheet(SheetSpec):
    name = "村干部"
    order = 30
    columns = (
        Column("公民身份号码", "id_number", id_cell, required=True),
        Column("职务", "post", text_parser(30), required=True),
        Column("任职起始日期", "started_on", date_value, required=True),
        Column("任职终止日期", "ended_on", date_value),
        Column("绩效奖金基数", "bonus_base", money),
    )

    def import_batch(self, rows: list[Row], ctx: ImportContext) -> None:
        people = resolve_people(rows, ctx, key="id_number", header="公民身份号码")
        records = []
        for row in rows:
            person = people.get(row.number)
            key = (person.pk, row.values["post"], row.values["started_on"]) if person else None
            if person is None or ctx.is_repeated(row, key, "公民身份号码") or not row.ok:
                continue
            if person.unit_kind not in (OrgUnit.Kind.VILLAGE, OrgUnit.Kind.COMMUNITY):
                ctx.error(
                    row,
                    "公民身份号码",
                    _("This person's unit in the 人员 sheet is not a village or community."),
                )
                continue
            started, ended = row.values["started_on"], row.values["ended_on"]
            if ended is not None and ended < started:
                ctx.error(row, "任职终止日期", _("The end date is before the start date."))
                continue
            records.append(
                {
                    "person_id": person.pk,
                    "post": row.values["post"],
                    "started_on": started,
                    "village_id": person.unit_id,
                    "ended_on": ended,
                    "bonus_base": row.values["bonus_base"],
                }
            )
        counts = cadre_terms_upsert(records=records, by=ctx.by)
        ctx.report.counts(self.name).add(counts)

    def export_rows(self, *, town: OrgUnit, reveal: bool) -> Iterable[list[Any]]:
        terms = CadreTerm.objects.filter(person__town=town).select_related("person").order_by("id")
        for term in terms.iterator(chunk_size=2000):
            yield [
                export_id(term.person, reveal),
                term.post,
                term.started_on,
                term.ended_on,
                term.bonus_base,
            ]
