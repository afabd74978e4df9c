"""The town's duty catalogue, its settings, and the cadre profiles the division weighs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability
from qunyan.core.versions import version_of
from qunyan.people.models import Person
from qunyan.people.selectors import person_get

from ..choices import Trait, trait_labels
from ..forms import DutyForm, DutySettingsForm, ProfileForm
from ..models import CadreProfile, Duty
from ..selectors import chief_labels, duty_get, person_duties, settings_of, town_duties
from ..services import DUTY_FIELDS, catalogue_ensure, duty_save, profile_save, settings_save


@requires(Capability.VIEW_PEOPLE)
def catalogue(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    if account_of(request).can(Capability.MANAGE_DUTIES):
        catalogue_ensure(town=town, by=account_of(request))
    duties = [
        (duty, trait_labels(duty.traits))
        for duty in town_duties(town=town, active_only=False).order_by("order", "id")
    ]
    return render(request, "duties/catalogue.html", {"town": town, "duties": duties})


@requires(Capability.MANAGE_DUTIES)
@require_http_methods(["GET", "POST"])
def duty_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a duty to the catalogue, or change one."""
    scope = scope_of(request)
    duty = None
    if pk is not None:
        try:
            duty = duty_get(scope=scope, pk=pk)
        except Duty.DoesNotExist:
            raise Http404 from None
    town = duty.town if duty else town_of(request)
    initial = (
        {f: getattr(duty, f) for f in DUTY_FIELDS} | {"version": version_of(duty)} if duty else None
    )
    form = DutyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            duty_save(
                town=town,
                duty=duty,
                data=form.cleaned_data,
                by=account_of(request),
                scope=scope,
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("duties:catalogue")
    return render(request, "duties/duty_form.html", {"form": form, "duty": duty, "town": town})


@requires(Capability.MANAGE_DUTIES)
@require_http_methods(["GET", "POST"])
def town_settings(request: HttpRequest) -> HttpResponse:
    """The traits profiles use and the names of the three chiefs."""
    town = town_of(request)
    current = settings_of(town)
    form = DutySettingsForm(
        request.POST or None, labels=chief_labels(town), initial={"traits": current.traits}
    )
    if request.method == "POST" and form.is_valid():
        try:
            settings_save(
                town=town,
                traits=form.cleaned_data["traits"],
                chief_labels=form.chief_labels(),
                by=account_of(request),
                scope=scope_of(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("duties:settings")
    return render(request, "duties/settings.html", {"form": form, "town": town})


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    """A cadre's profile for the division: skills, traits, experience, ranked wishes."""
    scope = scope_of(request)
    try:
        person = person_get(scope=scope, pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None
    found = CadreProfile.objects.filter(person=person).first()
    wishes = list(found.wishes.order_by("rank")) if found else []
    initial = {
        "skills": found.skills if found else "",
        "traits": found.traits if found else [],
        "experience": found.experience if found else "",
        **{f"wish_{w.rank}": w.duty_id for w in wishes},
    }
    manage = account_of(request).can(Capability.MANAGE_DUTIES)
    allowed_traits = settings_of(person.town).traits or list(Trait.values)
    form = ProfileForm(
        request.POST or None, town=person.town, traits=allowed_traits, initial=initial
    )
    if request.method == "POST":
        if not manage:
            raise Http404
        if form.is_valid():
            try:
                profile_save(
                    person=person,
                    skills=form.cleaned_data["skills"],
                    traits=form.cleaned_data["traits"],
                    experience=form.cleaned_data["experience"],
                    wishes=form.wishes(),
                    by=account_of(request),
                    scope=scope,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                terms = person.cadre_terms.filter(ended_on__isnull=True).first()
                if terms is not None:
                    return redirect("duties:village-detail", pk=terms.village_id)
                return redirect("duties:profile", pk=person.pk)
    return render(
        request,
        "duties/profile.html",
        {
            "person": person,
            "form": form,
            "manage": manage,
            "duties": person_duties(person),
            "village_id": getattr(
                person.cadre_terms.filter(ended_on__isnull=True).first(), "village_id", None
            ),
        },
    )
