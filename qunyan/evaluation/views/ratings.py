"""The annual village rating: indicator scores, weighted totals, computed or entered ratings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability

from ..forms import RatingForm, ScoresForm
from ..indicators import indicator_sources
from ..models import IndicatorScore, VillageRating
from ..rules import indicator_weights, rating_caps, rating_min_scores
from ..selectors import rating_board
from ..services import indicator_scores_fill, indicator_scores_save, rating_set, ratings_compute
from .common import village_in_scope, year_of, years_around


def _back(year: int, town_pk: int) -> str:
    return f"{reverse('evaluation:ratings')}?year={year}&town={town_pk}"


@requires(Capability.VIEW_PEOPLE)
def ratings(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    year = year_of(request, town)
    weights = indicator_weights()
    rows = rating_board(scope=scope_of(request), town=town, year=year)
    table = [(row, [row.scores.get(key) for key in weights]) for row in rows]
    sources = [s for s in indicator_sources() if s.key in weights]
    return render(
        request,
        "evaluation/ratings.html",
        {
            "town": town,
            "year": year,
            "years": years_around(year),
            "weights": [(label, weight) for label, weight in weights.values()],
            "table": table,
            "minimums": rating_min_scores(),
            "rating_caps": rating_caps(),
            "sources": sources,
            "rated": sum(1 for row in rows if row.rating),
        },
    )


@requires(Capability.MANAGE_EVALUATION)
@require_http_methods(["GET", "POST"])
def village_scores(request: HttpRequest, pk: int) -> HttpResponse:
    village = village_in_scope(request, pk)
    year = year_of(request, village.parent)  # type: ignore[arg-type]
    scope, user = scope_of(request), account_of(request)
    current = {
        s.indicator: s.score for s in IndicatorScore.objects.filter(village=village, year=year)
    }
    rated = VillageRating.objects.filter(village=village, year=year).first()
    action = request.POST.get("action", "scores")
    scores_form = ScoresForm(
        request.POST if action == "scores" else None, initial=current, prefix="s"
    )
    rating_form = RatingForm(
        request.POST if action == "rating" else None,
        initial={"rating": rated.rating if rated else ""},
        prefix="r",
    )
    if request.method == "POST":
        form = scores_form if action == "scores" else rating_form
        if form.is_valid():
            try:
                if action == "scores":
                    indicator_scores_save(
                        village=village, year=year, scores=form.cleaned_data, by=user, scope=scope
                    )
                else:
                    rating_set(
                        village=village,
                        year=year,
                        rating=form.cleaned_data["rating"],
                        by=user,
                        scope=scope,
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(_back(year, village.parent_id))  # type: ignore[arg-type]
    return render(
        request,
        "evaluation/village_scores.html",
        {
            "village": village,
            "year": year,
            "scores_form": scores_form,
            "rating_form": rating_form,
            "rated": rated,
        },
    )


@requires(Capability.MANAGE_EVALUATION)
@require_POST
def compute(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    year = year_of(request, town)
    try:
        count = ratings_compute(
            town=town, year=year, by=account_of(request), scope=scope_of(request)
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(
            request, _("%(count)d villages rated from their scores.") % {"count": count}
        )
    return redirect(_back(year, town.pk))


@requires(Capability.MANAGE_EVALUATION)
@require_POST
def fill(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    year = year_of(request, town)
    try:
        count = indicator_scores_fill(
            town=town,
            year=year,
            key=request.POST.get("key", ""),
            by=account_of(request),
            scope=scope_of(request),
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("%(count)d scores taken over.") % {"count": count})
    return redirect(_back(year, town.pk))
