"""How an import report reads as text (command line) in the user's language."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from .engine import ImportReport


def report_lines(report: ImportReport) -> Iterator[str]:
    for name, counts in report.sheets.items():
        yield _(
            "%(sheet)s: %(rows)d rows, %(created)d new, %(updated)d changed, "
            "%(unchanged)d unchanged"
        ) % {
            "sheet": name,
            "rows": counts.rows,
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
        }
    for warning in report.warnings:
        yield _("Warning: %(issue)s") % {"issue": warning}
    for error in report.errors:
        yield _("Error: %(issue)s") % {"issue": error}
    if report.ok and report.dry_run:
        yield _("Dry run: the workbook is valid; nothing was written.")
    elif report.ok:
        yield _("Imported.")
