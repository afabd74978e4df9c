"""Pairs and their log: meetings, evaluations, goals and end."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability

from ..choices import Evaluator, Half
from ..forms import EvaluationForm, MeetingForm, PairFilterForm, PairForm
from ..log import evaluation_record, meeting_log
from ..models import Evaluation, Mentorship
from ..selectors import idle_days, pair_get, pair_list
from ..services import mentorship_update
from .common import day_of


@requires(Capability.VIEW_PEOPLE)
def pair_list_view(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    on = day_of(request.GET.get("on"), timezone.localdate())
    form = PairFilterForm(request.GET or None, scope=scope)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    pairs = pair_list(scope=scope, on=on, **filters)
    page = Paginator(pairs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mentoring/pair_list.html",
        {
            "form": form,
            "page": page,
            "on": on,
            "idle_days": idle_days(),
            "query": query.urlencode(),
        },
    )


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    user = account_of(request)
    today = timezone.localdate()
    try:
        pair = pair_get(scope=scope, pk=pk, on=today)
    except Mentorship.DoesNotExist:
        raise Http404 from None
    action = request.POST.get("action", "")
    posted = request.POST if request.method == "POST" else None
    meeting_form = MeetingForm(posted if action == "meeting" else None, prefix="meeting")
    town_side = user.can(Capability.MANAGE_MENTORING)
    evaluation_form = EvaluationForm(
        posted if action == "evaluation" else None, prefix="evaluation", town_side=town_side
    )
    pair_form = PairForm(
        posted if action == "pair" else None,
        prefix="pair",
        initial={"goals": pair.goals, "ended_on": pair.ended_on},
    )
    if request.method == "POST":
        forms: dict[str, tuple[Form, Any, str]] = {
            "meeting": (meeting_form, meeting_log, Capability.SUPERVISE),
            "evaluation": (evaluation_form, evaluation_record, Capability.SUPERVISE),
            "pair": (pair_form, mentorship_update, Capability.MANAGE_MENTORING),
        }
        if action not in forms:
            raise Http404
        form, service, capability = forms[action]
        if not user.can(capability):
            raise Http404
        if form.is_valid():
            try:
                service(pair=pair, by=user, scope=scope, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("mentoring:pair-detail", pk=pair.pk)
    return render(
        request,
        "mentoring/pair_detail.html",
        {
            "pair": pair,
            "meetings": pair.meetings.select_related("by"),
            "evaluation_rows": _evaluation_rows(pair),
            "evaluator_labels": Evaluator.labels,
            "meeting_form": meeting_form,
            "evaluation_form": evaluation_form,
            "pair_form": pair_form,
            "idle_days": idle_days(),
            "mentor_in_scope": scope.contains(pair.mentor.unit),
        },
    )


def _evaluation_rows(pair: Mentorship) -> list[tuple[str, list[Evaluation | None]]]:
    """One row per half year, latest first, with the mentee's, mentor's and town's scores."""
    by_period: dict[tuple[int, int], dict[str, Evaluation]] = {}
    for evaluation in pair.evaluations.all():
        by_period.setdefault((evaluation.year, evaluation.half), {})[evaluation.evaluator] = (
            evaluation
        )
    return [
        (
            _("%(year)d, %(half)s") % {"year": year, "half": Half(half).label},
            [cells.get(code) for code in Evaluator.values],
        )
        for (year, half), cells in sorted(by_period.items(), reverse=True)
    ]
