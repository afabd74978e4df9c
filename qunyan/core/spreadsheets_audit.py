"""The auditor's export of the audit log as a workbook."""

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .audit import Action, audit_record
from .models import Account, AuditEntry
from .xlsx import safe_row

MAX_ROWS = 100_000


def audit_workbook_response(entries: QuerySet[AuditEntry], *, by: Account) -> HttpResponse:
    """Stream the filtered entries into an .xlsx download and log that the log was exported."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Audit log"))
    sheet.append(
        [
            _("Time"),
            _("Account"),
            _("Address"),
            _("Action"),
            _("Record type"),
            _("Record"),
            _("Description"),
            _("Changes"),
            _("Note"),
        ]
    )
    for entry in entries[:MAX_ROWS].iterator(chunk_size=2000):
        sheet.append(
            safe_row(
                sheet,
                [
                    timezone.localtime(entry.at).replace(tzinfo=None),
                    entry.actor_name,
                    entry.address,
                    entry.get_action_display(),
                    entry.target_type,
                    entry.target_id,
                    entry.target_repr,
                    str(entry.changes) if entry.changes else "",
                    entry.note,
                ],
            )
        )
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="audit-log.xlsx"'
    book.save(response)
    audit_record(action=Action.EXPORT, actor=by, target_repr=_("Audit log"))
    return response
