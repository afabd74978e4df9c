"""Chinese working days (工作日): public holidays and make-up working days as the State Council sets them.

The calendar comes from `chinese_calendar`, a maintained library updated each year when the
holiday arrangement is published (usually in November for the next year). For a year it does
not cover yet, weekdays count except the fixed-date statutory holidays, so a publicity is never
shorter than the rule because of a missing calendar; upgrading the library brings the exact days.
"""

import datetime

import chinese_calendar

# Statutory holidays with a fixed date (元旦, 劳动节, 国庆节); the lunar ones move every year.
_FIXED_HOLIDAYS = {(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)}


def is_working_day(day: datetime.date) -> bool:
    """A day people work: weekdays that are not holidays, and the make-up Saturdays and Sundays."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # a year the installed calendar does not cover yet
        return day.weekday() < 5 and (day.month, day.day) not in _FIXED_HOLIDAYS


def working_days(first: datetime.date, last: datetime.date) -> int:
    """Working days from `first` to `last`, both included (0 when `last` is before `first`)."""
    count = 0
    day = first
    while day <= last:
        count += is_working_day(day)
        day += datetime.timedelta(days=1)
    return count
