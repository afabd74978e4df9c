"""This module's records in the demo town, added after the workbook is imported.

Profiles and wishes for every serving cadre, a confirmed division in every village, and
villager groups with three-chief teams in a few villages (one seat left empty so the coverage
view has something to show). Nothing of the imported workbook changes: groups are new units
below villages, and no person moves.
"""

import random

from django.utils import timezone

from qunyan.core.models import VILLAGE_KINDS, Account, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.services import orgunit_create

from .choices import ChiefRole, GenderRule, Trait
from .proposals import propose
from .selectors import chief_candidates, serving_cadres
from .services import (
    ProfileData,
    catalogue_ensure,
    chief_appoint,
    divisions_confirm,
    profiles_create,
)

SECRETARY_VILLAGES = ("牛坪坳村", "石门村")
GROUP_VILLAGES = 5  # villages given villager groups
GROUPS_PER_VILLAGE = 3
GROUP_NAMES = ("第一村民小组", "第二村民小组", "第三村民小组")


def demo_add(*, report_year: int, officer: Account) -> None:
    """Profiles, wishes, divisions in force and three-chief teams for the demo town."""
    town = officer.unit
    if town is None or town.kind != OrgUnit.Kind.TOWN:
        return
    rng = random.Random(report_year * 8)
    scope = Scope.for_account(officer)
    today = timezone.localdate()
    duties = catalogue_ensure(town=town, by=officer)
    villages = list(
        OrgUnit.objects.filter(town=town, kind__in=VILLAGE_KINDS).order_by("name", "id")
    )
    women_duties = [d for d in duties if d.gender == GenderRule.FEMALE]
    rows = []
    for people in serving_cadres(villages=villages, on=today).values():
        for person in people:
            choices = [d for d in duties if not d.gender or d.gender == person.gender]
            wishes = rng.sample(choices, k=min(len(choices), rng.randint(1, 3)))
            if person.gender == "F" and women_duties and rng.random() < 0.7:
                wishes = [women_duties[0], *[w for w in wishes if w != women_duties[0]]][:3]
            rows.append(
                ProfileData(person=person, traits=rng.sample(Trait.values, k=2), wishes=wishes)
            )
    profiles_create(rows=rows, by=officer, scope=scope)
    plans = [
        (p.village, p.solution.plan)
        for p in propose(town=town, villages=villages, on=today)
        if p.solution.feasible
    ]
    divisions_confirm(plans=plans, on=today, by=officer, scope=scope)
    # The demo secretaries' villages first, so their pages show teams too.
    first = [v for v in villages if v.name in SECRETARY_VILLAGES]
    rest = [v for v in villages if v.name not in SECRETARY_VILLAGES]
    _chief_teams((first + rest)[:GROUP_VILLAGES], officer, scope, today)


def _chief_teams(villages: list[OrgUnit], officer: Account, scope: Scope, today: object) -> None:
    for index, village in enumerate(villages):
        for g, name in enumerate(GROUP_NAMES[:GROUPS_PER_VILLAGE]):
            group = orgunit_create(
                name=name, kind=OrgUnit.Kind.GROUP, parent=village, by=officer, scope=scope
            )
            for role in ChiefRole.values:
                # The last group of the first village still lacks a grid leader.
                if index == 0 and g == GROUPS_PER_VILLAGE - 1 and role == ChiefRole.GRID:
                    continue
                found = chief_candidates(group=group, role=role, on=today)  # type: ignore[arg-type]
                if found:
                    chief_appoint(
                        group=group,
                        role=role,
                        person=found[0][0],
                        on=today,  # type: ignore[arg-type]
                        by=officer,
                        scope=scope,
                    )
