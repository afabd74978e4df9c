"""Dates as the reader's language writes them (2023年12月31日 in Chinese)."""

import datetime

from django.utils.formats import date_format


def day(value: datetime.date | None) -> str:
    """A date in the active language's DATE_FORMAT; empty for None."""
    return date_format(value, "DATE_FORMAT") if value else ""
