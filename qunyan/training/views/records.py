"""Hours compliance by village, and one person's training record as .xlsx."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.roles import Capability
from qunyan.people.selectors import person_get

from ..hours import compliance
from ..record import record_workbook_response
from .common import or_404


@requires(Capability.VIEW_PEOPLE)
def compliance_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2000), today.year)
    show_all = request.GET.get("show") == "all"
    villages = compliance(scope=scope_of(request), year=year)
    short = sum(len(village.short) for village in villages)
    return render(
        request,
        "training/compliance.html",
        {
            "villages": villages,
            "year": year,
            "years": list(range(today.year, today.year - 6, -1)),
            "show_all": show_all,
            "short": short,
            "checked": sum(len(village.rows) for village in villages),
            "current": "compliance",
        },
    )


@requires(Capability.VIEW_PEOPLE)
def person_record(request: HttpRequest, pk: int) -> HttpResponse:
    person = or_404(lambda: person_get(scope=scope_of(request), pk=pk))
    return record_workbook_response(person, by=account_of(request))
