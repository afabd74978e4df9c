"""Attachments of any registered record: upload, the scope-checked file, removal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.roles import Capability

from .attachments import attachment_add, attachment_delete, attachment_get, file_of, record_in_scope
from .forms import AttachmentForm
from .models import Attachment


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return redirect(wanted)
    return redirect(fallback)


@requires(Capability.VIEW_PEOPLE)
@require_POST
def attachment_upload(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    scope = scope_of(request)
    try:
        _entry, record = record_in_scope(label=label, pk=pk, scope=scope)
    except LookupError:
        raise Http404 from None
    fallback = record.get_absolute_url() if hasattr(record, "get_absolute_url") else "/"
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a photo or a PDF file."))
        return _back(request, fallback)
    upload = form.cleaned_data["file"]
    try:
        attachment_add(
            label=label,
            pk=pk,
            upload=upload,
            name=upload.name,
            size=upload.size,
            caption=form.cleaned_data["caption"],
            by=account_of(request),
            scope=scope,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The file was attached."))
    return _back(request, fallback)


def _attachment_or_404(request: HttpRequest, pk: int) -> Attachment:
    try:
        return attachment_get(scope=scope_of(request), pk=pk)
    except Attachment.DoesNotExist:
        raise Http404 from None


# A streamed file is no HttpResponse subclass, which `requires` is typed for.
@requires(Capability.VIEW_PEOPLE)  # type: ignore[type-var]
@require_GET
def attachment_file(request: HttpRequest, pk: int) -> FileResponse:
    """The stored file, for accounts that see the record (anyone else gets a 404)."""
    attachment = _attachment_or_404(request, pk)
    path = file_of(attachment)
    if not path.is_file():
        raise Http404
    response = FileResponse(
        path.open("rb"),
        content_type=attachment.content_type_text,
        as_attachment=request.GET.get("download") == "1",
        filename=attachment.original_name,
    )
    # Private data: never kept by shared caches, never sniffed into something runnable.
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires(Capability.VIEW_PEOPLE)
@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment_or_404(request, pk)
    record = attachment.record
    fallback = getattr(record, "get_absolute_url", lambda: "/")()
    try:
        attachment_delete(attachment=attachment, by=account_of(request), scope=scope_of(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The file was removed."))
    return _back(request, fallback)
