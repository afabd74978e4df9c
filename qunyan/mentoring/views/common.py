"""What the mentoring views share: the acting account, the town asked for, form errors."""

import datetime

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from qunyan.core.access import scope_of
from qunyan.core.models import Account, OrgUnit
from qunyan.people.idnumbers import InvalidIdNumber, parse_id_number
from qunyan.people.models import Person
from qunyan.people.services import id_number_index


def add_errors(form: Form, exc: ValidationError) -> None:
    pairs = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
    for name, errors in pairs:
        for error in errors:
            form.add_error(name if name in form.fields else None, error)


def account_of(request: HttpRequest) -> Account:
    user: Account = request.user  # type: ignore[assignment]
    return user


def town_of(request: HttpRequest) -> OrgUnit:
    towns = list(scope_of(request).towns().order_by("name"))
    if not towns:
        raise Http404
    return next((t for t in towns if str(t.pk) == request.GET.get("town")), towns[0])


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
