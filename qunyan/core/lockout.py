"""Lockout after repeated failed logins, per account name and per address.

Failures are read from the audit log, so there is no second counter to keep in step.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import AuditEntry


def is_locked_out(*, username: str, address: str | None) -> bool:
    """True when the name or the address failed too often within the lockout window."""
    since = timezone.now() - timedelta(minutes=settings.QUNYAN_LOCKOUT_MINUTES)
    limit = settings.QUNYAN_LOCKOUT_ATTEMPTS
    # A successful login or an unlock by the security admin starts the count afresh.
    last_reset = (
        AuditEntry.objects.filter(
            action__in=[AuditEntry.Action.LOGIN, AuditEntry.Action.UNLOCK],
            target_repr=username,
            at__gte=since,
        )
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    by_name = Q(target_repr=username)
    if last_reset is not None:
        by_name &= Q(at__gt=last_reset)
    failures = AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED, at__gte=since)
    if failures.filter(by_name).count() >= limit:
        return True
    # An address that tries many names is locked out at a higher threshold (shared office NAT).
    return bool(address) and failures.filter(address=address).count() >= limit * 4
