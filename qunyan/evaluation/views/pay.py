"""Pay: the town's standards per post, the year's bonuses with their trail, the finance sheet."""

import io
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability

from ..bonus_sheet import bonus_sheet
from ..forms import PayStandardForm
from ..models import PayStandard
from ..pay import bonuses
from ..selectors import grades_of_year
from ..services_pay import pay_standard_delete, pay_standard_save
from .common import year_of, years_around

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _back(year: int, town_pk: int) -> str:
    return f"{reverse('evaluation:pay')}?year={year}&town={town_pk}"


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    year = year_of(request, town)
    user = account_of(request)
    form = PayStandardForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not user.can(Capability.MANAGE_EVALUATION):
            raise Http404
        if form.is_valid():
            try:
                pay_standard_save(
                    town=town, year=year, by=user, scope=scope_of(request), **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Pay standard saved."))
                return redirect(_back(year, town.pk))
    rows = bonuses(
        town=town,
        year=year,
        grades=list(grades_of_year(scope=scope_of(request), town=town, year=year)),
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/pay.html",
        {
            "town": town,
            "year": year,
            "years": years_around(year),
            "standards": PayStandard.objects.filter(town=town, year=year).order_by("post"),
            "form": form,
            "page": page,
            "total": sum((b.amount for b in rows if b.amount is not None), start=0),
            "missing": sum(1 for b in rows if b.amount is None),
        },
    )


@requires(Capability.MANAGE_EVALUATION)
@require_POST
def standard_delete(request: HttpRequest, pk: int) -> HttpResponse:
    towns = scope_of(request).towns()
    standard = PayStandard.objects.filter(pk=pk, town__in=towns).first()
    if standard is None:
        raise Http404
    pay_standard_delete(standard=standard, by=account_of(request), scope=scope_of(request))
    messages.success(request, _("Pay standard deleted."))
    return redirect(_back(standard.year, standard.town_id))


@requires(Capability.MANAGE_EVALUATION)
def bonus_download(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    year = year_of(request, town)
    rows = bonuses(
        town=town,
        year=year,
        grades=list(grades_of_year(scope=scope_of(request), town=town, year=year)),
    )
    response = HttpResponse(content_type=XLSX)
    name = f"{town.name}{year}年度绩效奖金.xlsx"
    response["Content-Disposition"] = (
        f"attachment; filename=\"bonus-{year}.xlsx\"; filename*=UTF-8''{quote(name)}"
    )
    book = io.BytesIO()
    bonus_sheet(book, town=town, year=year, rows=rows, by=account_of(request))
    response.write(book.getvalue())
    return response
