from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_is_needed, demo_load


class Command(BaseCommand):
    help = "Load the demo town 羊角塘镇 into an empty database and print the demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (but print the accounts) when data already exists",
        )
        parser.add_argument("--year", type=int, help="the report year (default: last year)")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or timezone.localdate().year - 1
        if demo_is_needed():
            report = demo_load(report_year=year)
            for name, counts in report.sheets.items():
                self.stdout.write(f"  {name}: {counts.created}")
            self.stdout.write(
                _("Loaded the demo town for %(from)d–%(to)d.") % {"from": year - 2, "to": year}
            )
        elif not options["if_empty"]:
            raise CommandError(_("The database already holds data; the demo needs an empty one."))
        self.stdout.write(_("Demo accounts (password %(password)s):") % {"password": DEMO_PASSWORD})
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<11} {account.display_name}")
