"""Writes to the service category lists and to service records."""

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.models import VILLAGE_KINDS, Account, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.core.versions import require_unchanged
from qunyan.people.models import Person

from .choices import DEFAULT_CATEGORIES
from .models import ServiceCategory, ServiceRecord
from .workflow import Errors, service_errors


def categories_ensure(*, town: OrgUnit) -> None:
    """Give a town the default category list the first time it is needed (not audited: setup)."""
    if not ServiceCategory.objects.filter(town=town).exists():
        ServiceCategory.objects.bulk_create(
            ServiceCategory(town=town, name=name, position=index)
            for index, name in enumerate(DEFAULT_CATEGORIES, start=1)
        )


@transaction.atomic
def category_save(
    *,
    town: OrgUnit,
    name: str,
    is_active: bool = True,
    by: Account | None,
    scope: Scope,
    category: ServiceCategory | None = None,
) -> ServiceCategory:
    """Add a category to the town's list, or rename / retire one (records keep their category)."""
    scope.require(Capability.CHANGE_UNITS)
    name = name.strip()
    if town not in scope.towns():
        raise ValidationError(_("This town is outside your area."))
    if not name:
        raise ValidationError({"name": [_("Give the category a name.")]})
    same = ServiceCategory.objects.filter(town=town, name=name)
    if category is not None:
        same = same.exclude(pk=category.pk)
    if same.exists():
        raise ValidationError({"name": [_("The town has this category already.")]})
    if category is None:
        last = ServiceCategory.objects.filter(town=town).aggregate(n=Max("position"))["n"]
        category = ServiceCategory.objects.create(
            town=town, name=name, is_active=is_active, position=(last or 0) + 1
        )
        audit_record(
            action=Action.CREATE, actor=by, target=category, changes={"name": [None, name]}
        )
        return category
    changes = diff_fields(
        {"name": category.name, "is_active": category.is_active},
        {"name": name, "is_active": is_active},
    )
    if changes:
        category.name, category.is_active = name, is_active
        category.save()
        audit_record(action=Action.UPDATE, actor=by, target=category, changes=changes)
    return category


@dataclass
class ServiceData:
    """What the phone form says about a service."""

    village: OrgUnit
    category: ServiceCategory
    date: datetime.date
    summary: str
    hours: Decimal
    served_count: int = 1
    place: str = ""
    group: OrgUnit | None = None


def where_errors(
    *, village: OrgUnit, group: OrgUnit | None, people: Sequence[Person], scope: Scope, field: str
) -> Errors:
    """What is wrong with a record's village, group and the people who worked on it."""
    errors: Errors = {}
    if village.kind not in VILLAGE_KINDS or not scope.contains(village):
        errors["village"] = [_("Choose a village or community in your area.")]
        return errors
    if group is not None and (group.kind != OrgUnit.Kind.GROUP or group.parent_id != village.pk):
        errors["group"] = [_("This villager group is not in the village.")]
    if any(not village.contains(person.unit) for person in people):
        errors[field] = [_("Everyone named belongs to the village.")]
    return errors


def _service_values(data: ServiceData) -> dict[str, Any]:
    values = asdict(data)
    values["place"] = data.place.strip()
    values["summary"] = data.summary.strip()
    # asdict copies model instances deeply; keep the instances themselves.
    values.update(village=data.village, category=data.category, group=data.group)
    return values


@transaction.atomic
def service_save(
    *,
    data: ServiceData,
    servers: Sequence[Person],
    by: Account | None,
    scope: Scope,
    record: ServiceRecord | None = None,
    version: str = "",
) -> ServiceRecord:
    """Record a service given in a village (or correct one), with the people who gave it.

    `version`: the record as the editor opened it (optimistic locking, core/versions.py).
    """
    scope.require(Capability.RECORD_SERVICE)
    if record is not None:
        require_unchanged(record, version)
    errors = where_errors(
        village=data.village, group=data.group, people=servers, scope=scope, field="servers"
    )
    if data.category.town_id != data.village.town_id:
        errors["category"] = [_("Choose a category of the village's town.")]
    elif not data.category.is_active and (record is None or record.category_id != data.category.pk):
        errors["category"] = [_("This category is no longer in use.")]
    if record is not None and not scope.contains(record.village):
        errors["village"] = [_("This record is outside your area.")]
    errors.update(
        service_errors(
            date=data.date,
            hours=data.hours,
            served_count=data.served_count,
            today=timezone.localdate(),
        )
    )
    if not data.summary.strip():
        errors.setdefault("summary", []).append(_("Say what was done."))
    if errors:
        raise ValidationError(errors)
    values = _service_values(data)
    names = sorted(person.name for person in servers)
    if record is None:
        record = ServiceRecord.objects.create(recorded_by=by, **values)
        record.servers.set(servers)
        audit_record(
            action=Action.CREATE,
            actor=by,
            target=record,
            changes={**diff_fields({}, values), "servers": [None, "、".join(names)]},
        )
        return record
    old = {name: getattr(record, name) for name in values}
    old_names = sorted(person.name for person in record.servers.all())
    changes = diff_fields(old, values)
    if old_names != names:
        changes["servers"] = ["、".join(old_names), "、".join(names)]
    if changes:
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
        record.servers.set(servers)
        audit_record(action=Action.UPDATE, actor=by, target=record, changes=changes)
    return record


@transaction.atomic
def service_delete(*, record: ServiceRecord, by: Account | None, scope: Scope) -> None:
    """Delete a service recorded by mistake, with its attachments."""
    from .attachments import attachment_delete, attachments_of

    scope.require(Capability.RECORD_SERVICE)
    if not scope.contains(record.village):
        raise ValidationError(_("This record is outside your area."))
    for attachment in attachments_of(record):
        attachment_delete(attachment=attachment, by=by, scope=scope)
    audit_record(action=Action.DELETE, actor=by, target=record)
    record.delete()
