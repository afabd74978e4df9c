"""`qunyan generate`: a synthetic county or province, fast enough for millions of people.

An org tree (one county-level root → towns → villages and communities), then town by town the
people (valid ID numbers, encrypted ID and phone with their blind indexes, pinyin keys) and every
module's records, written in bulk (synthetic_db) inside one transaction, with one audit entry for
the whole generation. The same towns can be written as exchange workbooks instead, one per town
(synthetic_workbook). Deterministic for a seed: town i is the same whatever the other sizes.
The database is assumed to be used by nobody else while it runs (keys are given out here; from
100,000 people on, PostgreSQL's person indexes are rebuilt at the end, the table locked meanwhile).
"""

import contextlib
import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from qunyan.core.audit import Action, audit_record
from qunyan.core.crypto import keys_pinned
from qunyan.core.models import Account, OrgUnit

from .synthetic_db import BulkWriter
from .synthetic_plan import Period
from .synthetic_town import build_town

SYLLABLES = "石牛龙凤桃李杉竹茶梅松柏枫荷莲樟桐黄白青金银马鹿羊花塘溪坪坳冲湾岭山桥泉湖港"
COMMUNITY_EVERY = 8  # one unit in eight is a community, as in the demo town (8 of 35)


@dataclass(frozen=True)
class Spec:
    towns: int
    villages_per_town: int
    people: int
    seed: int = 1
    report_year: int = 0  # 0: last year, as the demo
    root_name: str = "合成市"

    @property
    def period(self) -> Period:
        today = timezone.localdate()
        return Period(report_year=self.report_year or today.year - 1, today=today)

    def people_of(self, town_index: int) -> int:
        share, rest = divmod(self.people, self.towns)
        return share + (1 if town_index < rest else 0)


@dataclass
class Summary:
    root: OrgUnit | None = None
    towns: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    files: list[Path] = field(default_factory=list)


def pair_name(index: int, suffix: str) -> str:
    """A unique short place name from two syllables (with a number once pairs run out)."""
    first, second = divmod(index, len(SYLLABLES))
    extra = "" if first < len(SYLLABLES) else str(first // len(SYLLABLES))
    return SYLLABLES[first % len(SYLLABLES)] + SYLLABLES[second] + extra + suffix


def village_kind(index: int) -> str:
    return OrgUnit.Kind.COMMUNITY if index % COMMUNITY_EVERY == COMMUNITY_EVERY - 1 else "village"


def village_name(town_index: int, index: int, per_town: int) -> str:
    """Unique in the whole data set (the importer looks villages up by name across towns)."""
    suffix = "社区" if village_kind(index) == OrgUnit.Kind.COMMUNITY else "村"
    return pair_name(town_index * per_town + index, suffix)


def town_name(index: int) -> str:
    return pair_name(index * 7 % (len(SYLLABLES) ** 2) if index < 2116 else index, "镇")


def town_rng(seed: int, town_index: int) -> random.Random:
    return random.Random(f"qunyan-synthetic-{seed}-{town_index}")


Progress = Callable[[str], None]


def generate(spec: Spec, *, by: Account | None = None, progress: Progress | None = None) -> Summary:
    """Write the synthetic data set into the default database; returns what was written."""
    started = time.perf_counter()
    writer = BulkWriter()
    summary = Summary()
    period = spec.period
    # Below this size the index rebuild costs more than it saves.
    deferred = spec.people >= 100_000
    with transaction.atomic():
        # Towns already there keep their division codes: a second data set gets new ID numbers.
        first = OrgUnit.objects.filter(kind=OrgUnit.Kind.TOWN).count()
        with (
            keys_pinned(),
            writer.indexes_deferred("people.Person") if deferred else contextlib.nullcontext(),
        ):
            root, towns = _org_tree(writer, spec)
            for town_index, (town_id, village_ids) in enumerate(towns):
                plan = build_town(
                    rng=town_rng(spec.seed, town_index),
                    town_index=first + town_index,
                    town_id=town_id,
                    village_ids=village_ids,
                    people=spec.people_of(town_index),
                    period=period,
                    next_id=writer.next_id,
                )
                writer.write_plan(plan)
                if progress:
                    progress(f"{town_index + 1}/{spec.towns} {time.perf_counter() - started:.0f}s")
        writer.finish()
        summary.root = OrgUnit.objects.get(pk=root)
        summary.towns = [town_id for town_id, _ in towns]
        summary.counts = dict(writer.counts)
        audit_record(
            action=Action.CREATE,
            actor=by,
            target=summary.root,
            changes={"synthetic": [None, summary.counts]},
            note=(
                f"qunyan generate --towns {spec.towns} --villages-per-town "
                f"{spec.villages_per_town} --people {spec.people} --seed {spec.seed}"
            ),
        )
    summary.seconds = time.perf_counter() - started
    return summary


def _org_tree(writer: BulkWriter, spec: Spec) -> tuple[int, list[tuple[int, list[int]]]]:
    """The root, its towns and their villages; materialised paths computed from the keys."""
    label = "core.OrgUnit"
    name = spec.root_name
    taken = set(OrgUnit.objects.filter(parent=None, name__startswith=name).values_list("name"))
    number = 1
    while (name,) in taken:  # a second generation into the same database gets its own root
        number += 1
        name = f"{spec.root_name}{number}"
    root = writer.next_id(label)
    units = [
        {"id": root, "name": name, "kind": OrgUnit.Kind.COUNTY, "parent_id": None,
         "path": f"/{root}/", "town_id": None}
    ]  # fmt: skip
    towns = []
    for t in range(spec.towns):
        town = writer.next_id(label)
        town_path = f"/{root}/{town}/"
        units.append(
            {"id": town, "name": town_name(t), "kind": OrgUnit.Kind.TOWN, "parent_id": root,
             "path": town_path, "town_id": town}
        )  # fmt: skip
        villages = []
        for v in range(spec.villages_per_town):
            village = writer.next_id(label)
            villages.append(village)
            units.append(
                {"id": village, "name": village_name(t, v, spec.villages_per_town), "kind": village_kind(v),
                 "parent_id": town, "path": f"{town_path}{village}/", "town_id": town}
            )  # fmt: skip
        towns.append((town, villages))
    writer.write(label, units)
    return root, towns


def period_of(spec: Spec) -> tuple[datetime.date, datetime.date]:
    """The three calendar years the records are laid in (the `qunyan stats` period)."""
    period = spec.period
    return period.first_day, period.as_of
