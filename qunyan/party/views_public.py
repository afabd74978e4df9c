"""The public publicity page (公示): no login, only what a paper notice on the wall shows."""

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from .selectors import notices_running
from .services import visit_count

COUNTER = "portal"
COOKIE = "qy_visitor"
COOKIE_SALT = "qunyan.party.visitor"
COOKIE_AGE = 365 * 24 * 3600


def _visitor_number(request: HttpRequest) -> tuple[int, bool]:
    """The visitor's number: the one their cookie carries, or a new one (and True)."""
    try:
        value = request.get_signed_cookie(COOKIE, salt=COOKIE_SALT, max_age=COOKIE_AGE)
        number = int(value or "")
    except (KeyError, ValueError, signing.BadSignature):
        return visit_count(name=COUNTER), True
    return number, False


@require_safe
def notices(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = [
        {
            "name": notice.record.person.name,
            "gender": notice.record.person.get_gender_display(),
            "born": notice.record.person.birth_date,
            "education": notice.record.person.get_education_display(),
            "unit": notice.record.person.unit.name,
            "purpose": notice.purpose,
            "starts_on": notice.starts_on,
            "ends_on": notice.ends_on,
            "contact": notice.contact,
        }
        for notice in notices_running(on=today)
    ]
    number, new = _visitor_number(request)
    response = render(
        request, "party/notices.html", {"rows": rows, "today": today, "visitor": number}
    )
    if new:
        response.set_signed_cookie(
            COOKIE, str(number), salt=COOKIE_SALT, max_age=COOKIE_AGE, httponly=True, samesite="Lax"
        )
    return response
