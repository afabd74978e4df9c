from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.reports.views import dashboard, report_towns

from .access import account_of, requires, scope_of
from .forms import (
    AccountForm,
    AccountRoleForm,
    AuditFilterForm,
    LoginForm,
    UnitForm,
    add_service_errors,
)
from .models import Account, OrgUnit
from .pagination import keyset_page
from .roles import Capability, Role
from .selectors import audit_entries, unit_get, villages_of
from .services import (
    account_create,
    account_unlock,
    account_update,
    orgunit_create,
    orgunit_update,
)
from .spreadsheets_audit import audit_workbook_response


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def home(request: HttpRequest) -> HttpResponse:
    """The town dashboard for town and county roles; the audit log or accounts for the separated
    roles; a village secretary's own registry (a town's figures are not theirs to read)."""
    if not request.user.is_authenticated:
        return redirect("core:login")
    user = request.user
    if user.can(Capability.VIEW_AUDIT):
        return redirect("core:audit-list")
    if user.can(Capability.MANAGE_ACCOUNTS) or user.can(Capability.MANAGE_ROLES):
        return redirect("core:account-list")
    scope = scope_of(request)
    if not report_towns(scope) and scope.towns().exists():
        return redirect("people:person-list")
    return dashboard(request)


@requires(Capability.VIEW_PEOPLE)
def unit_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    towns = list(scope.towns().order_by("name"))
    town = next(
        (t for t in towns if str(t.pk) == request.GET.get("town")), towns[0] if towns else None
    )
    villages = villages_of(scope=scope, town=town) if town else []
    return render(
        request, "core/unit_list.html", {"towns": towns, "town": town, "villages": villages}
    )


@requires(Capability.CHANGE_UNITS)
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    scope = scope_of(request)
    unit = None
    if pk is not None:
        try:
            unit = unit_get(scope=scope, pk=pk)
        except OrgUnit.DoesNotExist:
            raise Http404 from None
    towns = list(scope.towns())
    initial = {"name": unit.name, "kind": unit.kind} if unit else {}
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if unit is None:
                if not towns:
                    raise Http404
                orgunit_create(
                    parent=towns[0],
                    by=account_of(request),
                    scope=scope,
                    **form.cleaned_data,
                )
                messages.success(request, _("The unit was created."))
            else:
                orgunit_update(
                    unit=unit,
                    by=account_of(request),
                    scope=scope,
                    **form.cleaned_data,
                )
                messages.success(request, _("The unit was saved."))
            return redirect("core:unit-list")
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "core/unit_form.html", {"form": form, "unit": unit})


@requires(Capability.VIEW_AUDIT)
def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(**filters)
    if request.GET.get("format") == "xlsx":
        return audit_workbook_response(entries, by=account_of(request))
    # Newest first by (at, id), page by page from a cursor: the log grows without bound.
    page = keyset_page(
        entries.select_related("actor"),
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        size=50,
    )
    return render(request, "core/audit_list.html", {"form": form, "page": page})


def _can_manage(user: Account) -> bool:
    return user.can(Capability.MANAGE_ACCOUNTS) or user.can(Capability.MANAGE_ROLES)


@requires()
def account_list(request: HttpRequest) -> HttpResponse:
    if not _can_manage(account_of(request)):
        raise PermissionDenied
    accounts = Account.objects.select_related("unit").order_by("username")
    page = Paginator(accounts, 50).get_page(request.GET.get("page"))
    return render(request, "core/account_list.html", {"page": page, "roles": Role})


@requires(Capability.MANAGE_ACCOUNTS)
@require_http_methods(["GET", "POST"])
def account_create_view(request: HttpRequest) -> HttpResponse:
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_create(by=account_of(request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The account was created."))
            return redirect("core:account-list")
    return render(request, "core/account_form.html", {"form": form})


@requires(Capability.MANAGE_ROLES)
@require_http_methods(["GET", "POST"])
def account_role_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The security admin assigns roles and units (the system admin only creates accounts)."""
    account = get_object_or_404(Account, pk=pk)
    form = AccountRoleForm(
        request.POST or None,
        initial={"role": account.role, "unit": account.unit, "is_active": account.is_active},
    )
    if request.method == "POST" and form.is_valid():
        try:
            account_update(account=account, by=account_of(request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The account was saved."))
            return redirect("core:account-list")
    return render(request, "core/account_role_form.html", {"form": form, "account": account})


@requires(Capability.MANAGE_ROLES)
@require_POST
def account_unlock_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(Account, pk=pk)
    account_unlock(account=account, by=account_of(request))
    messages.success(request, _("The account was unlocked."))
    return redirect("core:account-list")
