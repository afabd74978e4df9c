from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.audit import Action, audit_record
from qunyan.core.forms import add_service_errors
from qunyan.core.models import AuditEntry
from qunyan.core.pagination import keyset_page
from qunyan.core.roles import Capability
from qunyan.core.versions import version_of

from .forms import PersonFilterForm, PersonForm
from .models import Person
from .sections import person_sections
from .selectors import mark_reserves, person_get, person_list
from .services import PersonData, person_save

PAGE_SIZE = 50


@requires(Capability.VIEW_PEOPLE)
def person_list_view(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = PersonFilterForm(request.GET or None, scope=scope)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    people = person_list(scope=scope, **filters)
    # Keyset pages on the active sort (pinyin by default): no OFFSET, no full COUNT.
    page = keyset_page(
        people, after=request.GET.get("after"), before=request.GET.get("before"), size=PAGE_SIZE
    )
    mark_reserves(page.object_list)
    query = request.GET.copy()
    for key in ("page", "after", "before"):
        query.pop(key, None)
    template = "people/_person_rows.html" if request.htmx else "people/person_list.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "sort": filters.get("sort", "name"),
        },
    )


def _person_or_404(request: HttpRequest, pk: int) -> Person:
    try:
        return person_get(scope=scope_of(request), pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


@requires(Capability.VIEW_PEOPLE)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    return render(request, "people/person_detail.html", _detail_context(person))


def _detail_context(person: Person, *, revealed: bool = False) -> dict[str, Any]:
    return {
        "person": person,
        "revealed": revealed,
        "sections": person_sections(person),
        "history": AuditEntry.objects.filter(
            target_type=Person._meta.label, target_id=str(person.pk)
        ).order_by("-at")[:50],
    }


@requires(Capability.VIEW_PEOPLE, Capability.REVEAL)
@require_POST
def person_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the full ID and phone numbers once, and log who saw them."""
    person = _person_or_404(request, pk)
    audit_record(
        action=Action.REVEAL,
        actor=account_of(request),
        target=person,
        target_repr=f"{person.name} {person.masked_id_number}",
    )
    return render(request, "people/person_detail.html", _detail_context(person, revealed=True))


@requires(Capability.CHANGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    scope = scope_of(request)
    person = _person_or_404(request, pk) if pk is not None else None
    initial: dict[str, Any] = {}
    if person is not None:
        initial = {
            name: getattr(person, name)
            for name in (
                "name",
                "gender",
                "ethnicity",
                "birth_date",
                "education",
                "political_status",
                "skills",
                "unit",
            )
        } | {"version": version_of(person)}
    form = PersonForm(
        request.POST or None, initial=initial, scope=scope, editing=person is not None
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        version = values.pop("version")
        if person is not None:
            values["id_number"] = values["id_number"] or person.id_number
            values["phone"] = values["phone"] or person.phone
        user = account_of(request)
        try:
            saved = person_save(
                data=PersonData(**values), by=user, scope=scope, person=person, version=version
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(saved)
    return render(request, "people/person_form.html", {"form": form, "person": person})
