"""The outreach rules, without a database."""

import datetime
from decimal import Decimal

import pytest

from qunyan.talents.choices import HomeTime, Occasion
from qunyan.talents.workflow import (
    CampaignDays,
    campaign_errors,
    campaign_for,
    home_times_expected_at,
    is_overdue,
    outreach_errors,
    talent_errors,
)

D = datetime.date
SPRING = CampaignDays(1, D(2023, 1, 15), D(2023, 2, 5))
NATIONAL = CampaignDays(2, D(2023, 10, 1), D(2023, 10, 7))
GOLDEN_WEEK = CampaignDays(3, D(2023, 10, 3), D(2023, 10, 5))


def test_a_contact_belongs_to_the_campaign_whose_days_hold_it():
    """First and last days count; a day between campaigns belongs to none."""
    campaigns = [SPRING, NATIONAL]
    assert campaign_for(D(2023, 1, 15), campaigns) == 1
    assert campaign_for(D(2023, 2, 5), campaigns) == 1
    assert campaign_for(D(2023, 10, 7), campaigns) == 2
    assert campaign_for(D(2023, 2, 6), campaigns) is None


def test_of_overlapping_campaigns_the_one_listing_the_person_wins():
    """A person on one campaign's list is counted for it, even when another started later."""
    campaigns = [NATIONAL, GOLDEN_WEEK]
    assert campaign_for(D(2023, 10, 4), campaigns) == 3  # the narrower, later one
    assert campaign_for(D(2023, 10, 4), campaigns, listing={2}) == 2


@pytest.mark.parametrize(
    ("occasion", "expected", "not_expected"),
    [
        (Occasion.SPRING_FESTIVAL, {HomeTime.SPRING_FESTIVAL, HomeTime.BOTH, ""}, HomeTime.OTHER),
        (Occasion.NATIONAL_DAY, {HomeTime.NATIONAL_DAY, HomeTime.BOTH, ""}, HomeTime.OTHER),
        (Occasion.OTHER, {HomeTime.OTHER, ""}, HomeTime.BOTH),
    ],
)
def test_who_is_expected_home_at_a_holiday(occasion, expected, not_expected):
    """Those who come home at that holiday or at both, and those whose habit is not known."""
    times = set(home_times_expected_at(occasion))
    assert times == expected
    assert not_expected not in times


def test_a_follow_up_is_overdue_only_after_its_day_and_while_open():
    """Due today is not late yet; done is never late."""
    today = D(2023, 3, 1)
    assert is_overdue(D(2023, 2, 28), None, today)
    assert not is_overdue(today, None, today)
    assert not is_overdue(D(2023, 2, 1), D(2023, 2, 27), today)
    assert not is_overdue(None, None, today)


def test_a_business_starts_after_the_return(english):
    """返乡创业: a start before the return date is refused."""
    errors = talent_errors(returned_on=D(2023, 3, 1), business_started_on=D(2023, 2, 1))
    assert "before the return date" in errors["business_started_on"][0]


def test_jobs_and_investment_need_a_business(english):
    """A project, jobs or an investment without a start date is incomplete."""
    for extra in ({"jobs_created": 5}, {"investment": Decimal(30)}, {"business_project": "民宿"}):
        errors = talent_errors(returned_on=None, business_started_on=None, **extra)
        assert "business start date" in errors["business_started_on"][0]
    assert (
        talent_errors(
            returned_on=D(2023, 1, 1),
            business_started_on=D(2023, 2, 1),
            jobs_created=5,
            investment=Decimal(30),
        )
        == {}
    )


def test_a_contact_is_not_in_the_future_and_its_follow_up_not_before_it(english):
    """Contacts are recorded after they happen; a follow-up comes on or after the contact."""
    today = D(2023, 3, 1)
    errors = outreach_errors(date=D(2023, 3, 2), follow_up_on=D(2023, 3, 1), today=today)
    assert set(errors) == {"date", "follow_up_on"}
    assert outreach_errors(date=today, follow_up_on=today, today=today) == {}


def test_a_campaign_ends_on_or_after_its_first_day(english):
    assert campaign_errors(starts_on=D(2023, 1, 2), ends_on=D(2023, 1, 1))
    assert campaign_errors(starts_on=D(2023, 1, 1), ends_on=D(2023, 1, 1)) == {}
