"""The mentoring overview: coverage, pairs by principle and idle pairs."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from qunyan.core.access import requires, scope_of, town_of
from qunyan.core.roles import Capability

from ..choices import Principle
from ..forms import PeriodForm
from ..selectors import idle_days, mentoring_coverage


@requires(Capability.VIEW_PEOPLE)
def overview(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    coverage = mentoring_coverage(
        scope=scope_of(request), town=town, period_from=start, period_to=end, as_of=end
    )
    chart = {
        "villages": [row["name"] for row in coverage.villages],
        "pairs": [row["pairs"] - row["idle"] for row in coverage.villages],
        "idle": [row["idle"] for row in coverage.villages],
        "labels": [_("Pairs with recent activity"), _("Idle pairs")],
    }
    principles = [(Principle(code).label, n) for code, n in coverage.by_principle.items()]
    return render(
        request,
        "mentoring/overview.html",
        {
            "town": town,
            "form": form,
            "coverage": coverage,
            "principles": principles,
            "chart": chart,
            "idle_days": idle_days(),
        },
    )
