"""农民大学生: nominations (eligibility checked by the service) and their status."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability

from ..choices import CollegeTrack, NominationStatus
from ..college import nomination_add, nomination_move
from ..forms import NominationForm, NominationMoveForm
from ..selectors import nomination_get, nomination_list
from ..workflow import NEXT_STATUSES
from .common import or_404, page_number


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def nomination_list_view(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    user = account_of(request)
    form = NominationForm(request.POST or None, scope=scope)
    if request.method == "POST":
        if not user.can(Capability.MANAGE_TRAINING):
            raise Http404
        if form.is_valid():
            try:
                nomination = nomination_add(by=user, scope=scope, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The nomination was recorded."))
                return redirect("training:nomination-detail", pk=nomination.pk)
    status = request.GET.get("status", "")
    status = status if status in NominationStatus.values else ""
    track = request.GET.get("track", "")
    track = track if track in CollegeTrack.values else ""
    nominations = nomination_list(scope=scope, status=status, track=track)
    page = Paginator(nominations, 30).get_page(page_number(request))
    return render(
        request,
        "training/nomination_list.html",
        {
            "form": form,
            "page": page,
            "status": status,
            "statuses": NominationStatus.choices,
            "track": track,
            "current": "college",
        },
    )


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    nomination = or_404(lambda: nomination_get(scope=scope, pk=pk))
    user = account_of(request)
    form = NominationMoveForm(request.POST or None)
    allowed = [str(s) for s in NEXT_STATUSES[NominationStatus(nomination.status)]]
    form.fields["to"].choices = [  # type: ignore[attr-defined]
        (value, label) for value, label in NominationStatus.choices if value in allowed
    ]
    if request.method == "POST":
        if not user.can(Capability.MANAGE_TRAINING):
            raise Http404
        if form.is_valid():
            try:
                nomination_move(
                    nomination=nomination,
                    to=form.cleaned_data["to"],
                    on=form.cleaned_data["on"],
                    by=user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The status was recorded."))
                return redirect("training:nomination-detail", pk=pk)
    return render(
        request,
        "training/nomination_detail.html",
        {"nomination": nomination, "form": form, "allowed": allowed, "current": "college"},
    )
