import datetime
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.core.models import OrgUnit
from qunyan.reports.narrative import build_report
from qunyan.reports.render import report_docx, report_pdf


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("%(value)s is not a date (YYYY-MM-DD).") % {"value": text}) from None


class Command(BaseCommand):
    help = "Write a town's year report for a period as .docx or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--town", help="town name; may be left out when there is one town")
        parser.add_argument("--from", dest="period_from", required=True)
        parser.add_argument("--to", dest="period_to", required=True)
        parser.add_argument("--format", choices=("docx", "pdf"), default="docx")
        parser.add_argument("-o", "--output", required=True, help="file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        towns = OrgUnit.objects.filter(kind=OrgUnit.Kind.TOWN)
        if options["town"]:
            towns = towns.filter(name=options["town"])
        found = list(towns[:2])
        if not found:
            raise CommandError(_("No such town."))
        if len(found) > 1:
            raise CommandError(_("Several towns match; name one with --town."))
        period_from, period_to = _date(options["period_from"]), _date(options["period_to"])
        if period_to < period_from:
            raise CommandError(_("The end of the period is before its start."))
        started = time.perf_counter()
        report = build_report(
            town=found[0], period_from=period_from, period_to=period_to, today=timezone.localdate()
        )
        content = report_pdf(report) if options["format"] == "pdf" else report_docx(report)
        Path(options["output"]).write_bytes(content)
        self.stdout.write(
            _("Wrote %(file)s (%(size)d bytes) in %(seconds).1f s.")
            % {
                "file": options["output"],
                "size": len(content),
                "seconds": time.perf_counter() - started,
            }
        )
