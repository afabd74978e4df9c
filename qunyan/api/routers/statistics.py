"""A town's statistics: the same JSON as `qunyan stats` (the exchange contract)."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from qunyan.core.roles import Capability
from qunyan.reports.selectors import town_statistics

from ..access import api_scope
from ..errors import ERRORS
from ..pagination import FIRST_DAY, LAST_DAY

router = Router(tags=["statistics"])


class StatsQuery(Schema):
    town: int = Field(..., ge=1, le=2**31 - 1, description="the town's unit id")
    period_from: datetime.date = Field(..., alias="from", ge=FIRST_DAY, le=LAST_DAY)
    period_to: datetime.date = Field(..., alias="to", ge=FIRST_DAY, le=LAST_DAY)
    as_of: datetime.date | None = Field(None, ge=FIRST_DAY, le=LAST_DAY)


@router.get("/stats/", response={200: dict[str, Any], **ERRORS})
def stats(request: HttpRequest, query: Query[StatsQuery]) -> dict[str, Any]:
    scope = api_scope(request, Capability.VIEW_PEOPLE)
    town = scope.towns().filter(pk=query.town).first()
    if town is None:
        raise Http404
    if query.period_to < query.period_from:
        raise ValidationError({"to": [_("The end of the period is before its start.")]})
    return town_statistics(
        town=town,
        period_from=query.period_from,
        period_to=query.period_to,
        as_of=query.as_of or query.period_to,
    )
