from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.spreadsheets.engine import workbook_export


class Command(BaseCommand):
    help = "Export a town's data as an exchange workbook (.xlsx) with full ID numbers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--town", help="town name; may be left out when there is one town")
        parser.add_argument(
            "--masked",
            action="store_true",
            help="mask ID and phone numbers (the file cannot be re-imported)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        towns = OrgUnit.objects.filter(kind=OrgUnit.Kind.TOWN)
        if options["town"]:
            towns = towns.filter(name=options["town"])
        found = list(towns[:2])
        if len(found) != 1:
            raise CommandError(_("Name exactly one existing town with --town."))
        path = Path(options["file"])
        workbook_export(
            path, town=found[0], scope=Scope.unrestricted(), by=None, reveal=not options["masked"]
        )
        self.stdout.write(_("Wrote %(path)s") % {"path": path})
