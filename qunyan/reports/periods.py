"""Dates for statistics: full years of age (周岁) as a birth-date bound, so ages filter in SQL."""

import datetime
from typing import Any


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def born_after_for_age_at_most(age: int, on: datetime.date) -> datetime.date:
    """People born strictly after this date are at most `age` full years old on `on`."""
    return years_before(on, age + 1)


def age_on(birth: datetime.date, on: datetime.date) -> int:
    """Full years (周岁) on a day."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The three full years ending last year (近三年), the article's span."""
    last = today.year - 1
    return datetime.date(last - 2, 1, 1), datetime.date(last, 12, 31)


def period_of(query: Any, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """`?from=&to=` when both are dates in order, else the default period."""
    try:
        start = datetime.date.fromisoformat(query.get("from", "") or "")
        end = datetime.date.fromisoformat(query.get("to", "") or "")
    except ValueError:
        return default_period(today)
    return (start, end) if start <= end else default_period(today)


def span_words(start: datetime.date, end: datetime.date, today: datetime.date) -> str:
    """The article's way of naming a period: 近三年来 (whole years up to last year), 2023年 …"""
    whole_years = start == datetime.date(start.year, 1, 1) and end == datetime.date(
        end.year, 12, 31
    )
    if whole_years:
        years = end.year - start.year + 1
        if years == 1:
            return f"{start.year}年"
        if 2 <= years <= 5 and end.year >= today.year - 1:
            return f"近{'零一两三四五'[years]}年来"
        return f"{start.year}年至{end.year}年"
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"
