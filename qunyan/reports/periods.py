"""Dates for statistics: full years of age (周岁) as a birth-date bound, so ages filter in SQL."""

import datetime


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
