"""The registry read by programs: units in scope and people (masked)."""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from qunyan.core.roles import Capability
from qunyan.people.models import Person
from qunyan.people.selectors import IDENTITIES, person_get, person_list

from ..access import api_scope
from ..errors import ERRORS
from ..pagination import Page, PageQuery, keyset_page

router = Router(tags=["registry"])


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    town_id: int | None


class UnitPage(Page):
    items: list[UnitOut]


class PersonOut(Schema):
    id: int
    name: str
    gender: str
    birth_date: datetime.date
    education: str
    political_status: str
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    # Masked always: the API has no reveal (that is a logged, deliberate act in the web UI).
    id_number: str = Field(..., alias="masked_id_number")
    phone: str = Field(..., alias="masked_phone")


class PersonPage(Page):
    items: list[PersonOut]


class PersonPath(Schema):
    person_id: int = Field(..., ge=1, le=2**63 - 1)


class PersonFilters(PageQuery):
    q: str = Field("", max_length=50, description="name, pinyin or initials")
    unit: int | None = Field(None, ge=1, le=2**31 - 1)
    identity: str = Field("", description="one of: " + ", ".join(IDENTITIES))
    after: int | None = Field(
        None, ge=0, le=2**63 - 1, description="the last id of the page before"
    )
    limit: int = Field(50, ge=1, le=200)


@router.get("/units/", response={200: UnitPage, **ERRORS})
def units(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    """Org units the token's account may see (its own unit and everything below)."""
    scope = api_scope(request, Capability.VIEW_PEOPLE)
    return keyset_page(scope.units(), after=page.after, limit=page.limit)


@router.get("/people/", response={200: PersonPage, **ERRORS})
def people(request: HttpRequest, filters: Query[PersonFilters]) -> dict[str, Any]:
    """People in scope, keyset-paginated by id; ID and phone numbers masked."""
    scope = api_scope(request, Capability.VIEW_PEOPLE)
    found = person_list(
        scope=scope,
        q=filters.q.strip(),
        unit=filters.unit,
        identity=filters.identity if filters.identity in IDENTITIES else "",
    )
    return keyset_page(found, after=filters.after, limit=filters.limit)


@router.get("/people/{person_id}/", response={200: PersonOut, **ERRORS})
def person(request: HttpRequest, path: Path[PersonPath]) -> Person:
    """One person in scope (404 outside it, as if the record did not exist)."""
    scope = api_scope(request, Capability.VIEW_PEOPLE)
    return person_get(scope=scope, pk=path.person_id)
