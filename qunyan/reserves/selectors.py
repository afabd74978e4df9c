"""Reads of the reserve pool: who is in it on a day, and the survey (摸底) of every village."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qunyan.core.models import VILLAGE_KINDS, OrgUnit, Towns
from qunyan.core.rules import rule
from qunyan.core.scopes import Scope
from qunyan.people.choices import COLLEGE_OR_ABOVE, PARTY_MEMBER_STATUSES, Gender
from qunyan.reports.periods import born_after_for_age_at_most, years_before

from .choices import ReservedPost
from .models import Reserve, WorkItem


def reserves_in_pool(*, on: datetime.date | OuterRef) -> QuerySet[Reserve]:
    """Stays that are open on a day: entered on or before it, not yet left.

    `on` may be an OuterRef to a date of the enclosing query, for "in the pool on that day".
    """
    return Reserve.objects.filter(entered_on__lte=on).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=on)
    )


# The counts of the survey, as aggregate expressions over pool stays; built per day.
def _measures(on: datetime.date) -> dict[str, Count]:
    young = Q(person__birth_date__gt=born_after_for_age_at_most(rule("YOUNG_MAX_AGE"), on))
    college = Q(person__education__in=COLLEGE_OR_ABOVE)
    measures = {
        "total": Count("person", distinct=True),
        "age_35_or_under": Count("person", filter=young, distinct=True),
        "college_or_above": Count("person", filter=college, distinct=True),
        "young_and_college": Count("person", filter=young & college, distinct=True),
        "skilled": Count("person", filter=~Q(person__skills=""), distinct=True),
        "women": Count("person", filter=Q(person__gender=Gender.FEMALE), distinct=True),
        "party_members": Count(
            "person", filter=Q(person__political_status__in=PARTY_MEMBER_STATUSES), distinct=True
        ),
    }
    for post in ReservedPost.values:
        measures[f"post_{post}"] = Count("person", filter=Q(reserved_for=post), distinct=True)
    return measures


def pool_counts_by_town(
    *, towns: Towns, on: datetime.date, only: tuple[str, ...] = ()
) -> tuple[dict[int, dict[str, int]], dict[int, dict[str, int]]]:
    """The towns' pool on a day: each town's totals, and the same counts per village (one
    query, however many towns); a town or village with nobody in the pool is left out.

    Counted per town and village, then added up: a person has one unit, so the sums are the
    distinct counts (a province's pool is read once, not once per total). `only` names the
    measures wanted, when not all (each costs a distinct count over the whole pool).
    """
    pool = reserves_in_pool(on=on).filter(town__in=towns).order_by()
    measures = _measures(on)
    if only:
        measures = {key: measures[key] for key in only}
    per_town: dict[int, dict[str, int]] = {}
    per_village: dict[int, dict[str, int]] = {}
    for row in pool.values("town", "person__unit").annotate(**measures):
        town, village = row.pop("town"), row.pop("person__unit")
        for table, key in ((per_town, town), (per_village, village)):
            sums = table.setdefault(key, dict.fromkeys(row, 0))
            for measure, n in row.items():
                sums[measure] += n
    return per_town, per_village


def pool_counts(
    *, town: OrgUnit, on: datetime.date
) -> tuple[dict[str, int], dict[int, dict[str, int]]]:
    """The town's pool on a day: totals, and the same counts per village."""
    per_town, per_village = pool_counts_by_town(towns=[town], on=on)
    return per_town.get(town.pk, dict(EMPTY)), per_village


EMPTY = dict.fromkeys(_measures(datetime.date(2000, 1, 1)), 0)


@dataclass(frozen=True)
class Gap:
    """One thing a village lacks: stored as data, put in words in the reader's language."""

    kind: str  # "reserves", "young_college" or "post"
    n: int = 1
    post: str = ""

    def __str__(self) -> str:
        if self.kind == "reserves":
            return ngettext("%(n)d more reserve", "%(n)d more reserves", self.n) % {"n": self.n}
        if self.kind == "young_college":
            return ngettext(
                "%(n)d more reserve aged 35 or under with college education",
                "%(n)d more reserves aged 35 or under with college education",
                self.n,
            ) % {"n": self.n}
        return _("a reserve for the post: %(post)s") % {"post": ReservedPost(self.post).label}

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "n": self.n, "post": self.post}


def shortfall(counts: dict[str, int], *, key_posts: list[str] | None = None) -> list[Gap]:
    """What a village lacks against the standard; empty when it meets it."""
    missing = []
    minimum = int(rule("RESERVE_MIN_PER_VILLAGE"))
    minimum_young = int(rule("RESERVE_MIN_YOUNG_COLLEGE_PER_VILLAGE"))
    if counts["total"] < minimum:
        missing.append(Gap("reserves", minimum - counts["total"]))
    if counts["young_and_college"] < minimum_young:
        missing.append(Gap("young_college", minimum_young - counts["young_and_college"]))
    for post in key_posts or []:
        if counts.get(f"post_{post}", 0) < 1:
            missing.append(Gap("post", post=post))
    return missing


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class VillageRow:
    village: OrgUnit
    counts: dict[str, int]
    missing: list[Gap]

    @property
    def meets(self) -> bool:
        return not self.missing


@dataclass
class Survey:
    """The 摸底 of a town on a day; `previous` is the same day a year earlier."""

    town: OrgUnit
    on: datetime.date
    villages: list[VillageRow]
    totals: dict[str, int]
    previous: "Survey | None" = None
    indicators: dict[str, float | None] = field(default_factory=dict)

    @property
    def short(self) -> list[VillageRow]:
        return [row for row in self.villages if not row.meets]


def reserve_survey(
    *, town: OrgUnit, on: datetime.date, scope: Scope, compare: bool = True
) -> Survey:
    """Every village's reserve strength on a day, its shortfall, and the town's indicators."""
    totals, per_village = pool_counts(town=town, on=on)
    villages = scope.filter(
        OrgUnit.objects.filter(parent=town, kind__in=VILLAGE_KINDS), unit_field=""
    ).order_by("kind", "name")
    key_posts = list(rule("RESERVE_KEY_POSTS"))
    rows = []
    for village in villages:
        counts = per_village.get(village.pk, EMPTY)
        rows.append(VillageRow(village, counts, shortfall(counts, key_posts=key_posts)))
    survey = Survey(town=town, on=on, villages=rows, totals=totals)
    # 年轻化 / 知识化 / 专业化, and the shares of women and party members.
    survey.indicators = {
        key: _share(totals[key], totals["total"])
        for key in ("age_35_or_under", "college_or_above", "skilled", "women", "party_members")
    }
    if compare:
        survey.previous = reserve_survey(
            town=town, on=years_before(on, 1), scope=scope, compare=False
        )
    return survey


def work_items(*, scope: Scope, status: str = "") -> QuerySet[WorkItem]:
    """Work-list items in scope, open first, most urgent first."""
    items = scope.filter(WorkItem.objects.select_related("village"), unit_field="village")
    if status:
        items = items.filter(status=status)
    return items.order_by("status", "deadline", "village__name")


def work_item_get(*, scope: Scope, pk: int) -> WorkItem:
    """A work item in scope, or WorkItem.DoesNotExist."""
    return work_items(scope=scope).get(pk=pk)


def pool_list(
    *,
    scope: Scope,
    on: datetime.date,
    village: int | None = None,
    stage: str = "",
    reserved_for: str = "",
) -> QuerySet[Reserve]:
    """Stays in scope (in the pool on a day by default) with the priority marks of each person.

    `may_apply`: a reserve who could apply to join the party (18 or over, not a member, no
    application yet); `may_nominate`: young enough for a main post (后备力量优先入党提干).
    """
    from qunyan.party.models import DevelopmentRecord

    stays = scope.filter(Reserve.objects.select_related("person__unit"), unit_field="person__unit")
    if stage == "all":
        pass
    elif stage:
        stays = stays.filter(stage=stage)
    else:
        stays = stays.filter(pk__in=reserves_in_pool(on=on).values("pk"))
    if village:
        stays = stays.filter(person__unit_id=village)
    if reserved_for:
        stays = stays.filter(reserved_for=reserved_for)
    adult = Q(person__birth_date__lte=years_before(on, 18))
    applied = Exists(DevelopmentRecord.objects.filter(person=OuterRef("person")))
    young_enough = Q(
        person__birth_date__gt=born_after_for_age_at_most(
            int(rule("NOMINATION_MAX_AGE_MAIN_POST")), on
        )
    )
    return stays.annotate(
        may_apply=ExpressionWrapper(
            adult & ~Q(person__political_status__in=PARTY_MEMBER_STATUSES) & ~Q(applied),
            output_field=BooleanField(),
        ),
        may_nominate=ExpressionWrapper(young_enough, output_field=BooleanField()),
    ).order_by("person__unit__name", "person__name_pinyin")
