"""Mediation cases: the list, receipt, the case page with its log, closing and follow-up."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.audit import Action, audit_record
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability
from qunyan.core.versions import version_of

from .forms import CaseFilterForm, CaseForm, CloseForm, FollowUpForm, PartyForm, StepForm
from .mediation import (
    case_close,
    case_delete,
    case_save,
    follow_up_record,
    party_add,
    party_remove,
    step_add,
)
from .models import MediationCase
from .selectors import case_get, case_list
from .views import chosen_village
from .workflow import parse_parties


@requires(Capability.VIEW_PEOPLE)
def case_list_view(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = CaseFilterForm(request.GET or None, scope=scope)
    cases = case_list(scope=scope, **form.filters())
    page = Paginator(cases, 30).get_page(request.GET.get("page"))
    return render(request, "casework/case_list.html", {"form": form, "page": page})


def _case_or_404(request: HttpRequest, pk: int) -> MediationCase:
    try:
        return case_get(scope=scope_of(request), pk=pk)
    except MediationCase.DoesNotExist:
        raise Http404 from None


@requires(Capability.RECORD_SERVICE)
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    scope = scope_of(request)
    case = _case_or_404(request, pk) if pk else None
    initial: dict[str, Any] = {}
    if case is not None:
        initial = {
            name: getattr(case, name)
            for name in ("title", "case_type", "received_on", "description")
        }
        initial.update(
            group=case.group_id,
            mediators=list(case.mediators.values_list("pk", flat=True)),
            version=version_of(case),
        )
    form = CaseForm(
        request.POST or None,
        scope=scope,
        village=chosen_village(request, scope, case),
        initial=initial,
    )
    if case is not None:
        del form.fields["parties"]  # parties are added and removed one by one on the case page
    if request.method == "POST" and form.is_valid():
        try:
            saved = case_save(
                data=form.case_data(),
                mediators=list(form.cleaned_data["mediators"]),
                parties=parse_parties(form.cleaned_data.get("parties") or ""),
                by=account_of(request),
                scope=scope,
                case=case,
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The case was recorded.") if case is None else _("Saved."))
            return redirect(saved)
    return render(request, "casework/case_form.html", {"form": form, "case": case})


@requires(Capability.VIEW_PEOPLE)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_page(request, _case_or_404(request, pk))


def _case_page(
    request: HttpRequest,
    case: MediationCase,
    forms: dict[str, Form] | None = None,
    *,
    revealed: bool = False,
) -> HttpResponse:
    forms = forms or {}
    context = {
        "case": case,
        "steps": case.steps.select_related("recorded_by"),
        "parties": case.parties.all(),
        "revealed": revealed,
        "step_form": forms.get("step") or StepForm(),
        "party_form": forms.get("party") or PartyForm(),
        "close_form": forms.get("close")
        or CloseForm(
            initial={
                "result": case.result,
                "closed_on": case.closed_on or timezone.localdate(),
                "agreement": case.agreement,
                "follow_up_on": case.follow_up_on,
            }
        ),
        "follow_up_form": forms.get("follow_up") or FollowUpForm(),
    }
    return render(request, "casework/case_detail.html", context)


@requires(Capability.VIEW_PEOPLE, Capability.REVEAL)
@require_POST
def case_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the parties' full names and phones once, and log that they were shown."""
    case = _case_or_404(request, pk)
    audit_record(
        action=Action.REVEAL,
        actor=account_of(request),
        target=case,
        note=_("Parties of a mediation case"),
    )
    return _case_page(request, case, revealed=True)


def _post(request: HttpRequest, pk: int, key: str, form: Form, write: Any) -> HttpResponse:
    """Run one of the case page's small forms; back to the page, with errors when it failed."""
    case = _case_or_404(request, pk)
    if form.is_valid():
        try:
            write(case, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(case)
    return _case_page(request, case, {key: form})


def _actor(request: HttpRequest) -> dict[str, Any]:
    return {"by": account_of(request), "scope": scope_of(request)}


@requires(Capability.RECORD_SERVICE)
@require_POST
def case_step(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "step",
        StepForm(request.POST),
        lambda case, data: step_add(case=case, **data, **_actor(request)),
    )


@requires(Capability.RECORD_SERVICE)
@require_POST
def case_party(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "party",
        PartyForm(request.POST),
        lambda case, data: party_add(case=case, **data, **_actor(request)),
    )


@requires(Capability.RECORD_SERVICE)
@require_POST
def case_party_remove(request: HttpRequest, pk: int, party: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    found = case.parties.filter(pk=party).first()
    if found is None:
        raise Http404
    party_remove(party=found, **_actor(request))
    messages.success(request, _("The party was removed."))
    return redirect(case)


@requires(Capability.RECORD_SERVICE)
@require_POST
def case_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "close",
        CloseForm(request.POST),
        lambda case, data: case_close(case=case, **data, **_actor(request)),
    )


@requires(Capability.RECORD_SERVICE)
@require_POST
def case_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "follow_up",
        FollowUpForm(request.POST),
        lambda case, data: follow_up_record(case=case, **data, **_actor(request)),
    )


@requires(Capability.RECORD_SERVICE)
@require_POST
def case_remove(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    case_delete(case=case, **_actor(request))
    messages.success(request, _("The case was deleted."))
    return redirect("casework:case-list")
