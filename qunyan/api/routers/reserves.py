"""The reserve pool on a day, as the pool page shows it."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router

from qunyan.core.roles import Capability
from qunyan.reserves.choices import Stage
from qunyan.reserves.selectors import pool_list

from ..access import api_scope
from ..errors import ERRORS
from ..pagination import FIRST_DAY, LAST_DAY, Page, PageQuery, keyset_page
from ..versions import Versioned

router = Router(tags=["reserves"])


class ReserveOut(Versioned):
    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    village_id: int = Field(..., alias="person.unit_id")
    stage: str
    entered_on: datetime.date | None
    left_on: datetime.date | None
    source_category: str
    reserved_for: str


class ReservePage(Page):
    items: list[ReserveOut]


class ReserveFilters(PageQuery):
    on: datetime.date | None = Field(
        None, ge=FIRST_DAY, le=LAST_DAY, description="the day (default today)"
    )
    village: int | None = Field(None, ge=1, le=2**31 - 1)
    stage: str = Field("", description="a stage, 'all', or empty for those in the pool")


@router.get("/reserves/", response={200: ReservePage, **ERRORS})
def reserves(request: HttpRequest, filters: Query[ReserveFilters]) -> dict[str, Any]:
    """Stays in the reserve pool in scope (in the pool on the day unless a stage is asked)."""
    scope = api_scope(request, Capability.VIEW_PEOPLE)
    stage = filters.stage if filters.stage in {*Stage.values, "all"} else ""
    stays = pool_list(
        scope=scope, on=filters.on or timezone.localdate(), village=filters.village, stage=stage
    )
    return keyset_page(stays, after=filters.after, limit=filters.limit)
