"""Grading rules as plain functions: who is assessed, the 优秀 quota, the 不称职 flag."""

import datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from qunyan.core.models import OrgUnit
from qunyan.core.rules import rule, rule_int
from qunyan.people.models import CadreTerm

from .choices import Rating


def terms_in_year(year: int) -> QuerySet[CadreTerm]:
    """Committee terms that cover at least one day of the year."""
    return CadreTerm.objects.filter(started_on__lte=datetime.date(year, 12, 31)).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=datetime.date(year, 1, 1))
    )


def assessed_ids(village: OrgUnit, year: int) -> set[int]:
    """The people assessed in a village for a year: its committee members at any time that year."""
    return set(terms_in_year(year).filter(village=village).values_list("person_id", flat=True))


def quota_percent(rating: str | None) -> int:
    """The village's 优秀 percentage: the base, plus the uplift when it is rated above 一般."""
    base = rule_int("EXCELLENT_QUOTA_PERCENT")
    if rating is not None and rating != Rating.ORDINARY:
        base += rule_int("EXCELLENT_QUOTA_RATED_UPLIFT_POINTS")
    return base


def excellent_quota(assessed: int, rating: str | None) -> int:
    """How many of `assessed` people may be graded 优秀.

    assessed × percent / 100, rounded to a whole person by EXCELLENT_QUOTA_ROUNDING: "half_up"
    (7 × 30 % = 2.1 → 2; 5 × 30 % = 1.5 → 2; 2 × 20 % = 0.4 → 0) or "down" (1.5 → 1).
    Exact Decimal arithmetic, so 5 × 30 % is exactly 1.5.
    """
    share = Decimal(assessed) * Decimal(quota_percent(rating)) / Decimal(100)
    mode = ROUND_DOWN if rule("EXCELLENT_QUOTA_ROUNDING") == "down" else ROUND_HALF_UP
    return int(share.quantize(Decimal(1), rounding=mode))


def quota_error(*, excellent: int, quota: int) -> str | None:
    if excellent > quota:
        return _(
            "Only %(quota)d of those assessed in this village may be graded excellent this year; "
            "%(count)d were."
        ) % {"quota": quota, "count": excellent}
    return None
