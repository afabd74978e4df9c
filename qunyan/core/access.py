"""View guards: login, capability and the account's data scope in one decorator."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .models import Account, OrgUnit
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


def account_of(request: HttpRequest) -> Account:
    """The logged-in account of a view behind `requires` (never anonymous there)."""
    user = request.user
    if not isinstance(user, Account):
        raise PermissionDenied
    return user


def town_of(request: HttpRequest) -> OrgUnit:
    """The town a page works on: `?town=` when it is in scope, else the account's first town."""
    towns = list(scope_of(request).towns().order_by("name"))
    if not towns:
        raise Http404
    return next((t for t in towns if str(t.pk) == request.GET.get("town")), towns[0])
