import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from qunyan.core.models import OrgUnit
from qunyan.reports.selectors import town_statistics


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("%(value)s is not a date (YYYY-MM-DD).") % {"value": text}) from None


class Command(BaseCommand):
    help = "Print a town's statistics for a period (the exchange contract's JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--town", help="town name; may be left out when there is one town")
        parser.add_argument("--from", dest="period_from", required=True)
        parser.add_argument("--to", dest="period_to", required=True)
        parser.add_argument("--as-of", dest="as_of")
        parser.add_argument("--json", action="store_true", help="print JSON (the default)")

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
        as_of = _date(options["as_of"]) if options["as_of"] else period_to
        stats = town_statistics(
            town=found[0], period_from=period_from, period_to=period_to, as_of=as_of
        )
        self.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2))
