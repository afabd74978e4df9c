"""The commendations register (表彰奖励): list, add, edit, delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.forms import add_service_errors
from qunyan.core.models import VILLAGE_KINDS
from qunyan.core.roles import Capability
from qunyan.core.versions import version_of
from qunyan.people.models import Person
from qunyan.people.selectors import person_by_id_number, person_get

from ..forms import CommendationForm
from ..models import Commendation
from ..selectors import commendation_list
from ..services import commendation_delete, commendation_save


@requires(Capability.VIEW_PEOPLE)
def commendations(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() else None
    honours = commendation_list(scope=scope_of(request), year=year)
    page = Paginator(honours, 50).get_page(request.GET.get("page"))
    return render(request, "evaluation/commendations.html", {"page": page, "year": year})


def _honour(request: HttpRequest, pk: int) -> Commendation:
    honour = commendation_list(scope=scope_of(request)).filter(pk=pk).first()
    if honour is None:
        raise Http404
    return honour


@requires(Capability.MANAGE_EVALUATION)
@require_http_methods(["GET", "POST"])
def commendation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    scope, user = scope_of(request), account_of(request)
    honour = _honour(request, pk) if pk is not None else None
    villages = scope.units().filter(kind__in=VILLAGE_KINDS).order_by("path")
    initial: dict[str, object] = {}
    person: Person | None = None
    if honour is not None:
        initial = {
            "id_number": honour.person.masked_id_number if honour.person else "",
            "village": honour.village,
            "year": honour.year,
            "title": honour.title,
            "authority": honour.authority,
            "version": version_of(honour),
        }
        person = honour.person
    elif request.GET.get("person", "").isdigit():
        try:
            person = person_get(scope=scope, pk=int(request.GET["person"]))
        except Person.DoesNotExist:
            raise Http404 from None
        initial = {"id_number": person.masked_id_number}
    form = CommendationForm(request.POST or None, initial=initial, villages=villages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        typed = data["id_number"].strip()
        if typed and (person is None or typed != person.masked_id_number):
            person = person_by_id_number(scope=scope, text=typed)
            if person is None:
                form.add_error("id_number", _("No person in your area has this ID number."))
        elif not typed:
            person = None
        if not form.errors:
            try:
                saved = commendation_save(
                    commendation=honour,
                    person=person,
                    village=data["village"] if person is None else None,
                    year=data["year"],
                    title=data["title"],
                    authority=data["authority"],
                    by=user,
                    scope=scope,
                    version=data["version"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Commendation saved."))
                if saved.person is not None:
                    return redirect(saved.person.get_absolute_url())
                return redirect("evaluation:commendations")
    return render(
        request,
        "evaluation/commendation_form.html",
        {"form": form, "honour": honour, "person": person},
    )


@requires(Capability.MANAGE_EVALUATION)
@require_POST
def commendation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    honour = _honour(request, pk)
    commendation_delete(commendation=honour, by=account_of(request), scope=scope_of(request))
    messages.success(request, _("Commendation deleted."))
    return redirect("evaluation:commendations")
