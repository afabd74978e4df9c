"""Departed-cadre subsidies: the rule table, eligibility with reasons, stops, ledger, public list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.forms import add_service_errors
from qunyan.core.models import OrgUnit
from qunyan.core.roles import Capability
from qunyan.people.models import Person

from ..forms import MonthForm, StopForm, SubsidyRuleForm
from ..models import CadreStop
from ..selectors import departed_in_scope, payments_after_stop, payments_in_scope
from ..services_pay import cadre_stop_add, cadre_stop_delete, ledger_generate, subsidy_rule_save
from ..subsidies import subsidy_terms_for


def _back(name: str, town: OrgUnit, **params: object) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"town": town.pk, **params}.items())
    return f"{reverse(name)}?{query}"


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def subsidies(request: HttpRequest) -> HttpResponse:
    """The town's departed cadres, eligible first, with the reasons; stops are recorded here."""
    town = town_of(request)
    scope, user = scope_of(request), account_of(request)
    today = timezone.localdate()
    entries = departed_in_scope(scope=scope, town=town)
    for entry in entries:
        entry.payable_now = entry.payable_on(today.replace(day=1))
    people = Person.objects.filter(pk__in=[e.person.pk for e in entries]).order_by("name_pinyin")
    stop_form = StopForm(request.POST if request.method == "POST" else None, people=people)
    if request.method == "POST":
        if not user.can(Capability.MANAGE_EVALUATION):
            raise Http404
        if stop_form.is_valid():
            try:
                cadre_stop_add(by=user, scope=scope, **stop_form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(stop_form, exc)
            else:
                messages.success(request, _("Event recorded."))
                return redirect(_back("evaluation:subsidies", town))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/subsidies.html",
        {
            "town": town,
            "terms": subsidy_terms_for(town),
            "page": page,
            "today": today,
            "payable": sum(1 for e in entries if e.payable_now),
            "stop_form": stop_form,
            "stops": CadreStop.objects.filter(person__in=people).select_related("person"),
        },
    )


@requires(Capability.MANAGE_EVALUATION)
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest) -> HttpResponse:
    """The town's own rule table (or the county's, with ?unit=county)."""
    town = town_of(request)
    unit = town.parent if request.GET.get("unit") == "county" and town.parent else town
    if not scope_of(request).contains(unit):
        raise Http404
    terms = subsidy_terms_for(town) if unit == town else subsidy_terms_for(unit)
    initial = {
        "eligible_posts": ",".join(terms.eligible_posts),
        "min_years": terms.min_years,
        "male_age": terms.male_age,
        "female_age": terms.female_age,
        "disqualifiers": list(terms.disqualifiers),
        "tiers": "\n".join(f"{years}={amount}" for years, amount in terms.tiers),
    }
    form = SubsidyRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            subsidy_rule_save(
                unit=unit, by=account_of(request), scope=scope_of(request), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Rule table saved."))
            return redirect(_back("evaluation:subsidies", town))
    return render(
        request,
        "evaluation/rule_form.html",
        {
            "town": town,
            "unit": unit,
            "form": form,
            "terms": terms,
            "county_editable": town.parent is not None and scope_of(request).contains(town.parent),
        },
    )


@requires(Capability.MANAGE_EVALUATION)
@require_POST
def stop_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    stop = CadreStop.objects.select_related("person", "person__unit").filter(pk=pk).first()
    if stop is None or not scope.contains(stop.person.unit):
        raise Http404
    cadre_stop_delete(stop=stop, by=account_of(request), scope=scope)
    messages.success(request, _("Event deleted."))
    return redirect(_back("evaluation:subsidies", town_of(request)))


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def ledger(request: HttpRequest) -> HttpResponse:
    """The monthly payment ledger; the town office writes a month's payments."""
    town = town_of(request)
    scope, user = scope_of(request), account_of(request)
    form = MonthForm(request.POST or None, initial={"month": timezone.localdate().replace(day=1)})
    if request.method == "POST":
        if not user.can(Capability.MANAGE_EVALUATION):
            raise Http404
        if form.is_valid():
            month = form.cleaned_data["month"]
            try:
                count = ledger_generate(town=town, month=month, by=user, scope=scope)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(count)d payments written for %(month)s.")
                    % {"count": count, "month": f"{month:%Y-%m}"},
                )
                return redirect(_back("evaluation:ledger", town))
    payments = payments_in_scope(scope=scope, town=town)
    months = (
        payments.values("month")
        .annotate(people=Count("id"), amount=Sum("amount"))
        .order_by("-month")
    )
    page = Paginator(payments.order_by("-month", "person__name_pinyin"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "evaluation/ledger.html",
        {
            "town": town,
            "form": form,
            "months": months[:24],
            "page": page,
            "recover": payments_after_stop(scope=scope, town=town).select_related("person"),
        },
    )


@requires(Capability.VIEW_PEOPLE)
def public_list(request: HttpRequest) -> HttpResponse:
    """The annual public list (公示): who received the subsidy in the year, and how much."""
    town = town_of(request)
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() else timezone.localdate().year
    rows = (
        payments_in_scope(scope=scope_of(request), town=town)
        .filter(month__year=year)
        .values("person__name", "person__unit__name", "years_served")
        .annotate(months=Count("id"), amount=Sum("amount"))
        .order_by("person__unit__name", "person__name")
    )
    return render(
        request,
        "evaluation/public_list.html",
        {
            "town": town,
            "year": year,
            "rows": rows,
            "years": list(range(year + 1, year - 5, -1)),
            "printed": timezone.localdate(),
        },
    )
