"""Holiday campaigns: planning, the list of people expected home, visit lists and symposiums."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability
from qunyan.people.models import Person

from .campaigns import (
    assignment_remove,
    assignment_save,
    campaign_fill,
    campaign_save,
    symposium_attendance,
    symposium_invite,
    symposium_save,
)
from .forms import AssignmentForm, CampaignForm, InviteForm, SymposiumForm
from .models import Campaign, Symposium
from .selectors import (
    assignments_of,
    campaign_get,
    campaign_list,
    symposium_get,
    visit_list,
    visitor_loads,
)
from .spreadsheets_visits import visit_list_response
from .visitors import visitor_from_key


@requires(Capability.VIEW_PEOPLE)
def campaign_list_view(request: HttpRequest) -> HttpResponse:
    campaigns = campaign_list(scope=scope_of(request)).order_by("-starts_on", "-pk")
    return render(request, "talents/campaign_list.html", {"campaigns": campaigns})


def _campaign_or_404(request: HttpRequest, pk: int) -> Campaign:
    try:
        return campaign_get(scope=scope_of(request), pk=pk)
    except Campaign.DoesNotExist:
        raise Http404 from None


@requires(Capability.MANAGE_TALENTS)
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    campaign = _campaign_or_404(request, pk) if pk is not None else None
    town = campaign.town if campaign else town_of(request)
    form = CampaignForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            saved = campaign_save(
                town=town,
                by=account_of(request),
                scope=scope_of(request),
                campaign=campaign,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The campaign is saved."))
            return redirect(saved)
    return render(
        request, "talents/campaign_form.html", {"form": form, "campaign": campaign, "town": town}
    )


def _detail(
    request: HttpRequest,
    campaign: Campaign,
    *,
    assignment_form: AssignmentForm | None = None,
    symposium_form: SymposiumForm | None = None,
) -> HttpResponse:
    scope = scope_of(request)
    assignments = list(assignments_of(campaign=campaign, scope=scope))
    return render(
        request,
        "talents/campaign_detail.html",
        {
            "campaign": campaign,
            "assignments": assignments,
            "loads": visitor_loads(assignments),
            "symposiums": campaign.symposiums.all(),
            "assignment_form": assignment_form or AssignmentForm(campaign=campaign, scope=scope),
            "symposium_form": symposium_form or SymposiumForm(),
        },
    )


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaign's page; its forms post here with an `action`."""
    campaign = _campaign_or_404(request, pk)
    if request.method == "GET":
        return _detail(request, campaign)
    action = request.POST.get("action")
    handler = _ACTIONS.get(action or "")
    if handler is None:
        raise Http404
    capability, run = handler
    if not account_of(request).can(capability):
        raise PermissionDenied
    response: HttpResponse = run(request, campaign)
    return response


def _assign(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    scope = scope_of(request)
    form = AssignmentForm(request.POST, campaign=campaign, scope=scope)
    if form.is_valid():
        data = form.cleaned_data
        try:
            person = scope.filter(Person.objects.select_related("unit")).get(pk=data["person"])
            visitor = visitor_from_key(
                data["visitor"], town=campaign.town, scope=scope, on=timezone.localdate()
            )
            assignment_save(
                campaign=campaign,
                person=person,
                visitor=visitor,
                expected_on=data["expected_on"],
                note=data["note"],
                by=account_of(request),
                scope=scope,
            )
        except Person.DoesNotExist:
            raise Http404 from None
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s is on the list, visited by %(visitor)s.")
                % {"person": person.name, "visitor": visitor.name or _("nobody yet")},
            )
            return redirect(campaign)
    return _detail(request, campaign, assignment_form=form)


def _remove(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    scope = scope_of(request)
    assignment = (
        assignments_of(campaign=campaign, scope=scope)
        .filter(pk=request.POST.get("assignment") or 0)
        .first()
    )
    if assignment is None:
        raise Http404
    assignment_remove(assignment=assignment, by=account_of(request), scope=scope)
    messages.success(request, _("Taken off the list."))
    return redirect(campaign)


def _fill(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    added = campaign_fill(campaign=campaign, by=account_of(request), scope=scope_of(request))
    messages.success(
        request,
        ngettext(
            "%(n)d person expected home was added to the list.",
            "%(n)d people expected home were added to the list.",
            added,
        )
        % {"n": added},
    )
    return redirect(campaign)


def _symposium(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    form = SymposiumForm(request.POST)
    if form.is_valid():
        try:
            symposium = symposium_save(
                campaign=campaign,
                by=account_of(request),
                scope=scope_of(request),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The symposium is planned; now invite people."))
            return redirect(symposium)
    return _detail(request, campaign, symposium_form=form)


_ACTIONS: dict[str, tuple[str, Any]] = {
    "assign": (Capability.CHANGE_PEOPLE, _assign),
    "remove": (Capability.CHANGE_PEOPLE, _remove),
    "fill": (Capability.MANAGE_TALENTS, _fill),
    "symposium": (Capability.MANAGE_TALENTS, _symposium),
}


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def visit_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One cadre's visits: a page to print, or .xlsx (POST with `reveal` for full numbers)."""
    campaign = _campaign_or_404(request, pk)
    params = request.POST if request.method == "POST" else request.GET
    key = params.get("visitor", "")
    assignments = list(visit_list(campaign=campaign, visitor_key=key, scope=scope_of(request)))
    name = assignments[0].visitor_name if assignments else ""
    reveal = request.method == "POST" and bool(params.get("reveal"))
    if reveal and not account_of(request).can(Capability.REVEAL):
        raise PermissionDenied
    if request.method == "POST" or params.get("format") == "xlsx":
        return visit_list_response(
            campaign, assignments, visitor_name=name, by=account_of(request), reveal=reveal
        )
    return render(
        request,
        "talents/visit_list.html",
        {"campaign": campaign, "assignments": assignments, "visitor_name": name, "key": key},
    )


def _symposium_or_404(request: HttpRequest, pk: int) -> Symposium:
    try:
        return symposium_get(scope=scope_of(request), pk=pk)
    except Symposium.DoesNotExist:
        raise Http404 from None


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def symposium_detail(request: HttpRequest, pk: int) -> HttpResponse:
    symposium = _symposium_or_404(request, pk)
    campaign = symposium.campaign
    scope = scope_of(request)
    invitations = scope.filter(
        symposium.invitations.select_related("person__unit"), unit_field="person__unit"
    ).order_by("person__unit__name", "person__name_pinyin")
    invited = {invitation.person_id for invitation in invitations}
    listed = [
        a for a in assignments_of(campaign=campaign, scope=scope) if a.person_id not in invited
    ]
    invite_form = InviteForm(
        request.POST if request.POST.get("action") == "invite" else None,
        choices=[(a.person_id, f"{a.person.name}（{a.person.unit.name}）") for a in listed],
    )
    if request.method == "POST":
        if not account_of(request).can(Capability.MANAGE_TALENTS):
            raise PermissionDenied
        try:
            if request.POST.get("action") == "invite" and invite_form.is_valid():
                people = scope.filter(Person.objects.select_related("unit")).filter(
                    pk__in=invite_form.cleaned_data["people"]
                )
                n = symposium_invite(
                    symposium=symposium, people=people, by=account_of(request), scope=scope
                )
                messages.success(
                    request,
                    ngettext("%(n)d person invited.", "%(n)d people invited.", n) % {"n": n},
                )
                return redirect(symposium)
            if request.POST.get("action") == "attendance":
                attended = [int(v) for v in request.POST.getlist("attended") if v.isdigit()]
                n = symposium_attendance(
                    symposium=symposium, attended=attended, by=account_of(request), scope=scope
                )
                messages.success(
                    request,
                    ngettext(
                        "Attendance saved; %(n)d contact recorded.",
                        "Attendance saved; %(n)d contacts recorded.",
                        n,
                    )
                    % {"n": n},
                )
                return redirect(symposium)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    return render(
        request,
        "talents/symposium_detail.html",
        {
            "symposium": symposium,
            "campaign": campaign,
            "invitations": invitations,
            "invite_form": invite_form,
            "held": symposium.held_on <= timezone.localdate(),
        },
    )
