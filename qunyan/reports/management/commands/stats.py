import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from qunyan.core.models import OrgUnit
from qunyan.reports.commands import add_town_and_period, parse_date, period, town_and_period
from qunyan.reports.selectors import statistics_by_town


class Command(BaseCommand):
    help = "Print a town's statistics for a period (the exchange contract's JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_town_and_period(parser)
        parser.add_argument("--as-of", dest="as_of")
        parser.add_argument("--json", action="store_true", help="print JSON (the default)")
        parser.add_argument(
            "--all-towns",
            action="store_true",
            help="every town of the database at once: a JSON list of the towns' objects by name",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all_towns"]:
            towns = list(OrgUnit.objects.filter(kind=OrgUnit.Kind.TOWN).order_by("name", "pk"))
            period_from, period_to = period(options)
        else:
            town, period_from, period_to = town_and_period(options)
            towns = [town]
        as_of = parse_date(options["as_of"]) if options["as_of"] else period_to
        by_town = statistics_by_town(
            towns, period_from=period_from, period_to=period_to, as_of=as_of
        )
        stats: Any = [by_town[town.pk] for town in towns]
        if not options["all_towns"]:
            stats = stats[0]
        self.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2))
