"""The development rules as plain functions: no database, dates at the edges."""

import datetime

import pytest

from qunyan.party.workflow import (
    Stage,
    StageDates,
    add_years,
    development_violations,
    stage_of,
)

pytestmark = pytest.mark.usefixtures("english")

D = datetime.date
BIRTH = D(2000, 6, 15)
# A record that keeps every rule, each interval as short as allowed.
SHORTEST = StageDates(
    applied_on=D(2018, 6, 15),  # the 18th birthday
    activist_on=D(2018, 9, 1),
    candidate_on=D(2019, 9, 1),  # exactly one year as activist
    admitted_on=D(2019, 12, 1),
    converted_on=D(2020, 12, 1),  # exactly one year of probation
)


def columns(dates: StageDates, birth: datetime.date | None = BIRTH) -> list[str]:
    return [column for column, _message in development_violations(dates, birth_date=birth)]


def test_it_accepts_a_record_whose_intervals_are_as_short_as_allowed() -> None:
    """Eighteen on the day of application, and exactly a year for each waiting period, pass."""
    assert development_violations(SHORTEST, birth_date=BIRTH) == []


def test_it_accepts_a_record_still_in_the_pipeline() -> None:
    """Later stages may be blank: an activist has no candidate date yet."""
    dates = StageDates(applied_on=D(2023, 1, 5), activist_on=D(2023, 3, 1))
    assert development_violations(dates, birth_date=BIRTH) == []


def test_it_rejects_an_applicant_one_day_before_turning_eighteen() -> None:
    """An applicant must be 18 on the application date; the eve of the birthday is too early."""
    dates = StageDates(applied_on=D(2018, 6, 14))
    assert development_violations(dates, birth_date=BIRTH) == [
        ("递交入党申请书日期", "The applicant is under 18 on the application date.")
    ]


def test_it_skips_the_age_rule_when_the_birth_date_is_unknown() -> None:
    """Without a birth date there is nothing to check the application date against."""
    assert columns(StageDates(applied_on=D(2001, 1, 1)), birth=None) == []


def test_it_rejects_a_candidate_one_day_short_of_a_year_as_activist() -> None:
    """A development candidate needs a full year as activist; a year less a day is refused."""
    dates = StageDates(
        applied_on=D(2019, 1, 1), activist_on=D(2019, 9, 1), candidate_on=D(2020, 8, 31)
    )
    assert development_violations(dates, birth_date=BIRTH) == [
        (
            "确定发展对象日期",
            "A development candidate must have been an activist for a full year.",
        )
    ]


def test_it_rejects_conversion_before_a_year_of_probation() -> None:
    """Conversion a day before the first anniversary of admission is refused."""
    dates = StageDates(
        applied_on=SHORTEST.applied_on,
        activist_on=SHORTEST.activist_on,
        candidate_on=SHORTEST.candidate_on,
        admitted_on=D(2019, 12, 1),
        converted_on=D(2020, 11, 30),
    )
    assert development_violations(dates, birth_date=BIRTH) == [
        ("预备党员转正日期", "Conversion needs a full year of probation after admission.")
    ]


def test_it_rejects_dates_out_of_order_on_the_later_column() -> None:
    """An activist date before the application names the activist column and the earlier one."""
    dates = StageDates(applied_on=D(2019, 5, 1), activist_on=D(2019, 4, 30))
    assert development_violations(dates, birth_date=BIRTH) == [
        ("确定入党积极分子日期", "This date is before the 递交入党申请书日期.")
    ]


def test_it_accepts_two_stages_on_the_same_day() -> None:
    """No minimum wait is set between application and activist, so the same day is in order."""
    dates = StageDates(applied_on=D(2019, 5, 1), activist_on=D(2019, 5, 1))
    assert columns(dates) == []


def test_it_rejects_each_blank_before_a_given_date() -> None:
    """An admission date with no activist and no candidate date names both blank columns."""
    dates = StageDates(applied_on=D(2019, 1, 1), admitted_on=D(2021, 1, 1))
    assert columns(dates) == ["确定入党积极分子日期", "确定发展对象日期"]


def test_one_year_after_29_february_ends_on_28_february() -> None:
    """A year counted from a leap day ends on the last day of February (民法典 art. 202)."""
    assert add_years(D(2020, 2, 29), 1) == D(2021, 2, 28)
    dates = StageDates(
        applied_on=D(2019, 1, 1), activist_on=D(2020, 2, 29), candidate_on=D(2021, 2, 28)
    )
    assert columns(dates) == []


def test_someone_born_on_29_february_turns_eighteen_on_1_march() -> None:
    """Full years (周岁) as the statistics count them: the birthday is reached on 1 March."""
    born = D(2004, 2, 29)
    assert columns(StageDates(applied_on=D(2022, 2, 28)), birth=born) == ["递交入党申请书日期"]
    assert columns(StageDates(applied_on=D(2022, 3, 1)), birth=born) == []


def test_the_stage_is_the_last_one_with_a_date() -> None:
    """A record is in the last stage it reached, and in none before an application."""
    assert stage_of(StageDates()) is None
    assert stage_of(StageDates(applied_on=D(2023, 1, 1))) is Stage.APPLICANT
    assert stage_of(SHORTEST) is Stage.FULL_MEMBER
