from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qunyan.core.scopes import Scope
from qunyan.spreadsheets.engine import workbook_import
from qunyan.spreadsheets.reporting import report_lines


class Command(BaseCommand):
    help = "Import an exchange workbook (.xlsx), all-or-nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and show what would change, write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        report = workbook_import(
            path,
            scope=Scope.unrestricted(),
            by=None,
            dry_run=options["dry_run"],
            file_name=path.name,
        )
        for line in report_lines(report):
            self.stdout.write(line)
        if not report.ok:
            count = len(report.errors)
            raise CommandError(
                ngettext(
                    "Nothing was imported: %(n)d error.",
                    "Nothing was imported: %(n)d errors.",
                    count,
                )
                % {"n": count}
            )
