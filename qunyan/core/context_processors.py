from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .roles import Capability


def portal(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    caps = {c.value: bool(user and user.is_authenticated and user.can(c)) for c in Capability}
    return {"portal": settings.QUNYAN_PORTAL, "caps": caps}
