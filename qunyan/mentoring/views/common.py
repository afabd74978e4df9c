"""What the mentoring views share: the acting account, the town asked for, form errors."""

import datetime

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def back_to(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def day_of(text: str | None, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text or "")
    except ValueError:
        return default
