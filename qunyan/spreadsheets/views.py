import datetime

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_tasks import TaskResultStatus

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.roles import Capability
from qunyan.core.tasks import workbook_import_task

from .engine import workbook_export, workbook_import
from .forms import ExportForm, WorkbookUploadForm
from .uploads import upload_discard, upload_keep, upload_path

SESSION_KEY = "qunyan_pending_import"


@requires(Capability.IMPORT)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a workbook and see, before anything is written, what it would change."""
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = upload_keep(upload)
        path = upload_path(token)
        assert path is not None
        report = workbook_import(
            path,
            scope=scope_of(request),
            by=account_of(request),
            dry_run=True,
            file_name=upload.name,
        )
        if report.ok:
            request.session[SESSION_KEY] = {"token": token, "name": upload.name}
        else:
            upload_discard(token)
        return render(
            request,
            "spreadsheets/import_preview.html",
            {"report": report, "file_name": upload.name},
        )
    return render(request, "spreadsheets/import_upload.html", {"form": form})


@requires(Capability.IMPORT)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Write the previewed workbook; it is checked again, all-or-nothing."""
    pending = request.session.pop(SESSION_KEY, None)
    path = upload_path(pending["token"]) if pending else None
    if pending is None or path is None:
        messages.error(request, _("The uploaded file has expired; upload it again."))
        return redirect("spreadsheets:import")
    if settings.QUNYAN_BACKGROUND_IMPORT:
        # Large imports run in the worker (qunyan.core.tasks); the audit log records the outcome.
        result = workbook_import_task.enqueue(
            token=pending["token"], file_name=pending["name"], account_id=account_of(request).pk
        )
        names = {"name": pending["name"]}
        if not result.is_finished:
            messages.info(
                request,
                _("%(name)s is being imported in the background; the changes appear when done.")
                % names,
            )
        elif result.status == TaskResultStatus.SUCCESSFUL and (result.return_value or {})["ok"]:
            messages.success(request, _("%(name)s was imported.") % names)
        else:
            messages.error(request, _("%(name)s was not imported; upload it again.") % names)
        return redirect("spreadsheets:import")
    report = workbook_import(
        path,
        scope=scope_of(request),
        by=account_of(request),
        file_name=pending["name"],
    )
    upload_discard(pending["token"])
    return render(
        request,
        "spreadsheets/import_preview.html",
        {"report": report, "file_name": pending["name"]},
    )


@requires(Capability.EXPORT)
@require_http_methods(["GET", "POST"])
def export_download(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    user = account_of(request)
    towns = scope.towns().order_by("name")
    form = ExportForm(request.POST or None, towns=towns, may_reveal=user.can(Capability.REVEAL))
    if request.method == "POST" and form.is_valid():
        town = form.cleaned_data["town"]
        reveal = bool(form.cleaned_data.get("reveal")) and user.can(Capability.REVEAL)
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        file_name = f"{town.name}-{datetime.date.today():%Y%m%d}.xlsx"
        response["Content-Disposition"] = (
            f"attachment; filename=\"qunyan.xlsx\"; filename*=UTF-8''{_quote(file_name)}"
        )
        workbook_export(response, town=town, scope=scope, by=user, reveal=reveal)
        return response
    return render(request, "spreadsheets/export.html", {"form": form})


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)
