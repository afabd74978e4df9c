"""Writes of the modules' records, each through the module's own service.

The service validates, writes in one transaction and audits, exactly as for the web form; the
endpoint only finds the records named in the caller's scope (404 outside it) and checks the same
capabilities as the page. Updates carry the `version` read and are refused with 409 when stale.
"""

from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from ninja.responses import Status

from qunyan.casework.models import ServiceCategory, ServiceRecord
from qunyan.casework.selectors import service_get, villages_in
from qunyan.casework.services import ServiceData, service_save
from qunyan.core.access import account_of
from qunyan.core.models import OrgUnit
from qunyan.core.roles import Capability
from qunyan.party.models import DevelopmentRecord
from qunyan.party.services import development_start
from qunyan.people.choices import SourceCategory
from qunyan.people.models import Person
from qunyan.people.selectors import person_get
from qunyan.talents.choices import Intent, Occasion, OutreachWay
from qunyan.talents.models import Outreach
from qunyan.talents.selectors import outreach_get
from qunyan.talents.services import OutreachData, outreach_record, outreach_update
from qunyan.talents.visitors import Visitor
from qunyan.training.models import TrainingNeed
from qunyan.training.needs import need_submit

from ..access import api_scope
from ..errors import ERRORS
from ..inputs import Day, Id, Text30, Text60, Text200, Text500, Text2000, Version
from ..versions import unchanged
from .modules import DevelopmentRecordOut, OutreachOut, ServiceRecordOut, TrainingNeedOut, router


class RecordPath(Schema):
    record_id: int = Field(..., ge=1, le=2**63 - 1)


class OutreachIn(Schema):
    """A contact with someone working elsewhere (走访座谈)."""

    person_id: Id
    date: Day
    way: OutreachWay
    intent: Intent | Literal[""] = ""
    notes: Text2000 = ""
    follow_up_on: Day | None = None
    occasion: Occasion | Literal[""] = Field("", description="blank: the campaign's, else other")


class OutreachPatch(Schema):
    """The contact's fields to change (those left out stay) and the version read."""

    version: Version
    date: Day | None = None
    way: OutreachWay | None = None
    intent: Intent | Literal[""] | None = None
    notes: Text2000 | None = None
    follow_up_on: Day | None = None
    occasion: Occasion | Literal[""] | None = None


@router.post("/talents/outreach/", response={201: OutreachOut, **ERRORS})
def outreach_add(request: HttpRequest, contact: OutreachIn) -> Status[Outreach]:
    """Record a contact with a person in scope (it joins the campaign its date falls in)."""
    scope = api_scope(request, Capability.VIEW_PEOPLE, Capability.CHANGE_PEOPLE)
    person = person_get(scope=scope, pk=contact.person_id)
    values = contact.dict(exclude={"person_id"})
    saved = outreach_record(
        person=person, data=OutreachData(**values), by=account_of(request), scope=scope
    )
    return Status(201, outreach_get(scope=scope, pk=saved.pk))


@router.patch("/talents/outreach/{record_id}/", response={200: OutreachOut, **ERRORS})
def outreach_change(request: HttpRequest, path: Path[RecordPath], patch: OutreachPatch) -> Outreach:
    """Correct a recorded contact (the visitor recorded stays as it is)."""
    scope = api_scope(request, Capability.VIEW_PEOPLE, Capability.CHANGE_PEOPLE)
    contact = outreach_get(scope=scope, pk=path.record_id)
    given = {k: v for k, v in patch.dict(exclude={"version"}).items() if v is not None}
    fields = ("date", "way", "intent", "notes", "follow_up_on", "occasion")
    values = {name: given.get(name, getattr(contact, name)) for name in fields}
    with unchanged(contact, patch.version):
        outreach_update(
            contact=contact,
            data=OutreachData(**values),
            visitor=Visitor(account=contact.visitor_account, person=contact.visitor_person),
            by=account_of(request),
            scope=scope,
        )
    return outreach_get(scope=scope, pk=contact.pk)


class ServiceIn(Schema):
    """A service given in a village by members of its team (贴近服务)."""

    village_id: Id
    category_id: Id
    date: Day
    summary: Text500
    hours: Decimal = Field(..., ge=0, le=999, max_digits=5, decimal_places=1)
    served_count: int = Field(1, ge=0, le=1_000_000)
    place: Text60 = ""
    group_id: Id | None = None
    server_ids: list[Id] = Field([], max_length=50, description="the people who gave it")


def _service_parts(scope_request: HttpRequest, body: ServiceIn) -> tuple[ServiceData, list[Person]]:
    """The records a service names, found in the caller's scope (else 404 or a field error)."""
    scope = api_scope(scope_request, Capability.RECORD_SERVICE)
    village = villages_in(scope=scope).get(pk=body.village_id)
    errors: dict[str, list[str]] = {}
    category = ServiceCategory.objects.filter(pk=body.category_id, town_id=village.town_id).first()
    if category is None:
        errors["category"] = [_("Choose a category of the village's town.")]
    group = None
    if body.group_id is not None:
        group = OrgUnit.objects.filter(
            pk=body.group_id, kind=OrgUnit.Kind.GROUP, parent=village
        ).first()
        if group is None:
            errors["group"] = [_("This villager group is not in the village.")]
    servers = list(scope.filter(Person.objects.all()).filter(pk__in=set(body.server_ids)))
    if len(servers) != len(set(body.server_ids)):
        errors["servers"] = [_("Everyone named belongs to the village.")]
    if errors or category is None:
        raise ValidationError(errors)
    data = ServiceData(
        village=village,
        category=category,
        date=body.date,
        summary=body.summary,
        hours=body.hours,
        served_count=body.served_count,
        place=body.place,
        group=group,
    )
    return data, servers


@router.post("/casework/services/", response={201: ServiceRecordOut, **ERRORS})
def service_add(request: HttpRequest, service: ServiceIn) -> Status[ServiceRecord]:
    """Record a service in a village of the caller's scope, with the people who gave it."""
    scope = api_scope(request, Capability.RECORD_SERVICE)
    data, servers = _service_parts(request, service)
    saved = service_save(data=data, servers=servers, by=account_of(request), scope=scope)
    return Status(201, service_get(scope=scope, pk=saved.pk))


class ServicePut(ServiceIn):
    version: Version


@router.put("/casework/services/{record_id}/", response={200: ServiceRecordOut, **ERRORS})
def service_change(
    request: HttpRequest, path: Path[RecordPath], service: ServicePut
) -> ServiceRecord:
    """Correct a recorded service: all its fields, as the form sends them, with the version read."""
    scope = api_scope(request, Capability.RECORD_SERVICE)
    record = service_get(scope=scope, pk=path.record_id)
    data, servers = _service_parts(request, service)
    with unchanged(record, service.version):
        service_save(data=data, servers=servers, by=account_of(request), scope=scope, record=record)
    return service_get(scope=scope, pk=record.pk)


class NeedIn(Schema):
    """A training need (因需开班) for one person of the caller's area."""

    person_id: Id
    topic: Text30
    note: Text200 = ""


@router.post("/training/needs/", response={201: TrainingNeedOut, **ERRORS})
def need_add(request: HttpRequest, need: NeedIn) -> Status[TrainingNeed]:
    """Submit a training need (as on the needs page: village cadres and the training officer)."""
    scope = api_scope(request, Capability.VIEW_PEOPLE)
    user = account_of(request)
    if not (user.can(Capability.CHANGE_PEOPLE) or user.can(Capability.MANAGE_TRAINING)):
        raise PermissionDenied
    person = person_get(scope=scope, pk=need.person_id)
    saved = need_submit(person=person, topic=need.topic, note=need.note, by=user, scope=scope)
    return Status(201, TrainingNeed.objects.select_related("person").get(pk=saved.pk))


class ApplicationIn(Schema):
    """An application to join the Party: it opens the person's development record (step 1)."""

    person_id: Id
    applied_on: Day
    source_category: SourceCategory


@router.post("/party/records/", response={201: DevelopmentRecordOut, **ERRORS})
def application_add(request: HttpRequest, application: ApplicationIn) -> Status[DevelopmentRecord]:
    """Record an application of a person in scope (the record's step 1)."""
    scope = api_scope(request, Capability.VIEW_PEOPLE, Capability.MANAGE_PARTY)
    person = person_get(scope=scope, pk=application.person_id)
    record = development_start(
        person=person,
        applied_on=application.applied_on,
        source_category=application.source_category,
        by=account_of(request),
        scope=scope,
    )
    return Status(201, DevelopmentRecord.objects.select_related("person").get(pk=record.pk))
