"""The register of people working elsewhere, their contacts, and the returnee funnel."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability
from qunyan.core.versions import version_of
from qunyan.party.models import DevelopmentRecord
from qunyan.people.models import Person
from qunyan.people.selectors import person_by_id_number
from qunyan.reserves.models import Reserve

from .forms import (
    FollowUpDoneForm,
    FunnelForm,
    OutreachFilterForm,
    OutreachForm,
    TalentFilterForm,
    TalentForm,
)
from .funnel import COLUMNS, CONTACTS, STAGE_KEYS, STAGES, returnee_funnel, returnee_outcomes
from .models import Outreach, OutsideTalent
from .selectors import (
    campaigns_in_scope,
    outreach_get,
    outreach_list,
    talent_get,
    talent_list,
)
from .services import follow_up_done, outreach_record, outreach_update, talent_save
from .visitors import visitor_from_key
from .workflow import is_overdue


@requires(Capability.VIEW_PEOPLE)
def talent_list_view(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = TalentFilterForm(request.GET or None, scope=scope)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "village": data["village"],
            "status": data["status"],
            "search": data["q"],
            "overdue": data["overdue"],
        }
    talents = talent_list(scope=scope, on=timezone.localdate(), **filters)
    page = Paginator(talents, 50).get_page(request.GET.get("page"))
    return render(request, "talents/talent_list.html", {"form": form, "page": page})


@requires(Capability.CHANGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def talent_add(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    preset = request.GET.get("person", "")
    person: Person | None = None
    if preset.isdigit():
        people = scope.filter(Person.objects.select_related("unit", "town"))
        person = people.filter(pk=int(preset)).first()
        if person is None:
            raise Http404
    form = TalentForm(request.POST or None)
    if person is not None:
        del form.fields["id_number"]
    if request.method == "POST" and form.is_valid():
        if person is None:
            person = person_by_id_number(
                scope=scope_of(request), text=form.cleaned_data["id_number"]
            )
        if person is None:
            form.add_error("id_number", _("No person in your area has this ID number."))
        else:
            try:
                talent = talent_save(
                    person=person,
                    data=form.talent_data(),
                    skills=form.cleaned_data["skills"] or None,
                    phone=form.cleaned_data["phone"],
                    by=account_of(request),
                    scope=scope,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Entered in the register."))
                return redirect(talent)
    return render(request, "talents/talent_form.html", {"form": form, "person": person})


def _talent_or_404(request: HttpRequest, pk: int) -> OutsideTalent:
    try:
        return talent_get(scope=scope_of(request), pk=pk)
    except OutsideTalent.DoesNotExist:
        raise Http404 from None


@requires(Capability.CHANGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def talent_edit(request: HttpRequest, pk: int) -> HttpResponse:
    talent = _talent_or_404(request, pk)
    form = TalentForm(request.POST or None, talent=talent)
    if request.method == "POST" and form.is_valid():
        try:
            talent_save(
                person=talent.person,
                data=form.talent_data(),
                skills=form.cleaned_data["skills"],
                phone=form.cleaned_data["phone"],
                by=account_of(request),
                scope=scope_of(request),
                talent=talent,
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(talent)
    return render(
        request,
        "talents/talent_form.html",
        {"form": form, "talent": talent, "person": talent.person},
    )


def _outreach_form(request: HttpRequest, person: Person, **kwargs: Any) -> OutreachForm:
    data = request.POST if request.method == "POST" else None
    return OutreachForm(data, town=person.town, scope=scope_of(request), **kwargs)


def _save_outreach(
    request: HttpRequest, form: OutreachForm, person: Person, contact: Outreach | None = None
) -> Outreach | None:
    """Run the form through the service; None (and errors on the form) when it refuses."""
    scope = scope_of(request)
    if not form.is_valid():
        return None
    try:
        visitor = visitor_from_key(
            form.cleaned_data["visitor"], town=person.town, scope=scope, on=timezone.localdate()
        )
        if contact is None:
            return outreach_record(
                person=person,
                data=form.outreach_data(),
                visitor=visitor,
                by=account_of(request),
                scope=scope,
            )
        return outreach_update(
            contact=contact,
            data=form.outreach_data(),
            visitor=visitor,
            by=account_of(request),
            scope=scope,
            version=form.cleaned_data["version"],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def talent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    talent = _talent_or_404(request, pk)
    person = talent.person
    form = _outreach_form(request, person)
    if request.method == "POST":
        if not account_of(request).can(Capability.CHANGE_PEOPLE):
            raise Http404
        if _save_outreach(request, form, person) is not None:
            messages.success(request, _("The contact was recorded."))
            return redirect(talent)
    today = timezone.localdate()
    contacts = person.outreach_contacts.select_related(
        "campaign", "visitor_account", "visitor_person"
    ).order_by("-date", "-id")
    return render(
        request,
        "talents/talent_detail.html",
        {
            "talent": talent,
            "person": person,
            "form": form,
            "contacts": [
                (c, is_overdue(c.follow_up_on, c.follow_up_done_on, today)) for c in contacts
            ],
            "assignments": person.campaign_assignments.select_related(
                "campaign", "visitor_account", "visitor_person"
            ).order_by("-campaign__starts_on"),
            "stays": Reserve.objects.filter(person=person).order_by("-entered_on", "-id"),
            "development": DevelopmentRecord.objects.filter(person=person).first(),
        },
    )


@requires(Capability.VIEW_PEOPLE)
def outreach_list_view(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    campaigns = campaigns_in_scope(scope=scope).order_by("-starts_on")
    form = OutreachFilterForm(request.GET or None, scope=scope, campaigns=campaigns)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    today = timezone.localdate()
    contacts = outreach_list(scope=scope, on=today, **filters)
    page = Paginator(contacts, 50).get_page(request.GET.get("page"))
    rows = [(c, is_overdue(c.follow_up_on, c.follow_up_done_on, today)) for c in page]
    return render(request, "talents/outreach_list.html", {"form": form, "page": page, "rows": rows})


def _contact_or_404(request: HttpRequest, pk: int) -> Outreach:
    try:
        return outreach_get(scope=scope_of(request), pk=pk)
    except Outreach.DoesNotExist:
        raise Http404 from None


@requires(Capability.CHANGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def outreach_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    person = contact.person
    initial = {
        "date": contact.date,
        "way": contact.way,
        "visitor": contact.visitor_key,
        "intent": contact.intent,
        "notes": contact.notes,
        "follow_up_on": contact.follow_up_on,
        "occasion": contact.occasion,
        "version": version_of(contact),
    }
    form = _outreach_form(request, person, initial=initial)
    if request.method == "POST" and _save_outreach(request, form, person, contact):
        messages.success(request, _("Saved."))
        return redirect("talents:outreach-edit", pk=contact.pk)
    talent = OutsideTalent.objects.filter(person=person).first()
    return render(
        request,
        "talents/outreach_form.html",
        {
            "form": form,
            "contact": contact,
            "talent": talent,
            "overdue": is_overdue(
                contact.follow_up_on, contact.follow_up_done_on, timezone.localdate()
            ),
            "done_form": FollowUpDoneForm(),
        },
    )


@requires(Capability.CHANGE_PEOPLE)
@require_POST
def outreach_done(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    form = FollowUpDoneForm(request.POST)
    if form.is_valid():
        try:
            follow_up_done(
                contact=contact,
                on=form.cleaned_data["done_on"],
                by=account_of(request),
                scope=scope_of(request),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The follow-up is marked done."))
    else:
        messages.error(request, _("Give the day of the follow-up."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("talents:outreach-list")


@requires(Capability.VIEW_PEOPLE)
def funnel(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    town = town_of(request)
    form = FunnelForm(request.GET or None)
    start, end = form.period()
    result = returnee_funnel(town=town, period_from=start, period_to=end, scope=scope)
    selected = None
    rows = {"village": result.villages, "campaign": result.campaigns}
    for kind, candidates in rows.items():
        wanted = request.GET.get(kind)
        if wanted is not None:
            selected = next((row for row in candidates if row.key == wanted), None)
    counts = selected.counts if selected else result.totals
    chart = {
        "labels": [str(label) for _key, label in STAGES],
        "values": [counts[key] for key in STAGE_KEYS],
        "title": selected.label if selected else town.name,
    }
    overdue = outreach_list(scope=scope, on=timezone.localdate(), follow_up="overdue").filter(
        person__town=town
    )
    return render(
        request,
        "talents/funnel.html",
        {
            "town": town,
            "towns": list(scope.towns().order_by("name")),
            "form": form,
            "funnel": result,
            "start": start,
            "end": end,
            "selected": selected,
            "steps": result.steps(),
            "contacts": result.totals[CONTACTS],
            "columns": COLUMNS,
            "chart": chart,
            "overdue_count": overdue.count(),
            "outcomes": returnee_outcomes(town=town, period_from=start, period_to=end, scope=scope),
        },
    )
