"""Statistics of the contract (`qunyan stats`), computed with aggregate queries only."""

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Q

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.choices import COLLEGE_OR_ABOVE
from qunyan.reserves.selectors import reserves_in_pool

from .periods import born_after_for_age_at_most


def _rule(name: str) -> int:
    return int(settings.QUNYAN_RULES[name])


def reserve_strength(*, town: OrgUnit, on: datetime.date) -> dict[str, Any]:
    """The pool on a day: totals, the young/college structure and villages short of the standard."""
    young = Q(person__birth_date__gt=born_after_for_age_at_most(_rule("YOUNG_MAX_AGE"), on))
    college = Q(person__education__in=COLLEGE_OR_ABOVE)
    pool = reserves_in_pool(on=on).filter(town=town)
    totals = pool.aggregate(
        total=Count("person", distinct=True),
        age_35_or_under=Count("person", filter=young, distinct=True),
        college_or_above=Count("person", filter=college, distinct=True),
        young_and_college=Count("person", filter=young & college, distinct=True),
    )
    per_village = {
        row["person__unit"]: row
        for row in pool.values("person__unit").annotate(
            total=Count("person", distinct=True),
            young_and_college=Count("person", filter=young & college, distinct=True),
        )
    }
    minimum = _rule("RESERVE_MIN_PER_VILLAGE")
    minimum_young = _rule("RESERVE_MIN_YOUNG_COLLEGE_PER_VILLAGE")
    deficient = []
    for village_id, name in OrgUnit.objects.filter(parent=town, kind__in=VILLAGE_KINDS).values_list(
        "id", "name"
    ):
        row = per_village.get(village_id, {"total": 0, "young_and_college": 0})
        if row["total"] < minimum or row["young_and_college"] < minimum_young:
            deficient.append(name)
    return {**totals, "deficient_villages": sorted(deficient)}


def town_statistics(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date, as_of: datetime.date
) -> dict[str, Any]:
    """The contract's statistics object for one town and period."""
    return {
        "town": town.name,
        "from": period_from.isoformat(),
        "to": period_to.isoformat(),
        "as_of": as_of.isoformat(),
        "villages": OrgUnit.objects.filter(parent=town, kind__in=VILLAGE_KINDS).count(),
        "reserves": reserve_strength(town=town, on=as_of),
    }


def towns_in_scope(scope: Scope) -> list[OrgUnit]:
    return list(scope.towns().order_by("name"))
