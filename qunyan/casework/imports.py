"""Writes of the 服务记录 and 矛盾纠纷调解 sheets: create or update by natural key, audited.

A service is keyed by (village, date, category, what was done); a case by (village, date
received, matter). The people named replace those recorded; parties and steps are replaced only
when the sheet gives them (a masked export leaves the parties as they are).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.models import Account
from qunyan.core.upsert import UpsertCounts

from .models import MediationCase, MediationParty, MediationStep, ServiceRecord, mask_name


@dataclass
class ImportedService:
    values: dict[str, Any]  # model field attnames (village_id, category_id, date …)
    server_ids: list[int] | None  # None: keep the recorded people


@dataclass
class ImportedCase:
    values: dict[str, Any]
    mediator_ids: list[int] | None
    parties: list[tuple[str, str]] | None = None  # None: keep the recorded parties
    steps: list[tuple[datetime.date, str]] | None = None  # None: keep the recorded steps
    notes: list[str] = field(default_factory=list)


def _save(
    model: type[Any], key: Sequence[str], values: dict[str, Any], by: Account | None
) -> tuple[Any, dict[str, Any] | None]:
    """The record matched on `key`, created or updated; its changes (None when it is new)."""
    found = model.objects.filter(**{name: values[name] for name in key}).first()
    if found is None:
        return model.objects.create(recorded_by=by, **values), None
    changes = diff_fields({name: getattr(found, name) for name in values}, values)
    for name, value in values.items():
        setattr(found, name, value)
    if changes:
        found.save()
    return found, changes


def _people(record: Any, relation: str, ids: list[int] | None, changes: dict[str, Any]) -> None:
    if ids is None:
        return
    manager = getattr(record, relation)
    old = sorted(manager.values_list("pk", flat=True))
    if old != sorted(ids):
        manager.set(ids)
        changes[relation] = [len(old), len(ids)]


@transaction.atomic
def services_import(*, rows: Sequence[ImportedService], by: Account | None) -> UpsertCounts:
    counts = UpsertCounts()
    for row in rows:
        key = ("village_id", "date", "category_id", "summary")
        record, changes = _save(ServiceRecord, key, row.values, by)
        created = changes is None
        changes = changes or {}
        _people(record, "servers", row.server_ids, changes)
        _count(counts, record, created, changes, by)
    return counts


@transaction.atomic
def cases_import(*, rows: Sequence[ImportedCase], by: Account | None) -> UpsertCounts:
    counts = UpsertCounts()
    for row in rows:
        case, changes = _save(MediationCase, ("village_id", "received_on", "title"), row.values, by)
        created = changes is None
        changes = changes or {}
        _people(case, "mediators", row.mediator_ids, changes)
        if row.parties is not None:
            old = [(p.name, p.phone) for p in case.parties.all()]
            if old != row.parties:
                case.parties.all().delete()
                MediationParty.objects.bulk_create(
                    MediationParty(case=case, name=name, phone=phone) for name, phone in row.parties
                )
                changes["parties"] = [
                    "、".join(mask_name(name) for name, _phone in old),
                    "、".join(mask_name(name) for name, _phone in row.parties),
                ]
        if row.steps is not None:
            old_steps = [(s.date, s.action) for s in case.steps.all()]
            if old_steps != row.steps:
                case.steps.all().delete()
                MediationStep.objects.bulk_create(
                    MediationStep(case=case, date=day, action=action, recorded_by=by)
                    for day, action in row.steps
                )
                changes["steps"] = [len(old_steps), len(row.steps)]
        _count(counts, case, created, changes, by)
    return counts


def _count(
    counts: UpsertCounts, record: Any, created: bool, changes: dict[str, Any], by: Account | None
) -> None:
    if created:
        counts.created += 1
        audit_record(action=Action.CREATE, actor=by, target=record, note="import")
    elif changes:
        counts.updated += 1
        audit_record(action=Action.UPDATE, actor=by, target=record, changes=changes, note="import")
    else:
        counts.unchanged += 1
