"""Pairing: the suggested pairs, a mentee's candidates, and the confirmations (accept, reject)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability
from qunyan.people.models import Person

from ..choices import Principle, area_labels
from ..forms import AcceptForm, MenteeNeedForm, RejectForm, SuggestionFilterForm
from ..models import Mentor
from ..selectors import mentee_get, mentor_list, pairs_in_scope
from ..services import mentee_need_save, mentorship_create, pairing_reject
from ..suggestions import mentor_candidates, pairing_suggestions
from .common import back_to

# Mentors listed on a mentee's page before "show all".
CANDIDATES_SHOWN = 10


def _accept_form(mentor: Mentor, mentee: Person, principle: str) -> AcceptForm:
    """An unbound confirmation of one pair; ids are unique among the page's many forms."""
    return AcceptForm(
        initial={"mentor": mentor.pk, "mentee": mentee.pk, "principle": principle},
        auto_id=f"id_%s_{mentor.pk}_{mentee.pk}",
    )


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def mentee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A young cadre's needs, and every mentor who could take them, best first."""
    scope = scope_of(request)
    try:
        person = mentee_get(scope=scope, pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None
    need = getattr(person, "mentee_need", None)
    form = MenteeNeedForm(
        request.POST or None,
        initial={"weak_areas": need.weak_areas if need else [], "note": need.note if need else ""},
    )
    if request.method == "POST":
        if not account_of(request).can(Capability.CHANGE_PEOPLE):
            raise Http404
        if form.is_valid():
            try:
                mentee_need_save(
                    person=person, by=account_of(request), scope=scope, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("mentoring:mentee-detail", pk=person.pk)
    today = timezone.localdate()
    suggested = request.GET.get("suggested", "")
    current = pairs_in_scope(scope).filter(mentee=person).order_by("-started_on")
    candidates = []
    more = 0
    show_all = request.GET.get("all") == "1"
    if account_of(request).can(Capability.MANAGE_MENTORING):
        ranked = every = mentor_candidates(scope=scope, person=person, on=today)
        if not show_all:
            ranked = [
                c
                for i, c in enumerate(every)
                if i < CANDIDATES_SHOWN or str(c.mentor.pk) == suggested
            ]
        more = len(every) - len(ranked)
        candidates = [
            (
                candidate,
                area_labels(candidate.mentor.strengths),
                _accept_form(candidate.mentor, person, candidate.suggestion.principle),
                Principle(candidate.suggestion.principle).label,
            )
            for candidate in ranked
        ]
    return render(
        request,
        "mentoring/mentee_detail.html",
        {
            "person": person,
            "weak_areas": area_labels(need.weak_areas) if need else [],
            "form": form,
            "pairs": current,
            "candidates": candidates,
            "suggested": suggested,
            "more": more,
        },
    )


@requires(Capability.MANAGE_MENTORING)
def suggestions(request: HttpRequest) -> HttpResponse:
    """The suggested pairing of the town; nothing is saved until a person accepts a pair."""
    town = town_of(request)
    form = SuggestionFilterForm(request.GET or None)
    principle = form.cleaned_data.get("principle") if form.is_valid() else ""
    result = pairing_suggestions(
        scope=scope_of(request),
        town=town,
        on=timezone.localdate(),
        principles={principle} if principle else None,
    )
    rows = [
        (
            pair,
            area_labels(pair.suggestion.score.covered),
            area_labels(getattr(getattr(pair.mentee, "mentee_need", None), "weak_areas", [])),
            _accept_form(pair.mentor, pair.mentee, pair.suggestion.principle),
            Principle(pair.suggestion.principle).label,
        )
        for pair in result.pairs
    ]
    return render(
        request,
        "mentoring/suggestions.html",
        {"town": town, "form": form, "result": result, "rows": rows},
    )


@requires(Capability.MANAGE_MENTORING)
@require_POST
def pairing_accept(request: HttpRequest) -> HttpResponse:
    """Make a pair a person has confirmed (from the suggestions or from a mentee's page)."""
    scope = scope_of(request)
    form = AcceptForm(request.POST)
    fallback = back_to(request, "")
    if form.is_valid():
        data = form.cleaned_data
        mentor = mentor_list(scope=scope, on=data["started_on"]).filter(pk=data["mentor"]).first()
        mentee = (
            scope.filter(Person.objects.select_related("unit")).filter(pk=data["mentee"]).first()
        )
        if mentor is None or mentee is None:
            raise Http404
        try:
            pair = mentorship_create(
                mentor=mentor,
                mentee=mentee,
                principle=data["principle"],
                started_on=data["started_on"],
                goals=data["goals"],
                by=account_of(request),
                scope=scope,
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(
                request,
                _("%(mentor)s now mentors %(mentee)s.")
                % {"mentor": mentor.person.name, "mentee": mentee.name},
            )
            return redirect("mentoring:pair-detail", pk=pair.pk)
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
    return redirect(fallback or "mentoring:suggestions")


@requires(Capability.MANAGE_MENTORING)
@require_POST
def pairing_reject_view(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = RejectForm(request.POST)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    mentor = mentor_list(scope=scope, on=timezone.localdate()).filter(pk=data["mentor"]).first()
    mentee = scope.filter(Person.objects.select_related("unit")).filter(pk=data["mentee"]).first()
    if mentor is None or mentee is None:
        raise Http404
    pairing_reject(
        mentor=mentor, mentee=mentee, reason=data["reason"], by=account_of(request), scope=scope
    )
    messages.info(
        request,
        _("%(mentor)s will not be suggested for %(mentee)s again.")
        % {"mentor": mentor.person.name, "mentee": mentee.name},
    )
    return redirect(back_to(request, "") or "mentoring:suggestions")
