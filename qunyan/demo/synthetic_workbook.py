"""`qunyan generate --workbooks DIR`: each synthetic town as an exchange workbook of its own.

The same plans as the database writer (synthetic_town), put in the contract's words; headers
come from the engine's sheet specs. openpyxl's write-only mode keeps memory flat per town.
"""

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from qunyan.core.spreadsheets import UNIT_KIND_WORDS
from qunyan.evaluation.choices import RATING_WORDS
from qunyan.mentoring.choices import PRINCIPLE_WORDS
from qunyan.people.choices import EDUCATION_WORDS, GENDER_WORDS, POLITICAL_WORDS, SOURCE_WORDS
from qunyan.talents.choices import OCCASION_WORDS, WAY_WORDS
from qunyan.training.choices import PROGRAMME_WORDS

from .synthetic import Progress, Spec, town_name, town_rng, village_kind, village_name
from .synthetic_plan import TownPlan
from .synthetic_town import build_town


def _words(mapping: dict[str, Any]) -> dict[str, str]:
    return {str(code): word for word, code in mapping.items()}


GENDER, EDUCATION = _words(GENDER_WORDS), _words(EDUCATION_WORDS)
POLITICAL, SOURCE = _words(POLITICAL_WORDS), _words(SOURCE_WORDS)
WAY, OCCASION = _words(WAY_WORDS), _words(OCCASION_WORDS)
PROGRAMME, PRINCIPLE, RATING = (
    _words(PROGRAMME_WORDS),
    _words(PRINCIPLE_WORDS),
    _words(RATING_WORDS),
)
KIND = _words(UNIT_KIND_WORDS)


def write_workbooks(spec: Spec, directory: Path, *, progress: Progress | None = None) -> list[Path]:
    """One .xlsx per town in `directory`; returns the files."""
    directory.mkdir(parents=True, exist_ok=True)
    counter = itertools.count(1)
    files = []
    for town_index in range(spec.towns):
        # Keys only link rows within the plan; the workbook refers to units by name, people by ID.
        town_id = next(counter)
        village_ids = [next(counter) for _ in range(spec.villages_per_town)]
        plan = build_town(
            rng=town_rng(spec.seed, town_index),
            town_index=town_index,
            town_id=town_id,
            village_ids=village_ids,
            people=spec.people_of(town_index),
            period=spec.period,
            next_id=lambda _label: next(counter),
        )
        name = town_name(town_index)
        path = directory / f"{town_index + 1:04d}-{name}.xlsx"
        write_town(
            plan,
            name,
            path,
            [
                village_name(town_index, v, spec.villages_per_town)
                for v in range(spec.villages_per_town)
            ],
        )
        files.append(path)
        if progress:
            progress(f"{town_index + 1}/{spec.towns} {path.name}")
    return files


def write_town(plan: TownPlan, name: str, path: Path, village_names: list[str]) -> None:
    from qunyan.spreadsheets.engine import sheet_specs

    units = {plan.town_id: name}
    units.update(zip(plan.village_ids, village_names, strict=True))
    ids = dict(zip(plan.person_ids, (row[1] for row in plan.people), strict=True))
    sheets = _sheets(plan, name, units, ids)
    book = Workbook(write_only=True)
    for sheet_spec in sheet_specs():
        rows = sheets.get(sheet_spec.name)
        if rows is None:
            continue
        sheet = book.create_sheet(sheet_spec.name)
        sheet.append([column.header for column in sheet_spec.columns])
        for row in rows:
            sheet.append(row)
    tmp = path.with_name(path.name + ".part")
    book.save(tmp)
    tmp.replace(path)


def _sheets(
    plan: TownPlan, name: str, units: dict[int, str], ids: dict[int, str]
) -> dict[str, Iterator[list[Any]]]:
    records = plan.records

    def rows(label: str) -> list[dict[str, Any]]:
        return records.get(label, [])

    classes = {row["id"]: row["code"] for row in rows("training.TrainingClass")}
    return {
        "村社区": ([name, units[v], KIND[village_kind(i)]] for i, v in enumerate(plan.village_ids)),
        "人员": (
            [
                p[0],
                p[1],
                GENDER[p[2]],
                p[3],
                p[4],
                EDUCATION.get(p[5], ""),
                POLITICAL[p[6]],
                units[p[7]],
                p[8],
                p[9],
            ]
            for p in plan.people
        ),
        "村干部": (
            [ids[r["person_id"]], r["post"], r["started_on"], r["ended_on"], r["bonus_base"]]
            for r in rows("people.CadreTerm")
        ),
        "后备力量": (
            [
                ids[r["person_id"]],
                r["entered_on"],
                r["left_on"],
                r["leave_reason"] or None,
                SOURCE[r["source_category"]],
            ]
            for r in rows("reserves.Reserve")
        ),
        "发展党员": (
            [
                ids[r["person_id"]],
                r["applied_on"],
                r["activist_on"],
                r["candidate_on"],
                r["admitted_on"],
                r["converted_on"],
                SOURCE[r["source_category"]],
            ]
            for r in rows("party.DevelopmentRecord")
        ),
        "在外人才": (
            [
                ids[r["person_id"]],
                r["place"],
                r["trade"],
                r["returned_on"],
                r["business_started_on"],
                r["business_project"] or None,
            ]
            for r in rows("talents.OutsideTalent")
        ),
        "走访座谈": (
            [r["date"], WAY[r["way"]], ids[r["person_id"]], OCCASION[r["occasion"]], r["notes"]]
            for r in rows("talents.Outreach")
        ),
        "培训班": (
            [
                r["code"],
                r["name"],
                PROGRAMME[r["programme"]],
                r["category"],
                r["starts_on"],
                r["ends_on"],
                r["hours"],
                r["teacher"],
            ]
            for r in rows("training.TrainingClass")
        ),
        "参训记录": (
            [classes[r["training_class_id"]], ids[r["person_id"]], "是" if r["completed"] else "否"]
            for r in rows("training.Attendance")
        ),
        "导师帮带": (
            [
                ids[r["mentor_id"]],
                ids[r["mentee_id"]],
                PRINCIPLE[r["principle"]],
                r["started_on"],
                r["ended_on"],
            ]
            for r in rows("mentoring.Mentorship")
        ),
        "年度考评": (
            [r["year"], units[r["village_id"]], RATING[r["rating"]]]
            for r in rows("evaluation.VillageRating")
        ),
        "表彰奖励": (
            [ids[r["person_id"]], r["year"], r["title"], r["authority"]]
            for r in rows("evaluation.Commendation")
        ),
    }
