"""Read endpoints for a module's records, all alike: scoped, filtered, keyset-paginated.

A module states its model, the path from a row to its village or town (for the scope), its
date field (for `year`) and its output schema; the endpoint does the rest the same way for all.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import create_model

from qunyan.core.roles import Capability

from .access import api_scope
from .errors import ERRORS
from .pagination import Page, PageQuery, keyset_page


class RecordQuery(PageQuery):
    village: int | None = Field(None, ge=1, le=2**31 - 1, description="a village or community id")
    year: int | None = Field(None, ge=1900, le=2099, description="records dated in this year")


def record_list(
    router: Router,
    path: str,
    *,
    name: str,
    rows: Callable[[], QuerySet[Any]],
    unit_field: str,
    out: type[Schema],
    year_lookup: str = "",
    village_field: str | None = "",
    capability: str = Capability.VIEW_PEOPLE,
) -> None:
    """Add GET `path`: the rows in the caller's scope, `village`/`year` filters, keyset pages.

    `village_field` is the row's village when it differs from `unit_field` (None: a town-level
    record, which the `village` filter leaves out).
    """
    village = unit_field if village_field == "" else village_field
    page = create_model(f"{out.__name__}Page", __base__=Page, items=(list[out], ...))  # type: ignore[valid-type]

    def endpoint(request: HttpRequest, query: Query[RecordQuery]) -> dict[str, Any]:
        scope = api_scope(request, capability)
        found = scope.filter(rows(), unit_field=unit_field)
        if query.village:
            found = found.filter(**{f"{village}_id": query.village}) if village else found.none()
        if query.year and year_lookup:
            found = found.filter(**{year_lookup: query.year})
        return keyset_page(found, after=query.after, limit=query.limit)

    endpoint.__doc__ = f"{out.__doc__ or name} — in the token's scope, oldest first."
    router.get(path, response={200: page, **ERRORS}, operation_id=name, url_name=name)(endpoint)
