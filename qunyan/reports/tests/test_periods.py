"""Full years of age (周岁) and the birth-date bounds statistics filter on."""

import datetime

import pytest

from qunyan.reports.periods import age_on, born_after_for_age_at_most, years_before

D = datetime.date


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (D(1988, 1, 1), D(2023, 12, 31), 35),
        (D(1988, 1, 1), D(2024, 1, 1), 36),
        (D(1988, 2, 29), D(2024, 2, 28), 35),
        (D(1988, 2, 29), D(2024, 2, 29), 36),
        (D(1988, 2, 29), D(2023, 2, 28), 34),
        (D(1988, 2, 29), D(2023, 3, 1), 35),
        (D(2000, 6, 15), D(2000, 6, 15), 0),
    ],
)
def test_age_is_full_years_on_the_day(birth, on, age):
    """周岁: the birthday itself adds the year; 29 February people add it on 1 March."""
    assert age_on(birth, on) == age


def test_years_before_keeps_the_calendar_day():
    """The same day some years earlier."""
    assert years_before(D(2023, 12, 31), 36) == D(1987, 12, 31)


def test_years_before_29_february_falls_back_to_the_28th():
    """29 February minus a number of years that lands on a common year is 28 February."""
    assert years_before(D(2024, 2, 29), 1) == D(2023, 2, 28)
    assert years_before(D(2024, 2, 29), 4) == D(2020, 2, 29)


@pytest.mark.parametrize(
    "on",
    [D(2023, 12, 31), D(2024, 2, 28), D(2024, 2, 29), D(2024, 3, 1), D(2025, 2, 28), D(2025, 3, 1)],
)
@pytest.mark.parametrize("age", [35, 40, 41])
def test_the_birth_bound_agrees_with_age_on(on, age):
    """Born strictly after the bound ⇔ at most `age` full years on the day, around every edge."""
    bound = born_after_for_age_at_most(age, on)
    for birth in (
        bound - datetime.timedelta(days=1),
        bound,
        bound + datetime.timedelta(days=1),
        D(on.year - age - 1, 2, 28),
        D(on.year - age - 1, 3, 1),
    ):
        assert (birth > bound) == (age_on(birth, on) <= age), (birth, on, age)
    leap_births = [D(y, 2, 29) for y in range(on.year - age - 2, on.year - age + 1) if y % 4 == 0]
    for birth in leap_births:
        assert (birth > bound) == (age_on(birth, on) <= age), (birth, on, age)
