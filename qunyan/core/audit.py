"""Writing the audit log. Every service that changes data calls one of these."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from .context import client_address
from .models import Account, AuditEntry

Action = AuditEntry.Action


def _actor_fields(actor: Account | None) -> dict[str, Any]:
    if actor is None:
        return {"actor": None, "actor_name": "system"}
    return {"actor": actor, "actor_name": actor.username}


def audit_entry(
    *,
    action: str,
    actor: Account | None,
    target: models.Model | None = None,
    target_repr: str = "",
    changes: Mapping[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Build (but do not save) an audit entry; bulk writers save many at once."""
    return AuditEntry(
        action=action,
        address=client_address.get(),
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None and target.pk is not None else "",
        target_repr=(target_repr or (str(target) if target is not None else ""))[:200],
        changes=dict(changes or {}),
        note=note,
        **_actor_fields(actor),
    )


def audit_record(**kwargs: Any) -> AuditEntry:
    """Write one audit entry now."""
    entry = audit_entry(**kwargs)
    entry.save()
    return entry


def data_version() -> int:
    """A number that grows with every change of the data: the last audit entry's id.

    Every write goes through a service that writes an audit entry, so figures computed from the
    data can be cached under this number and are never served after a change (one index read;
    the same on every app server, whatever the cache).
    """
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    return last or 0


def audit_bulk(entries: Iterable[AuditEntry]) -> None:
    """Write many audit entries in one statement."""
    AuditEntry.objects.bulk_create(list(entries), batch_size=2000)


def diff_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The fields whose values differ, as {field: [old, new]} with JSON-safe values."""
    return {
        key: [_jsonable(old.get(key)), _jsonable(value)]
        for key, value in new.items()
        if old.get(key) != value
    }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
