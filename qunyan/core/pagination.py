"""Keyset ("seek") pagination and count estimates for tables of millions of rows.

OFFSET pagination reads and throws away every row before the page, and the page count needs a
COUNT(*) of the whole result: both grow with the table. A keyset page instead starts right after
(or before) the last row shown, which an index on the sort columns finds directly, and the count
beside the list is PostgreSQL's own estimate once it is large (an exact figure of 2,871,403 is
worth no full scan). Links carry an opaque cursor with the sort values of the boundary row.
"""

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections
from django.db.models import Model, Q, QuerySet

# Below this estimate an exact COUNT is cheap enough (and a town's own registry is always exact).
EXACT_COUNT_BELOW = 10_000
_MAX_CURSOR_CHARS = 2_000


@dataclass
class KeysetPage:
    """One page of rows; template-compatible with the parts of Django's Page the lists use."""

    object_list: list[Any]
    has_next: bool
    has_previous: bool
    next_cursor: str = ""
    previous_cursor: str = ""
    count: int | None = None
    count_is_estimate: bool = False
    keyset: bool = field(default=True, init=False)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def paginator(self) -> "KeysetPage":
        # `page.paginator.count` keeps working in templates and tests written for Paginator.
        return self


def _ordering(queryset: QuerySet[Any]) -> list[str]:
    """The queryset's sort, ending with the primary key so that every row has its own place."""
    ordering = [str(item) for item in (queryset.query.order_by or queryset.model._meta.ordering)]
    if not ordering or any(not isinstance(item, str) or "?" in item for item in ordering):
        ordering = ["pk"]
    if ordering[-1].lstrip("-") not in {"pk", "id", queryset.model._meta.pk.name}:
        direction = "-" if ordering[-1].startswith("-") else ""
        ordering.append(f"{direction}pk")
    return ordering


def _model_field(model: type[Model], path: str) -> Any:
    """The field at the end of a lookup path such as "unit__name"."""
    parts = path.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model  # type: ignore[assignment]
    last = parts[-1]
    return model._meta.pk if last == "pk" else model._meta.get_field(last)


def _value_of(row: Model, path: str) -> Any:
    value: Any = row
    for part in path.split("__"):
        value = getattr(value, part)
    return value


def _encode(ordering: list[str], row: Model) -> str:
    values = [_value_of(row, item.lstrip("-")) for item in ordering]
    payload = {
        "o": ordering,
        "v": [v.isoformat() if hasattr(v, "isoformat") else v for v in values],
    }
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(model: type[Model], ordering: list[str], cursor: str) -> list[Any] | None:
    """The boundary row's sort values, or None for a cursor that does not fit this sort."""
    if not cursor or len(cursor) > _MAX_CURSOR_CHARS:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if payload["o"] != ordering or len(payload["v"]) != len(ordering):
            return None  # made for another sort: start again from the top
        return [
            _model_field(model, item.lstrip("-")).to_python(value)
            for item, value in zip(ordering, payload["v"], strict=True)
        ]
    except (ValueError, TypeError, KeyError, binascii.Error, ValidationError, FieldDoesNotExist):
        return None


def _beyond(ordering: list[str], values: list[Any], *, backwards: bool) -> Q:
    """Rows after the boundary in this ordering (before it when going backwards).

    (a, b) > (x, y) is written as a >= x AND (a > x OR (a = x AND b > y)): the leading bound is
    redundant but lets an index on the first sort column start at the boundary.
    """
    branches = []
    for position, item in enumerate(ordering):
        name = item.lstrip("-")
        descending = item.startswith("-") != backwards
        equal = {prior.lstrip("-"): values[i] for i, prior in enumerate(ordering[:position])}
        branches.append(Q(**equal, **{f"{name}__{'lt' if descending else 'gt'}": values[position]}))
    first = ordering[0].lstrip("-")
    descending = ordering[0].startswith("-") != backwards
    return Q(**{f"{first}__{'lte' if descending else 'gte'}": values[0]}) & reduce(or_, branches)


def _reversed(ordering: list[str]) -> list[str]:
    return [item[1:] if item.startswith("-") else f"-{item}" for item in ordering]


def keyset_page(
    queryset: QuerySet[Any],
    *,
    after: str | None = None,
    before: str | None = None,
    size: int = 50,
    count: bool = True,
) -> KeysetPage:
    """The page of `queryset` (in its own order) after or before a cursor; the first without.

    Sort columns must be NOT NULL (NULLs fall out of the comparisons).
    """
    ordering = _ordering(queryset)
    model = queryset.model
    page: KeysetPage | None = None
    before_values = _decode(model, ordering, before or "")
    after_values = None if before_values else _decode(model, ordering, after or "")
    if before_values is not None:
        rows = list(
            queryset.filter(_beyond(ordering, before_values, backwards=True)).order_by(
                *_reversed(ordering)
            )[: size + 1]
        )
        if len(rows) > size:  # otherwise this is the first page: show it full, below
            rows = rows[:size][::-1]
            page = KeysetPage(rows, has_next=True, has_previous=True)
    if page is None:
        start = queryset.order_by(*ordering)
        if after_values is not None:
            start = start.filter(_beyond(ordering, after_values, backwards=False))
        rows = list(start[: size + 1])
        page = KeysetPage(
            rows[:size], has_next=len(rows) > size, has_previous=after_values is not None
        )
    if page.object_list:
        page.next_cursor = _encode(ordering, page.object_list[-1]) if page.has_next else ""
        page.previous_cursor = _encode(ordering, page.object_list[0]) if page.has_previous else ""
    if count:
        page.count, page.count_is_estimate = estimated_count(queryset)
    return page


def estimated_count(
    queryset: QuerySet[Any], *, exact_below: int = EXACT_COUNT_BELOW
) -> tuple[int, bool]:
    """(rows, is_estimate): the planner's estimate on PostgreSQL when large, else COUNT(*)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return queryset.count(), False
    estimate = _planner_rows(queryset)
    if estimate < exact_below:
        return queryset.count(), False
    return estimate, True


def _planner_rows(queryset: QuerySet[Any]) -> int:
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        if not queryset.query.where:
            # The whole table: the statistics ANALYZE/autovacuum keep (-1: never analysed).
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            found = cursor.fetchone()
            if found and found[0] >= 0:
                return int(found[0])
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
