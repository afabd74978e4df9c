"""View guards: login, capability and the account's data scope in one decorator."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .scopes import Scope

V = TypeVar("V", bound=Callable[..., HttpResponse])


def scope_of(request: HttpRequest) -> Scope:
    """The acting account's scope, computed once per request."""
    scope = getattr(request, "_qunyan_scope", None)
    if scope is None:
        scope = Scope.for_account(request.user)  # type: ignore[arg-type]
        request._qunyan_scope = scope  # type: ignore[attr-defined]
    return scope


def requires(*capabilities: str) -> Callable[[V], V]:
    """Log in first, then refuse (403) accounts whose role lacks any of the capabilities."""

    def decorate(view: V) -> V:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            for capability in capabilities:
                if not request.user.can(capability):  # type: ignore[union-attr]
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate
