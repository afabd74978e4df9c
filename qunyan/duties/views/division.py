"""The division pages: the town overview, all villages solved at once, a village's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.models import OrgUnit
from qunyan.core.roles import Capability
from qunyan.people.models import Person

from ..explain import PART_LABELS, reasons_text, rule_labels
from ..models import Pin
from ..proposals import Proposal, propose, timed_town
from ..scoring import PARTS
from ..selectors import (
    chief_labels,
    chief_posts_open,
    current_divisions,
    divisions_of,
    groups_of,
    serving_cadres,
    village_get,
    villages_of,
)
from ..services import catalogue_ensure, division_confirm, parse_plan, pin_remove, pin_set


def _village(request: HttpRequest, pk: int) -> OrgUnit:
    try:
        return village_get(scope=scope_of(request), pk=pk)
    except OrgUnit.DoesNotExist:
        raise Http404 from None


def proposal_context(proposal: Proposal) -> dict[str, object]:
    """What a template needs to show a proposal and why it is what it is."""
    return {
        "proposal": proposal,
        "rows": [
            (row, [(PART_LABELS[k], row.parts.get(k, 0)) for k in PARTS], rule_labels(row.rules))
            for row in proposal.rows
        ],
        "reasons": reasons_text(proposal.solution.reasons),
    }


@requires(Capability.VIEW_PEOPLE)
def overview(request: HttpRequest) -> HttpResponse:
    """The town's villages with their division in force and their three-chief coverage."""
    scope = scope_of(request)
    town = town_of(request)
    villages = list(villages_of(scope=scope, town=town))
    current = current_divisions(villages=villages)
    cadres = serving_cadres(villages=villages, on=timezone.localdate())
    groups = list(groups_of(scope=scope, town=town))
    seats = chief_posts_open(groups=groups)
    missing: dict[int, int] = {}
    for group in groups:
        if len(seats[group.pk]) < 3:
            missing[group.parent_id or 0] = missing.get(group.parent_id or 0, 0) + 1
    rows = [(v, len(cadres[v.pk]), current.get(v.pk), missing.get(v.pk, 0)) for v in villages]
    return render(request, "duties/overview.html", {"town": town, "rows": rows})


@requires(Capability.MANAGE_DUTIES)
def proposals(request: HttpRequest) -> HttpResponse:
    """Every village of the town divided at once (nothing saved), with the time it took."""
    scope = scope_of(request)
    town = town_of(request)
    catalogue_ensure(town=town, by=account_of(request))
    villages = list(villages_of(scope=scope, town=town))
    found, seconds = timed_town(town=town, villages=villages, on=timezone.localdate())
    return render(
        request,
        "duties/proposals.html",
        {
            "town": town,
            "seconds": seconds,
            "proposals": [proposal_context(p) for p in found],
            "feasible": sum(1 for p in found if p.solution.feasible),
        },
    )


@requires(Capability.VIEW_PEOPLE)
def village_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A village's cadres, duties in force, the proposed division and its three-chief teams."""
    scope = scope_of(request)
    village = _village(request, pk)
    town = village.town
    assert town is not None
    manage = account_of(request).can(Capability.MANAGE_DUTIES)
    if manage:
        catalogue_ensure(town=town, by=account_of(request))
    [proposal] = propose(town=town, villages=[village], on=timezone.localdate())
    groups = list(groups_of(scope=scope, town=town, village=village))
    seats = chief_posts_open(groups=groups)
    labels = chief_labels(town)
    return render(
        request,
        "duties/village.html",
        {
            "village": village,
            "manage": manage,
            "people": list(proposal.people.values()),
            "current": proposal.current,
            "history": divisions_of(village=village)[:10],
            "pins": Pin.objects.filter(village=village).select_related("person", "duty"),
            "matrix": proposal.matrix() if manage else [],
            "groups": [
                (g, [(labels[role], seats[g.pk].get(role)) for role in labels]) for g in groups
            ],
            **(proposal_context(proposal) if manage else {}),
        },
    )


def _person_in(village: OrgUnit, pk: str | None) -> Person:
    people = serving_cadres(villages=[village], on=timezone.localdate())[village.pk]
    found = next((p for p in people if str(p.pk) == pk), None)
    if found is None:
        raise Http404
    return found


@requires(Capability.MANAGE_DUTIES)
@require_POST
def pin_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Fix one choice (must / must not) and show the village solved again."""
    village = _village(request, pk)
    person = _person_in(village, request.POST.get("person"))
    from ..models import Duty

    duty = Duty.objects.filter(town=village.town, pk=request.POST.get("duty") or 0).first()
    if duty is None:
        raise Http404
    try:
        pin_set(
            village=village,
            person=person,
            duty=duty,
            assign=request.POST.get("assign") != "0",
            by=account_of(request),
            scope=scope_of(request),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("duties:village-detail", pk=village.pk)


@requires(Capability.MANAGE_DUTIES)
@require_POST
def pin_delete(request: HttpRequest, pk: int, pin: int) -> HttpResponse:
    village = _village(request, pk)
    found = Pin.objects.filter(village=village, pk=pin).first()
    if found is None:
        raise Http404
    pin_remove(pin=found, by=account_of(request), scope=scope_of(request))
    return redirect("duties:village-detail", pk=village.pk)


@requires(Capability.MANAGE_DUTIES)
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the proposal the officer saw in force as the next version."""
    village = _village(request, pk)
    try:
        division = division_confirm(
            village=village,
            plan=parse_plan(request.POST.get("plan", "")),
            on=timezone.localdate(),
            by=account_of(request),
            scope=scope_of(request),
            note=request.POST.get("note", "")[:200],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Version %(version)d of the division is in force.") % {"version": division.version},
        )
    return redirect("duties:village-detail", pk=village.pk)
