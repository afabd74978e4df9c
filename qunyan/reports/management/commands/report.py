import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.reports.commands import add_town_and_period, town_and_period
from qunyan.reports.narrative import build_report
from qunyan.reports.render import report_docx, report_pdf


class Command(BaseCommand):
    help = "Write a town's year report for a period as .docx or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        add_town_and_period(parser)
        parser.add_argument("--format", choices=("docx", "pdf"), default="docx")
        parser.add_argument("-o", "--output", required=True, help="file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        town, period_from, period_to = town_and_period(options)
        started = time.perf_counter()
        report = build_report(
            town=town, period_from=period_from, period_to=period_to, today=timezone.localdate()
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
