"""Service records: the list, the phone form, the record's page."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.forms import add_service_errors
from qunyan.core.models import OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.core.versions import version_of

from .attachments import attachment_add
from .forms import ServiceFilterForm, ServiceForm
from .models import ServiceCategory, ServiceRecord
from .selectors import categories_of, service_get, service_list, villages_in
from .services import service_delete, service_save


def categories_in(scope: Scope, *, active_only: bool = False) -> QuerySet[ServiceCategory]:
    """The category lists of the towns the account works in."""
    pks: list[int] = []
    for town in scope.towns():
        pks.extend(categories_of(town=town, active_only=active_only).values_list("pk", flat=True))
    return ServiceCategory.objects.filter(pk__in=pks).select_related("town")


def chosen_village(request: HttpRequest, scope: Scope, obj: Any = None) -> OrgUnit | None:
    """The village a form works on: posted, asked for (?village=), the record's, or None."""
    wanted = request.POST.get("village") or request.GET.get("village")
    if wanted and wanted.isdigit():
        return villages_in(scope=scope).filter(pk=int(wanted)).first()
    return obj.village if obj is not None else None


@requires(Capability.VIEW_PEOPLE)
def service_list_view(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = ServiceFilterForm(request.GET or None, scope=scope, categories=categories_in(scope))
    records = service_list(scope=scope, **form.filters())
    page = Paginator(records, 30).get_page(request.GET.get("page"))
    return render(request, "casework/service_list.html", {"form": form, "page": page})


def _record_or_404(request: HttpRequest, pk: int) -> ServiceRecord:
    try:
        return service_get(scope=scope_of(request), pk=pk)
    except ServiceRecord.DoesNotExist:
        raise Http404 from None


@requires(Capability.RECORD_SERVICE)
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    scope = scope_of(request)
    record = _record_or_404(request, pk) if pk else None
    initial: dict[str, Any] = {}
    if record is not None:
        initial = {
            name: getattr(record, name)
            for name in ("date", "summary", "place", "served_count", "hours")
        }
        initial.update(
            category=record.category_id,
            group=record.group_id,
            servers=list(record.servers.values_list("pk", flat=True)),
            version=version_of(record),
        )
    form = ServiceForm(
        request.POST or None,
        request.FILES or None,
        scope=scope,
        village=chosen_village(request, scope, record),
        categories=categories_in(scope, active_only=record is None),
        initial=initial,
    )
    if record is not None:
        del form.fields["photo"]  # more files go through the record's attachments
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = service_save(
                    data=form.service_data(),
                    servers=list(form.cleaned_data["servers"]),
                    by=account_of(request),
                    scope=scope,
                    record=record,
                    version=form.cleaned_data["version"],
                )
                photo = form.cleaned_data.get("photo")
                if photo:
                    _attach_photo(request, form, saved, photo)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The service was recorded.") if record is None else _("Saved.")
            )
            return redirect(saved)
    return render(request, "casework/service_form.html", {"form": form, "record": record})


def _attach_photo(
    request: HttpRequest, form: ServiceForm, record: ServiceRecord, photo: Any
) -> None:
    try:
        attachment_add(
            label=ServiceRecord._meta.label_lower,
            pk=record.pk,
            upload=photo,
            name=photo.name,
            size=photo.size,
            by=account_of(request),
            scope=scope_of(request),
        )
    except ValidationError as exc:
        raise ValidationError({"photo": exc.messages}) from None


@requires(Capability.VIEW_PEOPLE)
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record_or_404(request, pk)
    return render(request, "casework/service_detail.html", {"record": record})


@requires(Capability.RECORD_SERVICE)
@require_POST
def service_remove(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record_or_404(request, pk)
    service_delete(record=record, by=account_of(request), scope=scope_of(request))
    messages.success(request, _("The service record was deleted."))
    return redirect("casework:service-list")
