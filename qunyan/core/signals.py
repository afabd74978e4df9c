"""Logins, logouts and failed logins go into the audit log."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import Action, audit_record
from .context import client_address


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    client_address.set(request.META.get("REMOTE_ADDR") if request else None)
    audit_record(action=Action.LOGIN, actor=user, target_repr=user.username)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action=Action.LOGOUT, actor=user, target_repr=user.username)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    if request is not None:
        client_address.set(request.META.get("REMOTE_ADDR"))
    audit_record(
        action=Action.LOGIN_FAILED,
        actor=None,
        target_repr=str(credentials.get("username", ""))[:150],
    )
