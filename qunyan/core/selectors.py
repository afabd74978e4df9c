"""Reads of org units and the audit log, always through a Scope."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .models import VILLAGE_KINDS, AuditEntry, OrgUnit
from .scopes import Scope


def villages_of(
    *, scope: Scope, town: OrgUnit, on: datetime.date | None = None
) -> QuerySet[OrgUnit]:
    """A town's villages and communities with people and current-reserve counts."""
    from qunyan.reserves.selectors import reserves_in_pool

    on = on or timezone.localdate()
    in_pool = reserves_in_pool(on=on).filter(person__unit=OuterRef("pk"))
    return (
        scope.filter(OrgUnit.objects.filter(parent=town, kind__in=VILLAGE_KINDS), unit_field="")
        .annotate(
            people_count=Count("people", distinct=True),
            has_reserves=Exists(in_pool),
        )
        .order_by("kind", "name")
    )


def unit_get(*, scope: Scope, pk: int) -> OrgUnit:
    """A unit in scope, or OrgUnit.DoesNotExist."""
    return scope.units().get(pk=pk)


def audit_entries(
    *,
    action: str = "",
    actor: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries, newest first, filtered; only the auditor role reaches this."""
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(Q(actor_name__icontains=actor) | Q(target_repr__icontains=actor))
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries.order_by("-at", "-id")
