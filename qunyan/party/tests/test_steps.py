"""Every hard rule and setting of the 25 steps, through the service, with a frozen clock."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from qunyan.core.scopes import Scope
from qunyan.party.models import (
    BranchMeeting,
    DevelopmentRecord,
    DevelopmentStep,
    Participant,
    Publicity,
)
from qunyan.party.services import development_start, development_step_record
from qunyan.party.workflow import Stage, Votes
from qunyan.people.models import Person
from qunyan.people.tests.factories import make_person

from .factories import PATH, make_members, step_input, walk

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("english"),
    pytest.mark.usefixtures("frozen"),
]

D = datetime.date
ALL = Scope.unrestricted()


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2027, 1, 15, 10, 0), tick=False):
        yield


@pytest.fixture
def members(niupingao):
    return make_members(niupingao)


@pytest.fixture
def zhang(niupingao):
    return make_person(niupingao, name="张伟", birth=D(1995, 3, 8))


def refused(record, number, members, **overrides):
    """The messages of the refusal of a step (fails when the step is accepted)."""
    with pytest.raises(ValidationError) as caught:
        development_step_record(
            record=record, data=step_input(number, members, **overrides), by=None, scope=ALL
        )
    return " ".join(caught.value.messages)


def accepted(record, number, members, **overrides):
    return development_step_record(
        record=record, data=step_input(number, members, **overrides), by=None, scope=ALL
    )


def test_a_person_goes_from_application_to_full_member(zhang, members):
    """All 25 steps on PATH keep the rules; stages, people, votes and status follow."""
    record = walk(zhang, members, upto=25)
    assert record.stage is Stage.FULL_MEMBER
    assert (record.admitted_on, record.converted_on) == (PATH[15], PATH[23])
    assert record.steps.count() == 25
    roles = sorted(record.participants.values_list("role", flat=True))
    assert roles == ["contact", "contact", "reviewer", "sponsor", "sponsor", "talker"]
    assert record.meetings.count() == 2
    assert set(record.documents.values_list("kind", flat=True)) >= {
        "application",
        "political_review",
        "training_certificate",
        "membership_form",
    }
    assert Person.objects.get(pk=zhang.pk).political_status == "cpc"


def test_it_rejects_an_applicant_one_day_short_of_eighteen(niupingao):
    """The application of someone a day before turning 18 is refused and opens no record."""
    teen = make_person(niupingao, name="王小明", birth=D(2008, 6, 2))
    with pytest.raises(ValidationError, match="under 18"):
        development_start(
            person=teen, applied_on=D(2026, 6, 1), source_category="other", by=None, scope=ALL
        )
    assert not DevelopmentRecord.objects.exists()
    development_start(
        person=teen, applied_on=D(2026, 6, 2), source_category="other", by=None, scope=ALL
    )


def test_the_talk_is_within_a_month_of_the_application(zhang, members):
    """A talk a month and a day after applying is refused; exactly a month later passes."""
    record = walk(zhang, members, upto=1)
    assert "within one month" in refused(record, 2, members, on=D(2024, 4, 2))
    assert not Participant.objects.exists()
    accepted(record, 2, members, on=D(2024, 4, 1))


def test_the_talker_is_a_full_member(zhang, members, niupingao):
    """A probationary member cannot be the talker."""
    record = walk(zhang, members, upto=1)
    other = make_person(niupingao, name="赵预备", political_status="cpc_probationary")
    assert "not a full party member" in refused(record, 2, members, people=[other])


def test_the_minimum_wait_before_activist_is_a_setting(zhang, members, settings):
    """With PARTY_ACTIVIST_MIN_MONTHS = 3, an activist fixed after a month is refused."""
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "PARTY_ACTIVIST_MIN_MONTHS": 3}
    record = walk(zhang, members, upto=2)
    assert "at least 3 months after applying" in refused(record, 3, members)
    accepted(record, 3, members, on=D(2024, 6, 1))


def test_there_are_one_or_two_cultivation_contacts(zhang, members):
    """None or three contacts are refused; one passes."""
    record = walk(zhang, members, upto=4)
    assert "1 to 2" in refused(record, 5, members, people=members)
    assert "1 to 2" in refused(record, 5, members, people=[])
    accepted(record, 5, members, people=members[:1])


def test_a_candidate_needs_a_full_year_as_activist(zhang, members):
    """Fixed as candidate a day short of a year as activist is refused."""
    record = walk(zhang, members, upto=6)
    assert "activist for a full year" in refused(record, 7, members, on=D(2025, 3, 31))
    assert DevelopmentRecord.objects.get().candidate_on is None


def test_there_are_exactly_two_full_member_sponsors(zhang, members, niupingao):
    """One sponsor, or a sponsor who is not a member, is refused."""
    record = walk(zhang, members, upto=8)
    assert "exactly 2" in refused(record, 9, members, people=members[:1])
    masses = make_person(niupingao, name="群众甲")
    assert "not a full party member" in refused(record, 9, members, people=[members[0], masses])


def test_only_a_passed_political_review_goes_on(zhang, members):
    """A review that was not passed is not recorded as a step."""
    record = walk(zhang, members, upto=9)
    assert "political review" in refused(record, 10, members, review_passed=False)


@pytest.mark.parametrize(
    ("days", "hours", "ok"),
    [(2, 16, False), (3, None, True), (None, 24, True), (2.5, 23, False)],
)
def test_centralised_training_is_three_days_or_24_hours(zhang, members, days, hours, ok):
    """3 days or 24 class hours; anything less is refused."""
    record = walk(zhang, members, upto=10)
    if ok:
        accepted(record, 11, members, training_days=days, training_hours=hours)
    else:
        assert "3 days or 24" in refused(
            record, 11, members, training_days=days, training_hours=hours
        )


def test_publicity_across_national_day_counts_only_working_days(zhang, members):
    """30 Sep – 9 Oct 2026 spans ten days but three working days: refused.

    The make-up Saturday 10 October counts and Monday 12 October is the fifth working day."""
    record = walk(zhang, members, upto=11)
    on = D(2026, 9, 30)
    message = refused(record, 12, members, on=on, publicity_from=on, publicity_to=D(2026, 10, 9))
    assert "at least 5 working days" in message and "has 3" in message
    message = refused(record, 12, members, on=on, publicity_from=on, publicity_to=D(2026, 10, 10))
    assert "has 4" in message
    assert not Publicity.objects.exists()
    accepted(record, 12, members, on=on, publicity_from=on, publicity_to=D(2026, 10, 12))


def test_a_make_up_sunday_is_a_working_day_of_the_publicity(zhang, members):
    """19–24 Sep 2026 has four weekdays, but Sunday 20 September is worked: five days."""
    record = walk(zhang, members, upto=11)
    on = D(2026, 9, 19)
    accepted(record, 12, members, on=on, publicity_from=on, publicity_to=D(2026, 9, 24))


def test_the_publicity_length_is_a_setting(zhang, members, settings):
    """With PARTY_PUBLICITY_WORKING_DAYS = 7 the five-day default path is refused."""
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "PARTY_PUBLICITY_WORKING_DAYS": 7}
    record = walk(zhang, members, upto=11)
    assert "at least 7 working days" in refused(record, 12, members)


def test_the_admission_meeting_follows_the_end_of_the_publicity(zhang, members):
    """A meeting on the last day of the publicity is refused; the next day passes."""
    record = walk(zhang, members, upto=11)
    accepted(record, 12, members, publicity_to=D(2025, 6, 12))
    accepted(record, 13, members)
    accepted(record, 14, members)
    assert "must end before" in refused(record, 15, members, on=D(2025, 6, 12))
    assert not BranchMeeting.objects.exists()
    accepted(record, 15, members, on=D(2025, 6, 13))


@pytest.mark.parametrize(
    ("votes", "message"),
    [
        (Votes(due=10, present=5, yes=5), "more than half of the 10 members"),
        (Votes(due=10, present=6, yes=5, no=1), "yes votes"),
        (Votes(due=10, present=6, yes=7), "More votes were cast"),
    ],
)
def test_the_admission_meeting_needs_quorum_and_majority(zhang, members, votes, message):
    """Half present is no quorum; half of those due voting yes is no majority."""
    record = walk(zhang, members, upto=14)
    assert message in refused(record, 15, members, votes=votes)
    assert DevelopmentRecord.objects.get().admitted_on is None


def test_written_opinions_of_absentees_count_toward_the_majority(zhang, members):
    """4 yes present and 2 written yes of 10 due is a majority."""
    record = walk(zhang, members, upto=14)
    accepted(record, 15, members, votes=Votes(due=10, present=6, yes=4, no=2, written_yes=2))


def test_someone_leaving_the_unit_soon_is_not_admitted(zhang, members, settings):
    """Leaving within PARTY_LEAVING_UNIT_MONTHS of the meeting blocks admission; 0 turns it off."""
    record = walk(zhang, members, upto=14)
    assert "leaving the unit within 3 months" in refused(
        record, 15, members, leaves_unit_on=D(2025, 9, 1)
    )
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "PARTY_LEAVING_UNIT_MONTHS": 0}
    accepted(record, 15, members, leaves_unit_on=D(2025, 9, 1))


def test_the_approval_is_within_three_months_or_six_in_special_cases(zhang, members):
    """Three months and a day is refused unless a special case, and six and a day always."""
    record = walk(zhang, members, upto=16)
    assert "within 3 months" in refused(record, 17, members, on=D(2025, 9, 17))
    assert "within 6 months" in refused(record, 17, members, on=D(2025, 12, 17), special_case=True)
    accepted(record, 17, members, on=D(2025, 9, 17), special_case=True)


def test_the_conversion_meeting_waits_a_full_year_of_probation(zhang, members):
    """A conversion meeting the day before the anniversary of admission is refused."""
    record = walk(zhang, members, upto=22)
    assert "after the probation ends" in refused(record, 23, members, on=D(2026, 6, 15))


def test_the_probation_is_extended_once_by_six_to_twelve_months(zhang, members):
    """5 months is refused; 6 extends; the next meeting waits for it; a second extension fails."""
    record = walk(zhang, members, upto=22)
    assert "6 to 12 months" in refused(record, 23, members, outcome="extend", extension_months=5)
    accepted(record, 23, members, outcome="extend", extension_months=6)
    record.refresh_from_db()
    assert (record.extension_months, record.converted_on) == (6, None)
    assert not DevelopmentStep.objects.filter(number=23).exists()
    assert "after the probation ends" in refused(record, 23, members, on=D(2026, 12, 15))
    assert "only once" in refused(
        record, 23, members, on=D(2026, 12, 16), outcome="extend", extension_months=6
    )
    record = accepted(record, 23, members, on=D(2026, 12, 16))
    assert record.converted_on == D(2026, 12, 16)


def test_a_cancelled_probation_closes_the_record(zhang, members):
    """Cancellation records the meeting, sets no conversion and allows no further step."""
    record = walk(zhang, members, upto=22)
    record = accepted(record, 23, members, outcome="cancel")
    assert (record.cancelled_on, record.converted_on) == (PATH[23], None)
    assert "closed" in refused(record, 24, members)
    assert Person.objects.get(pk=zhang.pk).political_status == "masses"


def test_steps_are_recorded_in_order_and_never_in_the_future(zhang, members):
    """Skipping a step, a date before the previous step, or tomorrow, are refused."""
    record = walk(zhang, members, upto=3)
    assert "next step is 4" in refused(record, 5, members)
    assert "before the previous one" in refused(record, 4, members, on=D(2024, 3, 31))
    assert "future" in refused(record, 4, members, on=D(2027, 1, 16))


def test_a_refused_step_leaves_nothing_behind(zhang, members):
    """The sponsors of a refused step 9 are not written, nor is the step."""
    record = walk(zhang, members, upto=8)
    before = (DevelopmentStep.objects.count(), Participant.objects.count())
    refused(record, 9, members, people=members[:1])
    assert (DevelopmentStep.objects.count(), Participant.objects.count()) == before


def test_a_secretary_cannot_write_outside_the_own_village(zhang, members, charlie):
    """The service refuses a record outside the acting scope."""
    from django.core.exceptions import PermissionDenied

    record = walk(zhang, members, upto=1)
    with pytest.raises(PermissionDenied):
        development_step_record(
            record=record,
            data=step_input(2, members),
            by=charlie,
            scope=Scope.for_account(charlie),
        )
