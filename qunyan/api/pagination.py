"""Keyset pagination: `after` the last id seen, never a deep OFFSET or a full COUNT."""

import datetime
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from ninja import Field, Schema

M = TypeVar("M", bound=Model)
MAX_LIMIT = 200
# Dates a request may name: the registry's years (date arithmetic such as ages needs room).
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)


class PageQuery(Schema):
    after: int | None = Field(
        None, ge=0, le=2**63 - 1, description="the last id of the page before"
    )
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


class Page(Schema):
    next_after: int | None
    items: list[Any]


def keyset_page(items: QuerySet[M], *, after: int | None, limit: int) -> dict[str, Any]:
    limit = max(1, min(limit, MAX_LIMIT))
    ordered = items.order_by("pk")
    if after is not None:
        ordered = ordered.filter(pk__gt=after)
    rows = list(ordered[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return {"next_after": rows[-1].pk if more else None, "items": rows}
