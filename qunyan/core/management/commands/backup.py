from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from qunyan.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent online backup of the database to FILE and verify it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", required=True, help="the backup file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            verified = backup(Path(options["output"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Backup written and verified: %(tables)d tables.") % {"tables": verified.tables}
        )
