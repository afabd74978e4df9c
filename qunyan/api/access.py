"""The API's guard: the same capabilities and Scope as the web pages."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from qunyan.core.access import scope_of
from qunyan.core.scopes import Scope


def api_scope(request: HttpRequest, *capabilities: str) -> Scope:
    """The token's account scope after checking its role has every capability (else 403)."""
    for capability in capabilities:
        if not request.user.can(capability):  # type: ignore[union-attr]
            raise PermissionDenied
    return scope_of(request)
