"""Three-chief teams (三长制): the coverage of every villager group, and a group's seats."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.forms import add_service_errors
from qunyan.core.models import OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.services import orgunit_create
from qunyan.people.choices import PARTY_MEMBER_STATUSES
from qunyan.people.models import Person
from qunyan.reserves.selectors import reserves_in_pool

from ..choices import ChiefRole
from ..explain import CHIEF_WHY
from ..forms import ChiefForm
from ..models import ChiefPost
from ..selectors import (
    chief_candidates,
    chief_labels,
    chief_posts_open,
    coverage,
    group_get,
    village_get,
)
from ..services import chief_appoint, chief_end


@requires(Capability.VIEW_PEOPLE)
def chief_coverage(request: HttpRequest) -> HttpResponse:
    """Every villager group and its three seats; groups missing any seat first."""
    town = town_of(request)
    labels = chief_labels(town)
    rows = coverage(scope=scope_of(request), town=town)
    # Groups missing a seat first; otherwise the selector's order (village, then as created).
    rows.sort(key=lambda r: all(r[1].values()))
    missing = sum(1 for _g, seats in rows if not all(seats.values()))
    return render(
        request,
        "duties/chiefs.html",
        {
            "town": town,
            "labels": list(labels.values()),
            "rows": [(g, [seats[role] for role in labels]) for g, seats in rows],
            "missing": missing,
        },
    )


def _eligible(group: OrgUnit) -> "QuerySet[Person]":
    village = group.parent
    if village is None:
        raise Http404
    units = [village.pk, *OrgUnit.objects.filter(parent=village).values_list("pk", flat=True)]
    pool = reserves_in_pool(on=timezone.localdate()).values("person_id")
    return (
        Person.objects.filter(unit_id__in=units)
        .filter(Q(political_status__in=PARTY_MEMBER_STATUSES) | Q(pk__in=pool))
        .order_by("name_pinyin", "id")
    )


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A group's three seats, with suggested people for each empty one."""
    scope = scope_of(request)
    try:
        group = group_get(scope=scope, pk=pk)
    except OrgUnit.DoesNotExist:
        raise Http404 from None
    town = group.town
    if town is None:
        raise Http404
    labels = chief_labels(town)
    manage = account_of(request).can(Capability.MANAGE_DUTIES)
    today = timezone.localdate()
    form = ChiefForm(request.POST or None, people=_eligible(group), initial={"started_on": today})
    if request.method == "POST":
        if not manage:
            raise Http404
        if form.is_valid():
            try:
                chief_appoint(
                    group=group,
                    role=form.cleaned_data["role"],
                    person=form.cleaned_data["person"],
                    on=form.cleaned_data["started_on"],
                    by=account_of(request),
                    scope=scope,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("duties:group-detail", pk=group.pk)
    seats = chief_posts_open(groups=[group])[group.pk]
    rows = []
    for role in ChiefRole.values:
        candidates = []
        if manage:
            candidates = [
                (person, [str(CHIEF_WHY[w]) for w in why])
                for person, why in chief_candidates(group=group, role=role, on=today)
            ]
        rows.append((role, labels[role], seats.get(role), candidates))
    history = ChiefPost.objects.filter(group=group, ended_on__isnull=False).select_related("person")
    return render(
        request,
        "duties/group.html",
        {
            "group": group,
            "rows": rows,
            "form": form,
            "manage": manage,
            "history": history,
            "today": today,
        },
    )


@requires(Capability.MANAGE_DUTIES)
@require_POST
def chief_leave(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    post = (
        ChiefPost.objects.filter(pk=pk, group__in=scope.units(), ended_on__isnull=True)
        .select_related("group")
        .first()
    )
    if post is None:
        raise Http404
    try:
        chief_end(post=post, on=timezone.localdate(), by=account_of(request), scope=scope)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("duties:group-detail", pk=post.group_id)


@requires(Capability.MANAGE_DUTIES, Capability.CHANGE_UNITS)
@require_POST
def group_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a villager group below a village (a unit of the org tree)."""
    scope = scope_of(request)
    try:
        village = village_get(scope=scope, pk=pk)
    except OrgUnit.DoesNotExist:
        raise Http404 from None
    try:
        orgunit_create(
            name=request.POST.get("name", ""),
            kind=OrgUnit.Kind.GROUP,
            parent=village,
            by=account_of(request),
            scope=scope,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("duties:village-detail", pk=village.pk)
