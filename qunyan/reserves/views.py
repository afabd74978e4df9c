from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.dates import day
from qunyan.core.forms import add_service_errors
from qunyan.core.models import AuditEntry
from qunyan.core.roles import Capability
from qunyan.people.models import Person
from qunyan.people.selectors import person_by_id_number

from .forms import (
    PoolFilterForm,
    ReserveAddForm,
    StageMoveForm,
    SupervisionForm,
    SurveyForm,
    WorkItemForm,
)
from .models import Reserve, WorkItem
from .selectors import pool_list, reserve_survey, work_item_get, work_items
from .services import reserve_add, reserve_move
from .spreadsheets_survey import survey_workbook_response
from .worklist import is_overdue, supervision_add, survey_generate, work_item_update


@requires(Capability.VIEW_PEOPLE)
def pool(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = PoolFilterForm(request.GET or None, scope=scope)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    stays = pool_list(scope=scope, on=timezone.localdate(), **filters)
    page = Paginator(stays, 50).get_page(request.GET.get("page"))
    return render(request, "reserves/pool.html", {"form": form, "page": page})


@requires(Capability.MANAGE_RESERVES)
@require_http_methods(["GET", "POST"])
def reserve_add_view(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    initial: dict[str, Any] = {}
    preset = request.GET.get("person")
    if preset and preset.isdigit():
        person = scope.filter(Person.objects.all()).filter(pk=int(preset)).first()
        if person is not None:
            initial["id_number"] = person.id_number
    form = ReserveAddForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = person_by_id_number(scope=scope, text=data.pop("id_number"))
        if person is None:
            form.add_error("id_number", _("No person in your area has this ID number."))
        else:
            try:
                stay = reserve_add(person=person, by=account_of(request), scope=scope, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Added to the reserve pool."))
                return redirect("reserves:reserve-detail", pk=stay.pk)
    return render(request, "reserves/reserve_add.html", {"form": form})


def _stay_or_404(request: HttpRequest, pk: int) -> Reserve:
    stays = scope_of(request).filter(
        Reserve.objects.select_related("person__unit"), unit_field="person__unit"
    )
    try:
        return stays.get(pk=pk)
    except Reserve.DoesNotExist:
        raise Http404 from None


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def reserve_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stay = _stay_or_404(request, pk)
    form = StageMoveForm(request.POST or None, current=stay.stage)
    if request.method == "POST":
        if not account_of(request).can(Capability.MANAGE_RESERVES):
            raise Http404
        if form.is_valid():
            try:
                reserve_move(
                    reserve=stay,
                    by=account_of(request),
                    scope=scope_of(request),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The stage was recorded."))
                return redirect("reserves:reserve-detail", pk=stay.pk)
    return render(
        request,
        "reserves/reserve_detail.html",
        {"stay": stay, "form": form, "changes": stay.changes.select_related("by")},
    )


@requires(Capability.VIEW_PEOPLE)
def survey(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    form = SurveyForm(request.GET or None)
    on = form.survey_date()
    result = reserve_survey(town=town, on=on, scope=scope_of(request))
    if request.GET.get("format") == "xlsx":
        return survey_workbook_response(result, by=account_of(request))
    chart = {
        "villages": [row.village.name for row in result.villages],
        "total": [row.counts["total"] for row in result.villages],
        "young_and_college": [row.counts["young_and_college"] for row in result.villages],
        "labels": [_("Reserves"), _("35 or under with college")],
    }
    return render(
        request,
        "reserves/survey.html",
        {"town": town, "form": form, "survey": result, "on": on, "chart": chart},
    )


@requires(Capability.MANAGE_RESERVES)
@require_POST
def survey_run(request: HttpRequest) -> HttpResponse:
    """Take the survey and update the work list (the officer confirms on the survey page)."""
    form = SurveyForm(request.POST)
    on = form.survey_date()
    user = account_of(request)
    run, _survey = survey_generate(town=town_of(request), on=on, by=user, scope=scope_of(request))
    messages.success(
        request,
        ngettext(
            "Survey of %(date)s saved: %(n)d village short; the work list is up to date.",
            "Survey of %(date)s saved: %(n)d villages short; the work list is up to date.",
            run.villages_short,
        )
        % {"date": day(on), "n": run.villages_short},
    )
    return redirect("reserves:worklist")


@requires(Capability.VIEW_PEOPLE)
def worklist(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", WorkItem.Status.OPEN)
    items = work_items(scope=scope_of(request), status=status if status != "all" else "")
    today = timezone.localdate()
    rows = [(item, is_overdue(item, today)) for item in items]
    return render(request, "reserves/worklist.html", {"rows": rows, "status": status})


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def work_item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    try:
        item = work_item_get(scope=scope, pk=pk)
    except WorkItem.DoesNotExist:
        raise Http404 from None
    user = account_of(request)
    supervision_form = SupervisionForm(request.POST if "agreed" in request.POST else None)
    item_form = WorkItemForm(
        request.POST if "responsible" in request.POST else None,
        initial={"responsible": item.responsible, "deadline": item.deadline},
    )
    if request.method == "POST":
        try:
            if "agreed" in request.POST and supervision_form.is_valid():
                supervision_add(item=item, by=user, scope=scope, **supervision_form.cleaned_data)
                messages.success(request, _("The supervision record was added."))
                return redirect("reserves:work-item", pk=item.pk)
            if "responsible" in request.POST and item_form.is_valid():
                work_item_update(item=item, by=user, scope=scope, **item_form.cleaned_data)
                messages.success(request, _("Saved."))
                return redirect("reserves:work-item", pk=item.pk)
        except ValidationError as exc:
            add_service_errors(supervision_form if "agreed" in request.POST else item_form, exc)
    history = AuditEntry.objects.filter(
        target_type=WorkItem._meta.label, target_id=str(item.pk)
    ).order_by("-at")[:50]
    return render(
        request,
        "reserves/work_item.html",
        {
            "item": item,
            "overdue": is_overdue(item, timezone.localdate()),
            "supervisions": item.supervisions.select_related("by"),
            "supervision_form": supervision_form,
            "item_form": item_form,
            "history": history,
        },
    )
