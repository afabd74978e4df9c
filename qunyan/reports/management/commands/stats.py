import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from qunyan.reports.commands import add_town_and_period, parse_date, town_and_period
from qunyan.reports.selectors import town_statistics


class Command(BaseCommand):
    help = "Print a town's statistics for a period (the exchange contract's JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_town_and_period(parser)
        parser.add_argument("--as-of", dest="as_of")
        parser.add_argument("--json", action="store_true", help="print JSON (the default)")

    def handle(self, *args: Any, **options: Any) -> None:
        town, period_from, period_to = town_and_period(options)
        as_of = parse_date(options["as_of"]) if options["as_of"] else period_to
        stats = town_statistics(
            town=town, period_from=period_from, period_to=period_to, as_of=as_of
        )
        self.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2))
