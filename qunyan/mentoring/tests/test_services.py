"""Writes to mentoring: the register, confirmed pairs, the log and evaluations, per role."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qunyan.core.models import AuditEntry
from qunyan.core.roles import Capability, Role, role_can
from qunyan.core.scopes import Scope
from qunyan.mentoring.choices import Evaluator, Half, MentorKind, Principle, WorkArea
from qunyan.mentoring.log import evaluation_record, meeting_log
from qunyan.mentoring.models import Evaluation, Meeting, Mentor, Mentorship, PairingRejection
from qunyan.mentoring.services import (
    mentee_need_save,
    mentor_register,
    mentor_update,
    mentorship_create,
    mentorship_update,
    pairing_reject,
)
from qunyan.people.tests.factories import make_person

from .factories import make_cadre, make_mentor, make_pair

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date
TODAY = D(2023, 12, 31)


@pytest.fixture
def officer_scope(alice):
    return Scope.for_account(alice)


@pytest.fixture
def veteran(yangjiaotang):
    return make_mentor(
        make_person(yangjiaotang, name="黄志强", birth=D(1970, 5, 5)),
        strengths=[WorkArea.FINANCE],
        capacity=2,
    )


@pytest.fixture
def newcomer(niupingao):
    return make_cadre(make_person(niupingao, name="吴佳", birth=D(1996, 7, 7), gender="F"))


def test_only_the_town_officer_manages_mentoring():
    """The register and pairing belong to the town office; nobody else has the capability."""
    assert [r for r in Role if role_can(r, Capability.MANAGE_MENTORING)] == [Role.TOWN_OFFICER]


def test_a_mentor_is_registered_once_with_the_capacity_setting_as_default(
    alice, officer_scope, yangjiaotang, settings
):
    """The default capacity comes from MENTOR_CAPACITY; a second entry is refused."""
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "MENTOR_CAPACITY": 4}
    person = make_person(yangjiaotang)
    mentor = Mentor(person=person, kind=MentorKind.TOWN_CADRE)
    assert mentor.capacity == 4
    registered = mentor_register(
        person=person,
        kind=MentorKind.TOWN_CADRE,
        strengths=["writing", "finance"],
        capacity=3,
        by=alice,
        scope=officer_scope,
    )
    assert registered.strengths == ["finance", "writing"]  # the vocabulary's order
    assert AuditEntry.objects.filter(target_type="mentoring.Mentor").count() == 1
    with pytest.raises(ValidationError) as caught:
        mentor_register(
            person=person, kind=MentorKind.TOWN_CADRE, capacity=3, by=alice, scope=officer_scope
        )
    assert "person" in caught.value.message_dict


def test_unknown_tags_and_no_capacity_are_refused(alice, officer_scope, yangjiaotang):
    with pytest.raises(ValidationError) as caught:
        mentor_register(
            person=make_person(yangjiaotang),
            kind=MentorKind.TOWN_CADRE,
            strengths=["juggling"],
            capacity=0,
            by=alice,
            scope=officer_scope,
        )
    assert set(caught.value.message_dict) == {"strengths", "capacity"}


def test_a_secretary_cannot_register_mentors(bob, niupingao):
    with pytest.raises(PermissionDenied):
        mentor_register(
            person=make_person(niupingao),
            kind=MentorKind.VETERAN_SECRETARY,
            capacity=3,
            by=bob,
            scope=Scope.for_account(bob),
        )


def test_a_secretary_records_weak_areas_in_her_village_only(bob, niupingao, shimen):
    """Needs are personal data of the village: bob writes them for 牛坪坳村, not for 石门村."""
    scope = Scope.for_account(bob)
    need = mentee_need_save(
        person=make_person(niupingao), weak_areas=["finance"], by=bob, scope=scope
    )
    assert need.weak_areas == ["finance"]
    with pytest.raises(ValidationError):
        mentee_need_save(person=make_person(shimen), weak_areas=["finance"], by=bob, scope=scope)


def test_accepting_a_pair_creates_it_with_an_audit_entry(alice, officer_scope, veteran, newcomer):
    pair = mentorship_create(
        mentor=veteran,
        mentee=newcomer,
        principle=Principle.TOWN_TO_VILLAGE,
        started_on=D(2023, 3, 1),
        goals="半年内独立主持一次村民代表会议",
        by=alice,
        scope=officer_scope,
    )
    assert (pair.mentor, pair.mentee, pair.ended_on) == (veteran.person, newcomer, None)
    entry = AuditEntry.objects.get(target_type="mentoring.Mentorship", target_id=str(pair.pk))
    assert entry.actor == alice
    assert entry.changes["principle"] == [None, Principle.TOWN_TO_VILLAGE]


def test_a_full_mentor_takes_nobody_new(alice, officer_scope, veteran, niupingao, newcomer):
    """Capacity 2 with two running pairs: the third is refused; once one ends, it is allowed."""
    first, second = make_person(niupingao), make_person(niupingao)
    make_pair(veteran.person, first, started=D(2022, 1, 1))
    make_pair(veteran.person, second, started=D(2022, 1, 1))
    with pytest.raises(ValidationError) as caught:
        mentorship_create(
            mentor=veteran,
            mentee=newcomer,
            principle=Principle.TOWN_TO_VILLAGE,
            started_on=D(2023, 3, 1),
            by=alice,
            scope=officer_scope,
        )
    assert "mentor" in caught.value.message_dict
    pair = Mentorship.objects.get(mentee=first)
    mentorship_update(pair=pair, goals="", ended_on=D(2023, 2, 28), by=alice, scope=officer_scope)
    mentorship_create(
        mentor=veteran,
        mentee=newcomer,
        principle=Principle.TOWN_TO_VILLAGE,
        started_on=D(2023, 3, 1),
        by=alice,
        scope=officer_scope,
    )


def test_a_mentee_with_a_running_pair_is_not_paired_again(
    alice, officer_scope, veteran, newcomer, yangjiaotang
):
    make_pair(make_person(yangjiaotang), newcomer, started=D(2022, 1, 1))
    with pytest.raises(ValidationError) as caught:
        mentorship_create(
            mentor=veteran,
            mentee=newcomer,
            principle=Principle.TOWN_TO_VILLAGE,
            started_on=D(2023, 3, 1),
            by=alice,
            scope=officer_scope,
        )
    assert "mentee" in caught.value.message_dict


def test_a_pair_must_fit_its_principle(alice, officer_scope, niupingao, newcomer):
    """A village peer with no strength in the weak areas and little more service cannot be the
    mentee's 老带新 or 强带弱 mentor."""
    peer = make_mentor(
        make_cadre(make_person(niupingao, birth=D(1990, 1, 1))),
        kind=MentorKind.VETERAN_SECRETARY,
        serving_since=None,
    )
    for principle in Principle.values:
        with pytest.raises(ValidationError) as caught:
            mentorship_create(
                mentor=peer,
                mentee=newcomer,
                principle=principle,
                started_on=D(2023, 3, 1),
                by=alice,
                scope=officer_scope,
            )
        assert "principle" in caught.value.message_dict
    assert not Mentorship.objects.exists()


def test_an_unavailable_mentor_takes_nobody(alice, officer_scope, veteran, newcomer):
    mentor_update(
        mentor=veteran,
        kind=veteran.kind,
        strengths=veteran.strengths,
        capacity=veteran.capacity,
        available=False,
        serving_since=veteran.serving_since,
        by=alice,
        scope=officer_scope,
    )
    with pytest.raises(ValidationError):
        mentorship_create(
            mentor=veteran,
            mentee=newcomer,
            principle=Principle.TOWN_TO_VILLAGE,
            started_on=D(2023, 3, 1),
            by=alice,
            scope=officer_scope,
        )


def test_a_rejection_is_kept_once(alice, officer_scope, veteran, newcomer):
    for _ in range(2):
        pairing_reject(
            mentor=veteran, mentee=newcomer, reason="不在同一片区", by=alice, scope=officer_scope
        )
    rejection = PairingRejection.objects.get()
    assert (rejection.mentor, rejection.mentee, rejection.by) == (veteran.person, newcomer, alice)
    assert AuditEntry.objects.filter(target_type="mentoring.PairingRejection").count() == 1


@pytest.fixture
def pair(veteran, newcomer):
    return make_pair(veteran.person, newcomer, started=D(2023, 3, 1))


def test_a_secretary_logs_meetings_of_her_villages_pairs_only(bob, charlie, pair):
    """bob (牛坪坳村) logs a meeting of the pair; charlie (石门村) cannot."""
    meeting = meeting_log(
        pair=pair,
        on=D(2023, 4, 2),
        topic="村级财务公开",
        tasks_given="整理一季度账目",
        tasks_done="",
        by=bob,
        scope=Scope.for_account(bob),
        today=TODAY,
    )
    assert meeting.by == bob
    with pytest.raises(ValidationError):
        meeting_log(
            pair=pair, on=D(2023, 4, 3), topic="x", by=charlie, scope=Scope.for_account(charlie)
        )


def test_a_county_reader_logs_nothing(dora, pair):
    with pytest.raises(PermissionDenied):
        meeting_log(pair=pair, on=D(2023, 4, 3), topic="x", by=dora, scope=Scope.for_account(dora))


@pytest.mark.parametrize(
    ("on", "field"),
    [
        pytest.param(D(2023, 2, 28), "on", id="before the pair"),
        pytest.param(D(2024, 1, 1), "on", id="in the future"),
    ],
)
def test_a_meeting_date_is_within_the_pair(alice, officer_scope, pair, on, field):
    with pytest.raises(ValidationError) as caught:
        meeting_log(pair=pair, on=on, topic="谈心", by=alice, scope=officer_scope, today=TODAY)
    assert field in caught.value.message_dict
    assert not Meeting.objects.exists()


def test_evaluations_by_both_sides_and_the_town(alice, bob, pair):
    """Each side scores 1–5 once per half year; a second entry corrects the first."""
    scope = Scope.for_account(alice)
    for evaluator, score in ((Evaluator.MENTEE, 5), (Evaluator.MENTOR, 4), (Evaluator.TOWN, 4)):
        evaluation_record(
            pair=pair,
            year=2023,
            half=Half.FIRST,
            evaluator=evaluator,
            score=score,
            by=alice,
            scope=scope,
            today=TODAY,
        )
    evaluation_record(
        pair=pair,
        year=2023,
        half=Half.FIRST,
        evaluator=Evaluator.MENTEE,
        score=3,
        comment="希望多到村里来",
        by=bob,
        scope=Scope.for_account(bob),
        today=TODAY,
    )
    scores = dict(Evaluation.objects.values_list("evaluator", "score"))
    assert scores == {"mentee": 3, "mentor": 4, "town": 4}
    with pytest.raises(PermissionDenied):
        evaluation_record(
            pair=pair,
            year=2023,
            half=Half.SECOND,
            evaluator=Evaluator.TOWN,
            score=5,
            by=bob,
            scope=Scope.for_account(bob),
            today=TODAY,
        )


@pytest.mark.parametrize(
    ("year", "half", "score", "field"),
    [
        pytest.param(2023, Half.FIRST, 6, "score", id="score above 5"),
        pytest.param(2023, Half.FIRST, 0, "score", id="score below 1"),
        pytest.param(2022, Half.SECOND, 4, "year", id="before the pair started"),
        pytest.param(2024, Half.FIRST, 4, "year", id="half year not begun"),
    ],
)
def test_a_bad_evaluation_is_refused(alice, pair, year, half, score, field):
    with pytest.raises(ValidationError) as caught:
        evaluation_record(
            pair=pair,
            year=year,
            half=half,
            evaluator=Evaluator.MENTOR,
            score=score,
            by=alice,
            scope=Scope.for_account(alice),
            today=TODAY,
        )
    assert field in caught.value.message_dict
