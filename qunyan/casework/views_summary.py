"""What the teams did in a period, and the town's list of service categories."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability

from .choices import CaseResult
from .forms import CategoryForm, PeriodForm
from .selectors import categories_of
from .services import category_save
from .summaries import summary_by_group, summary_by_person, summary_by_village, town_totals

VIEWS = {"village": summary_by_village, "group": summary_by_group, "person": summary_by_person}


def _period(form: PeriodForm) -> tuple[datetime.date, datetime.date]:
    """The chosen period; this year so far when none is given."""
    today = timezone.localdate()
    since, until = datetime.date(today.year, 1, 1), today
    if form.is_valid():
        since = form.cleaned_data["since"] or since
        until = form.cleaned_data["until"] or until
    return since, until


@requires(Capability.VIEW_PEOPLE)
def summary(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    town = town_of(request)
    form = PeriodForm(request.GET or None)
    start, end = _period(form)
    by = request.GET.get("by", "village")
    rows = VIEWS.get(by, summary_by_village)(scope=scope, town=town, start=start, end=end)
    totals = town_totals(rows) if by != "person" else None
    categories = list(categories_of(town=town).values_list("name", flat=True))
    chart = {
        "labels": [row.label for row in rows if row.services or row.case_total][:40],
        "services": [row.services for row in rows if row.services or row.case_total][:40],
        "cases": [row.case_total for row in rows if row.services or row.case_total][:40],
        "series": [_("Services"), _("Mediation cases")],
    }
    return render(
        request,
        "casework/summary.html",
        {
            "form": form,
            "town": town,
            "towns": list(scope.towns().order_by("name")),
            "by": by,
            "start": start,
            "end": end,
            "rows": [(row, [row.by_category.get(name, 0) for name in categories]) for row in rows],
            "categories": categories,
            "results": CaseResult.choices,
            "totals": totals,
            "total_cells": [totals.by_category.get(name, 0) for name in categories]
            if totals
            else [],
            "chart": chart,
        },
    )


@requires(Capability.CHANGE_UNITS)
@require_http_methods(["GET", "POST"])
def category_list(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The town's category list; a town officer adds, renames and retires categories."""
    town = town_of(request)
    categories = categories_of(town=town)
    category = None
    if pk is not None:
        category = categories.filter(pk=pk).first()
        if category is None:
            raise Http404
    initial = {"name": category.name, "is_active": category.is_active} if category else None
    form = CategoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            category_save(
                town=town,
                name=form.cleaned_data["name"],
                is_active=form.cleaned_data["is_active"],
                by=account_of(request),
                scope=scope_of(request),
                category=category,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("casework:category-list")
    context = {"form": form, "category": category, "categories": categories, "town": town}
    return render(request, "casework/category_list.html", context)
