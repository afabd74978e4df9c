"""Background work: long jobs queued through Django's tasks framework (django_tasks).

A province-wide import or a year report can take longer than a browser (or nginx) waits. These
tasks run the same services in the worker process (`manage.py db_worker` in production; the
immediate backend runs them inline in development and tests). Arguments and results are plain
JSON: ids, tokens, ISO dates — a task may run on another machine, long after it was queued.
"""

import datetime
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .audit import Action, audit_record
from .models import Account, OrgUnit
from .scopes import Scope

# Errors beyond this many are counted, not listed (the full list is in the web preview).
_MAX_LISTED_ERRORS = 50


def import_summary(report: Any) -> dict[str, Any]:
    """What a finished import tells whoever queued it (JSON, for the task result)."""
    return {
        "ok": report.ok,
        "committed": report.committed,
        "sheets": {name: asdict(counts) for name, counts in report.sheets.items()},
        "errors": [str(issue) for issue in report.errors[:_MAX_LISTED_ERRORS]],
        "error_count": len(report.errors),
        "warning_count": len(report.warnings),
    }


@task()
def workbook_import_task(*, token: str, file_name: str, account_id: int) -> dict[str, Any]:
    """Import a stored upload (spreadsheets.uploads) as the account that confirmed it."""
    from qunyan.spreadsheets.engine import workbook_import
    from qunyan.spreadsheets.uploads import upload_discard, upload_path

    account = Account.objects.get(pk=account_id)
    path = upload_path(token)
    if path is None:
        message = _("The uploaded file has expired; upload it again.")
        return {"ok": False, "committed": False, "sheets": {}, "errors": [message],
                "error_count": 1, "warning_count": 0}  # fmt: skip
    try:
        # The account's scope as it is now, not as it was when the job was queued.
        report = workbook_import(
            path, scope=Scope.for_account(account), by=account, file_name=file_name
        )
    finally:
        upload_discard(token)
    return import_summary(report)


@task()
def year_report_task(
    *, town_id: int, period_from: str, period_to: str, kind: str, account_id: int
) -> str:
    """Render a town's year report (docx or pdf) to QUNYAN_REPORT_DIR; returns the file name."""
    from qunyan.reports.narrative import build_report
    from qunyan.reports.render import report_docx, report_pdf
    from qunyan.reports.views import report_towns

    if kind not in ("docx", "pdf"):
        raise ValueError(f"unknown report kind {kind!r}")
    account = Account.objects.get(pk=account_id)
    # Only a town the account may read (the same rule as the download page).
    towns = {town.pk: town for town in report_towns(Scope.for_account(account))}
    town: OrgUnit = towns[town_id]
    start = datetime.date.fromisoformat(period_from)
    end = datetime.date.fromisoformat(period_to)
    document = build_report(town=town, period_from=start, period_to=end, today=timezone.localdate())
    content = report_pdf(document) if kind == "pdf" else report_docx(document)
    folder = Path(settings.QUNYAN_REPORT_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"report-{town.pk}-{start:%Y%m%d}-{end:%Y%m%d}.{kind}"
    (folder / name).write_bytes(content)
    audit_record(
        action=Action.EXPORT,
        actor=account,
        target=town,
        note=_("Year report %(start)s – %(end)s") % {"start": start, "end": end},
    )
    return name
