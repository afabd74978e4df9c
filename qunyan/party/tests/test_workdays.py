"""Working days of the Chinese calendar, as the publicity rule counts them."""

import datetime

from qunyan.party.workdays import is_working_day, working_days

D = datetime.date


def test_national_day_2026_is_a_week_off_with_make_up_days_around_it() -> None:
    """1–7 Oct 2026 are off; Sunday 20 Sep and Saturday 10 Oct are worked."""
    assert not any(is_working_day(D(2026, 10, day)) for day in range(1, 8))
    assert is_working_day(D(2026, 9, 20)) and is_working_day(D(2026, 10, 10))
    assert not is_working_day(D(2026, 10, 11))


def test_working_days_include_both_ends() -> None:
    """Monday to Friday of an ordinary week is five; a single day is one; backwards is none."""
    assert working_days(D(2026, 11, 16), D(2026, 11, 20)) == 5
    assert working_days(D(2026, 11, 16), D(2026, 11, 16)) == 1
    assert working_days(D(2026, 11, 20), D(2026, 11, 16)) == 0


def test_a_year_the_calendar_does_not_cover_counts_weekdays_less_fixed_holidays() -> None:
    """Beyond the library's data: New Year's Day is off, the next weekdays count."""
    assert not is_working_day(D(2099, 1, 1))
    assert working_days(D(2099, 1, 1), D(2099, 1, 9)) == 6  # Fri 2 … Fri 9, less the weekend
