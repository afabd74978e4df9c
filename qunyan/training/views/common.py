"""What the training views share: objects in scope or 404, the town a page writes to."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest

from qunyan.core.access import scope_of
from qunyan.core.models import OrgUnit

T = TypeVar("T")


def or_404(read: Callable[[], T]) -> T:
    """Run a selector; anything outside the scope is simply not found."""
    try:
        return read()
    except ObjectDoesNotExist:
        raise Http404 from None


def working_town(request: HttpRequest) -> OrgUnit:
    """The one town an officer writes to (classes, teachers and needs belong to a town)."""
    towns = list(scope_of(request).towns().order_by("name")[:1])
    if not towns:
        raise Http404
    return towns[0]


def page_number(request: HttpRequest) -> str | None:
    return request.GET.get("page")
