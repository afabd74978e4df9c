"""The officer's pages: records by stage, one record's 25 steps, the next step, due items, plan."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.audit import Action, audit_record
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability
from qunyan.core.versions import version_of
from qunyan.people.models import Person
from qunyan.people.selectors import person_by_id_number

from .forms import DocumentForm, PlanForm, RecordFilterForm, StartForm, StepForm, YearForm
from .models import DevelopmentRecord
from .recordsheet import record_docx
from .selectors import SOURCES, due_items, plan_rows, record_get, record_list
from .services import (
    STEP_ROLES,
    development_start,
    development_step_record,
    document_add,
    plan_save,
    record_state,
)
from .steps import STEPS
from .workflow import next_step


@requires(Capability.VIEW_PEOPLE)
def record_list_view(request: HttpRequest) -> HttpResponse:
    form = RecordFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {"stage": form.cleaned_data["stage"], "search": form.cleaned_data["q"]}
    records = record_list(scope=scope_of(request), **filters)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(request, "party/record_list.html", {"form": form, "page": page})


@requires(Capability.MANAGE_PARTY)
@require_http_methods(["GET", "POST"])
def record_start(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    person: Person | None = None
    preset = request.GET.get("person", "")
    if preset.isdigit():
        person = scope.filter(Person.objects.all()).filter(pk=int(preset)).first()
        if person is None:
            raise Http404
    form = StartForm(request.POST or None)
    if person is not None:
        del form.fields["id_number"]
    if request.method == "POST" and form.is_valid():
        if person is None:
            person = person_by_id_number(scope=scope, text=form.cleaned_data["id_number"])
        if person is None:
            form.add_error("id_number", _("No person in your area has this ID number."))
        else:
            try:
                record = development_start(
                    person=person,
                    applied_on=form.cleaned_data["applied_on"],
                    source_category=form.cleaned_data["source_category"],
                    by=account_of(request),
                    scope=scope,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The application is recorded."))
                return redirect(record)
    return render(request, "party/record_start.html", {"form": form, "person": person})


def _record_or_404(request: HttpRequest, pk: int) -> DevelopmentRecord:
    try:
        return record_get(scope=scope_of(request), pk=pk)
    except DevelopmentRecord.DoesNotExist:
        raise Http404 from None


def _timeline(record: DevelopmentRecord) -> list[dict[str, Any]]:
    """The 25 steps with their dates and the people, votes and notices each brought."""
    state = record_state(record)
    notes = dict(record.steps.values_list("number", "note"))
    people: dict[str, list[str]] = {}
    for participant in record.participants.select_related("person"):
        people.setdefault(participant.role, []).append(participant.person.name)
    meetings = {15: [], 23: []}  # type: dict[int, list[Any]]
    for meeting in record.meetings.all():
        meetings[15 if meeting.purpose == "admission" else 23].append(meeting)
    notices = {12: [], 22: []}  # type: dict[int, list[Any]]
    for notice in record.publicities.all():
        notices[12 if notice.purpose == "admission" else 22].append(notice)
    return [
        {
            "step": step,
            "done_on": state.done.get(step.number),
            "note": notes.get(step.number, ""),
            "people": people.get(STEP_ROLES[step.number], []) if step.number in STEP_ROLES else [],
            "meetings": meetings.get(step.number, []),
            "notices": notices.get(step.number, []),
        }
        for step in STEPS
    ]


def _detail(
    request: HttpRequest,
    record: DevelopmentRecord,
    step_form: StepForm | None = None,
    document_form: DocumentForm | None = None,
) -> HttpResponse:
    number = next_step(record_state(record))
    can_manage = account_of(request).can(Capability.MANAGE_PARTY)
    if step_form is None and number is not None and can_manage:
        step_form = StepForm(
            number=number, scope=scope_of(request), initial={"version": version_of(record)}
        )
    return render(
        request,
        "party/record_detail.html",
        {
            "record": record,
            "person": record.person,
            "timeline": _timeline(record),
            "next_number": number,
            "step_form": step_form,
            "document_form": document_form or (DocumentForm() if can_manage else None),
            "documents": record.documents.all(),
            "can_manage": can_manage,
        },
    )


@requires(Capability.VIEW_PEOPLE)
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _record_or_404(request, pk))


@requires(Capability.MANAGE_PARTY)
@require_POST
def step_add(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record_or_404(request, pk)
    number = next_step(record_state(record))
    if number is None:
        messages.error(request, _("This record is closed; no further step can be recorded."))
        return redirect(record)
    form = StepForm(request.POST, number=number, scope=scope_of(request))
    if form.is_valid():
        try:
            development_step_record(
                record=record,
                data=form.step_input(),
                by=account_of(request),
                scope=scope_of(request),
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Step %(number)d is recorded.") % {"number": number})
            return redirect(record)
    return _detail(request, record, step_form=form)


@requires(Capability.MANAGE_PARTY)
@require_POST
def document_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record_or_404(request, pk)
    form = DocumentForm(request.POST)
    if form.is_valid():
        try:
            document_add(
                record=record, by=account_of(request), scope=scope_of(request), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The document is on file."))
            return redirect(record)
    return _detail(request, record, document_form=form)


@requires(Capability.VIEW_PEOPLE)
def record_export(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record_or_404(request, pk)
    audit_record(
        action=Action.EXPORT,
        actor=account_of(request),
        target=record,
        note="发展党员纪实表",
    )
    response = HttpResponse(
        record_docx(record, _timeline(record)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="record-{record.pk}.docx"'
    return response


@requires(Capability.VIEW_PEOPLE)
def due_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = due_items(scope=scope_of(request), on=today)
    return render(request, "party/due.html", {"items": items, "today": today})


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def plan_view(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    town = town_of(request)
    year_form = YearForm(request.GET or None)
    year = timezone.localdate().year
    if year_form.is_valid() and year_form.cleaned_data["year"]:
        year = year_form.cleaned_data["year"]
    form = PlanForm(request.POST or None, scope=scope, initial={"year": year})
    if request.method == "POST":
        if not account_of(request).can(Capability.MANAGE_PARTY):
            raise Http404
        if form.is_valid():
            plan_save(by=account_of(request), scope=scope, **form.cleaned_data)
            messages.success(request, _("The quota is saved."))
            return redirect(f"{request.path}?year={form.cleaned_data['year']}")
    rows = plan_rows(scope=scope, town=town, year=year)
    table = [(row, [row.by_source.get(source, 0) for source in SOURCES]) for row in rows]
    return render(
        request,
        "party/plan.html",
        {
            "town": town,
            "year": year,
            "year_form": year_form,
            "form": form,
            "sources": [source.label for source in SOURCES],
            "table": table,
            "quota_total": sum(row.quota or 0 for row in rows),
            "actual_total": sum(row.actual for row in rows),
            "can_manage": account_of(request).can(Capability.MANAGE_PARTY),
        },
    )
