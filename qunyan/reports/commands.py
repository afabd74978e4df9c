"""What `qunyan stats` and `qunyan report` share: a town and a period from the command line."""

import datetime
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from qunyan.core.models import OrgUnit


def add_town_and_period(parser: CommandParser) -> None:
    parser.add_argument("--town", help="town name; may be left out when there is one town")
    parser.add_argument("--from", dest="period_from", required=True)
    parser.add_argument("--to", dest="period_to", required=True)


def parse_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("%(value)s is not a date (YYYY-MM-DD).") % {"value": text}) from None


def town_and_period(options: dict[str, Any]) -> tuple[OrgUnit, datetime.date, datetime.date]:
    """The one town named (or the only one) and the period, or a CommandError saying what is off."""
    towns = OrgUnit.objects.filter(kind=OrgUnit.Kind.TOWN)
    if options["town"]:
        towns = towns.filter(name=options["town"])
    found = list(towns[:2])
    if not found:
        raise CommandError(_("No such town."))
    if len(found) > 1:
        raise CommandError(_("Several towns match; name one with --town."))
    return found[0], *period(options)


def period(options: dict[str, Any]) -> tuple[datetime.date, datetime.date]:
    """The period from the command line, or a CommandError saying what is off."""
    period_from, period_to = parse_date(options["period_from"]), parse_date(options["period_to"])
    if period_to < period_from:
        raise CommandError(_("The end of the period is before its start."))
    return period_from, period_to
