"""The mentor register and the young cadres still without a mentor."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability
from qunyan.people.models import Person
from qunyan.people.selectors import person_by_id_number

from ..choices import MentorKind, area_labels
from ..forms import MentorAddForm, MentorFields
from ..models import Mentor
from ..selectors import mentor_get, mentor_list, open_mentees, pairs_in_scope
from ..services import mentor_register, mentor_update


@requires(Capability.VIEW_PEOPLE)
def mentor_list_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    mentors = mentor_list(
        scope=scope_of(request),
        on=timezone.localdate(),
        kind=kind if kind in MentorKind.values else "",
    )
    page = Paginator(mentors, 50).get_page(request.GET.get("page"))
    rows = [(mentor, area_labels(mentor.strengths)) for mentor in page]
    return render(
        request,
        "mentoring/mentor_list.html",
        {"page": page, "rows": rows, "kind": kind, "kinds": MentorKind.choices},
    )


@requires(Capability.MANAGE_MENTORING)
@require_http_methods(["GET", "POST"])
def mentor_add(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    initial: dict[str, Any] = {}
    preset = request.GET.get("person")
    if preset and preset.isdigit():
        person = scope.filter(Person.objects.all()).filter(pk=int(preset)).first()
        if person is not None:
            initial["id_number"] = person.id_number
    form = MentorAddForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = person_by_id_number(scope=scope_of(request), text=data.pop("id_number"))
        if person is None:
            form.add_error("id_number", _("No person in your area has this ID number."))
        else:
            try:
                mentor = mentor_register(person=person, by=account_of(request), scope=scope, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Added to the mentor register."))
                return redirect("mentoring:mentor-detail", pk=mentor.pk)
    return render(request, "mentoring/mentor_add.html", {"form": form})


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def mentor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    today = timezone.localdate()
    try:
        mentor = mentor_get(scope=scope, pk=pk, on=today)
    except Mentor.DoesNotExist:
        raise Http404 from None
    fields = ("kind", "strengths", "capacity", "available", "serving_since", "note")
    form = MentorFields(
        request.POST or None, initial={name: getattr(mentor, name) for name in fields}
    )
    if request.method == "POST":
        if not account_of(request).can(Capability.MANAGE_MENTORING):
            raise Http404
        if form.is_valid():
            try:
                mentor_update(
                    mentor=mentor, by=account_of(request), scope=scope, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("mentoring:mentor-detail", pk=mentor.pk)
    pairs = (
        pairs_in_scope(scope)
        .filter(mentor=mentor.person)
        .select_related("mentee__unit")
        .order_by("-started_on")
    )
    return render(
        request,
        "mentoring/mentor_detail.html",
        {
            "mentor": mentor,
            "strengths": area_labels(mentor.strengths),
            "form": form,
            "pairs": pairs,
            "today": today,
        },
    )


@requires(Capability.VIEW_PEOPLE)
def mentee_list(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    people = open_mentees(scope=scope_of(request), town=town, on=timezone.localdate())
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    rows = []
    for person in page:
        need = getattr(person, "mentee_need", None)
        rows.append((person, area_labels(need.weak_areas) if need else []))
    return render(request, "mentoring/mentee_list.html", {"town": town, "page": page, "rows": rows})
