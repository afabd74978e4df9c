"""The service records as an optional village rating indicator (为民服务) of the evaluation.

A village's score is its hours of recorded service in the year against the best village of its
town (the best scores 100), so the indicator rewards work done, whatever the town's size.
"""

import datetime
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.evaluation.indicators import register_indicator_source

from .summaries import village_service_summary

KEY = "services"


def service_scores(town: OrgUnit, year: int) -> Mapping[int, Decimal]:
    summary = village_service_summary(
        scope=Scope.unrestricted(),
        town=town,
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
    )
    hours = {village: Decimal(row["hours"]) for village, row in summary.items()}
    best = max(hours.values(), default=Decimal(0))
    if not best:
        return {village: Decimal("0.00") for village in hours}
    return {
        village: (value * 100 / best).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        for village, value in hours.items()
    }


register_indicator_source(
    KEY, _("Service records (hours against the best village)"), service_scores
)
