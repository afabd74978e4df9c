"""The registry read by programs: units in scope and people (masked)."""

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from qunyan.core.access import account_of
from qunyan.core.roles import Capability
from qunyan.people.choices import Education, Gender, PoliticalStatus
from qunyan.people.models import Person
from qunyan.people.selectors import IDENTITIES, person_get, person_list
from qunyan.people.services import PersonData, person_save

from ..access import api_scope
from ..errors import ERRORS
from ..inputs import Day, Id, Text20, Text30, Text50, Text200, Version
from ..pagination import Page, PageQuery, keyset_page
from ..versions import Versioned, unchanged

router = Router(tags=["registry"])


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    town_id: int | None


class UnitPage(Page):
    items: list[UnitOut]


class PersonOut(Versioned):
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


class PersonPatch(Schema):
    """The fields to change (those left out stay as they are) and the version read."""

    version: Version
    name: Text50 | None = None
    # Write-only: a new number replaces the stored one; it is never shown unmasked.
    id_number: Text20 | None = Field(None, description="write-only; shown masked")
    phone: Text30 | None = Field(None, description="write-only; shown masked")
    gender: Gender | None = None
    ethnicity: Text20 | None = None
    birth_date: Day | None = None
    education: Education | Literal[""] | None = None
    political_status: PoliticalStatus | Literal[""] | None = None
    skills: Text200 | None = None
    unit_id: Id | None = None


EDITABLE = (
    "name",
    "id_number",
    "phone",
    "gender",
    "ethnicity",
    "birth_date",
    "education",
    "political_status",
    "skills",
)


@router.patch("/people/{person_id}/", response={200: PersonOut, **ERRORS})
def person_update(request: HttpRequest, path: Path[PersonPath], patch: PersonPatch) -> Person:
    """Change a person in scope through the registry's service (validated and audited)."""
    scope = api_scope(request, Capability.VIEW_PEOPLE, Capability.CHANGE_PEOPLE)
    person = person_get(scope=scope, pk=path.person_id)
    given = {name: value for name, value in patch.dict().items() if value is not None}
    unit = person.unit
    if patch.unit_id is not None:
        found = scope.units().filter(pk=patch.unit_id).first()
        if found is None:
            raise ValidationError({"unit": [_("This unit is outside your area.")]})
        unit = found
    values = {name: given.get(name, getattr(person, name)) for name in EDITABLE}
    with unchanged(person, patch.version):
        person_save(
            data=PersonData(unit=unit, **values),
            by=account_of(request),
            scope=scope,
            person=person,
            version=patch.version,
        )
    return person_get(scope=scope, pk=person.pk)
