from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from qunyan.core.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = "Verify a backup and put it in place of the database (stop the app servers first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a file written by `qunyan backup`")
        parser.add_argument("--verify-only", action="store_true", help="only check the file")
        parser.add_argument("--yes", action="store_true", help="do not ask before replacing")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"])
        try:
            if options["verify_only"]:
                verified = verify(source)
                self.stdout.write(
                    _("The backup is sound: %(tables)d tables.") % {"tables": verified.tables}
                )
                return
            if not options["yes"] and input(
                _("Replace the whole database with %(file)s? [y/N] ") % {"file": source}
            ).strip().lower() not in {"y", "yes"}:
                raise CommandError(_("Nothing was changed."))
            verified = restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Restored from %(file)s: %(tables)d tables.")
            % {"file": source, "tables": verified.tables}
        )
