"""What the mentoring views share: the acting account, the town asked for, form errors."""

import datetime

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from qunyan.core.access import scope_of
from qunyan.people.idnumbers import InvalidIdNumber, parse_id_number
from qunyan.people.models import Person
from qunyan.people.services import id_number_index


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


def person_by_id_number(text: str, request: HttpRequest) -> Person | None:
    try:
        index = id_number_index(parse_id_number(text).value)
    except InvalidIdNumber:
        return None
    return (
        scope_of(request)
        .filter(Person.objects.select_related("unit"))
        .filter(id_number_index=index)
        .first()
    )
