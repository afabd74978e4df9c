"""Bulk create-or-update by natural key, with an audit entry per changed record.

The workbook sheets other than 人员 all come down to "rows keyed by something natural"; this is
the one implementation they share, called from each app's services.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from .audit import Action, audit_bulk, audit_entry, diff_fields
from .models import Account

M = TypeVar("M", bound=models.Model)


@dataclass
class UpsertCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def records_upsert(
    model: type[M],
    *,
    key: Sequence[str],
    rows: Sequence[dict[str, Any]],
    by: Account | None,
    describe: Any = str,
) -> UpsertCounts:
    """Create or update `model` rows matched on the `key` fields (attnames such as person_id)."""
    counts = UpsertCounts()
    if not rows:
        return counts
    first = key[0]
    existing: dict[tuple[Any, ...], M] = {
        tuple(getattr(obj, name) for name in key): obj
        for obj in model._default_manager.filter(**{f"{first}__in": {row[first] for row in rows}})
    }
    to_create: list[M] = []
    to_update: list[M] = []
    changed_fields: set[str] = set()
    entries = []
    for row in rows:
        obj = existing.get(tuple(row[name] for name in key))
        if obj is None:
            obj = model(**row)
            to_create.append(obj)
            existing[tuple(row[name] for name in key)] = obj
            continue
        changes = diff_fields({name: getattr(obj, name) for name in row}, row)
        if not changes:
            counts.unchanged += 1
            continue
        for name in changes:
            setattr(obj, name, row[name])
        changed_fields.update(changes)
        to_update.append(obj)
        entries.append(
            audit_entry(
                action=Action.UPDATE,
                actor=by,
                target=obj,
                target_repr=describe(obj),
                changes=changes,
            )
        )
    if to_create:
        model._default_manager.bulk_create(to_create, batch_size=1000)
        entries.extend(
            audit_entry(
                action=Action.CREATE,
                actor=by,
                target=obj,
                target_repr=describe(obj),
                changes={
                    name: [None, value]
                    for name, [_, value] in diff_fields({}, _field_values(obj, rows[0])).items()
                },
            )
            for obj in to_create
        )
    if to_update:
        fields = [model._meta.get_field(name).name for name in changed_fields]
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            # bulk_update skips auto_now; the time of the change is set here instead.
            now = timezone.now()
            for obj in to_update:
                obj.updated_at = now  # type: ignore[attr-defined]
            fields.append("updated_at")
        model._default_manager.bulk_update(to_update, fields, batch_size=1000)
    audit_bulk(entries)
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts


def _field_values(obj: models.Model, template: dict[str, Any]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in template}
