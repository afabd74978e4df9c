"""The rules of services and mediation cases as plain functions (no ORM, tested on their own)."""

import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext as _

Errors = dict[str, list[str]]

# A day holds 24 hours; a record of more is a typing mistake (minutes typed as hours).
MAX_HOURS = Decimal(24)


def service_errors(
    *, date: datetime.date, hours: Decimal, served_count: int, today: datetime.date
) -> Errors:
    """What is wrong with a service's figures, by field; empty when nothing is."""
    errors: Errors = {}
    if date > today:
        errors["date"] = [_("A service is recorded once it has been given.")]
    if hours <= 0 or hours > MAX_HOURS:
        errors["hours"] = [_("Give the hours spent, more than 0 and at most 24.")]
    if served_count < 1:
        errors["served_count"] = [_("At least one villager was served.")]
    return errors


def case_errors(*, received_on: datetime.date, today: datetime.date) -> Errors:
    if received_on > today:
        return {"received_on": [_("A case is recorded once it has been received.")]}
    return {}


def close_errors(
    *,
    received_on: datetime.date,
    result: str,
    closed_on: datetime.date | None,
    follow_up_on: datetime.date | None,
    today: datetime.date,
) -> Errors:
    """What is wrong with closing a case (its result and dates), by field."""
    errors: Errors = {}
    if not result:
        errors["result"] = [_("Give the result of the mediation.")]
    if closed_on is None:
        errors["closed_on"] = [_("Give the day the case was closed.")]
    elif closed_on < received_on:
        errors["closed_on"] = [_("A case is closed on or after the day it was received.")]
    elif closed_on > today:
        errors["closed_on"] = [_("A case is closed once the mediation has ended.")]
    if follow_up_on is not None and closed_on is not None and follow_up_on < closed_on:
        errors["follow_up_on"] = [_("The follow-up visit is due on or after the closing day.")]
    return errors


def step_errors(*, date: datetime.date, received_on: datetime.date, today: datetime.date) -> Errors:
    if date < received_on:
        return {"date": [_("A step is taken on or after the day the case was received.")]}
    if date > today:
        return {"date": [_("A step is recorded once it has been taken.")]}
    return {}


def is_case_overdue(
    *, received_on: datetime.date, result: str, today: datetime.date, alert_days: int
) -> bool:
    """An open case stands out once it has been open longer than the set number of days."""
    return not result and (today - received_on).days > alert_days


def overdue_received_before(*, today: datetime.date, alert_days: int) -> datetime.date:
    """Open cases received before this day are overdue (the same rule, as a query bound)."""
    return today - datetime.timedelta(days=alert_days)


_PHONE = re.compile(r"(\+?\d[\d\- ]{5,}\d)")


def parse_parties(text: str) -> list[tuple[str, str]]:
    """Parties typed one per line, "name phone" or just "name": [(name, phone), …]."""
    parties = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        match = _PHONE.search(line)
        phone = match.group(1).replace(" ", "") if match else ""
        name = (line[: match.start()] + line[match.end() :]).strip(" ,，;；、") if match else line
        if name:
            parties.append((name[:50], phone))
    return parties
