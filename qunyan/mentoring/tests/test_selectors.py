"""Reads of mentoring: who still needs a mentor, idle pairs, coverage and suggested pairs."""

import datetime

import pytest

from qunyan.core.scopes import Scope
from qunyan.mentoring.choices import Principle, WorkArea
from qunyan.mentoring.log import meeting_log
from qunyan.mentoring.selectors import mentoring_coverage, open_mentees, pair_list
from qunyan.mentoring.services import pairing_reject
from qunyan.mentoring.suggestions import mentor_candidates, pairing_suggestions
from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import mentoring

from .factories import make_cadre, make_mentor, make_need, make_pair

pytestmark = pytest.mark.django_db

D = datetime.date
ON = D(2023, 12, 31)


def names(people):
    return sorted(person.name for person in people)


def test_open_mentees_are_young_serving_cadres_and_town_staff_without_a_pair(
    yangjiaotang, niupingao, shimen, dongcun
):
    """40 or under on the day (the setting), serving or working for the town, and unpaired."""
    make_cadre(make_person(niupingao, name="青年", birth=D(1990, 1, 1)))
    make_cadre(make_person(niupingao, name="刚满四十", birth=D(1983, 12, 31)))
    make_cadre(make_person(niupingao, name="四十一", birth=D(1982, 12, 30)))
    make_cadre(make_person(shimen, name="卸任", birth=D(1990, 1, 1)), ended=D(2023, 6, 30))
    make_person(shimen, name="村民", birth=D(1995, 1, 1))
    make_person(yangjiaotang, name="镇干部", birth=D(1995, 1, 1))
    paired = make_cadre(make_person(shimen, name="已结对", birth=D(1992, 1, 1)))
    make_pair(make_person(yangjiaotang, birth=D(1970, 1, 1)), paired, started=D(2023, 1, 1))
    ended = make_cadre(make_person(shimen, name="结对已结束", birth=D(1992, 1, 1)))
    make_pair(
        make_person(yangjiaotang, birth=D(1970, 1, 1)),
        ended,
        started=D(2022, 1, 1),
        ended=D(2023, 6, 1),
    )
    make_mentor(make_person(yangjiaotang, name="年轻导师", birth=D(1988, 1, 1)))
    make_cadre(make_person(dongcun, name="白水镇的", birth=D(1990, 1, 1)))
    found = open_mentees(scope=Scope.unrestricted(), town=yangjiaotang, on=ON)
    assert names(found) == sorted(["刚满四十", "镇干部", "结对已结束", "青年"])


def test_a_pair_without_a_meeting_for_the_idle_days_stands_out(alice, yangjiaotang, niupingao):
    """Idle counts from the last meeting, or from the start when nothing was logged."""
    mentor = make_person(yangjiaotang, birth=D(1970, 1, 1))
    quiet = make_pair(mentor, make_person(niupingao, name="没见面"), started=D(2023, 1, 1))
    met = make_pair(mentor, make_person(niupingao, name="见过面"), started=D(2023, 1, 1))
    new = make_pair(mentor, make_person(niupingao, name="新结对"), started=D(2023, 11, 1))
    meeting_log(pair=met, on=D(2023, 10, 2), topic="谈心谈话", by=None, scope=Scope.unrestricted())
    meeting_log(pair=quiet, on=D(2023, 1, 5), topic="见面会", by=None, scope=Scope.unrestricted())
    pairs = {p.mentee.name: p for p in pair_list(scope=Scope.for_account(alice), on=ON)}
    assert {name: p.idle for name, p in pairs.items()} == {
        "没见面": True,
        "见过面": False,
        "新结对": False,
    }
    assert pairs["没见面"].last_activity == D(2023, 1, 5)
    assert new.pk == pairs["新结对"].pk
    idle = pair_list(scope=Scope.for_account(alice), on=ON, idle_only=True)
    assert [p.mentee.name for p in idle] == ["没见面"]


def test_a_secretary_sees_only_the_pairs_of_her_villages_mentees(
    bob, yangjiaotang, niupingao, shimen
):
    """The mentor may be a town cadre: the mentee's village decides."""
    mentor = make_person(yangjiaotang, birth=D(1970, 1, 1))
    make_pair(mentor, make_person(niupingao, name="牛坪坳的"))
    make_pair(mentor, make_person(shimen, name="石门的"))
    assert [p.mentee.name for p in pair_list(scope=Scope.for_account(bob), on=ON)] == ["牛坪坳的"]


def test_the_coverage_agrees_with_the_statistic(alice, dora, yangjiaotang, niupingao, shimen):
    """mentors and mentees of the overview are `qunyan stats`'s `mentoring`, for the town
    office and the county alike; pairs are split by principle."""
    town_cadre = make_person(yangjiaotang, birth=D(1970, 1, 1))
    veteran = make_person(niupingao, birth=D(1965, 1, 1))
    make_pair(town_cadre, make_person(niupingao), principle=Principle.TOWN_TO_VILLAGE)
    make_pair(town_cadre, make_person(shimen), principle=Principle.TOWN_TO_VILLAGE)
    make_pair(veteran, make_person(niupingao), started=D(2019, 1, 1), ended=D(2020, 1, 1))
    make_pair(veteran, make_person(niupingao), principle=Principle.STRONG_TO_WEAK)
    period = {"period_from": D(2021, 1, 1), "period_to": ON}
    expected = mentoring([yangjiaotang], **period)[yangjiaotang.pk]
    assert expected == {"mentors": 2, "mentees": 3}
    for account in (alice, dora):
        coverage = mentoring_coverage(
            scope=Scope.for_account(account), town=yangjiaotang, as_of=ON, **period
        )
        assert {"mentors": coverage.mentors, "mentees": coverage.mentees} == expected
        assert coverage.by_principle == {
            Principle.TOWN_TO_VILLAGE: 2,
            Principle.VETERAN_TO_NEW: 0,
            Principle.STRONG_TO_WEAK: 1,
        }
        assert coverage.running == 3
        assert len(coverage.idle) == 3  # nothing logged since 2022


def test_suggestions_place_every_open_mentee_within_the_scope(
    alice, yangjiaotang, niupingao, shimen
):
    """The finance expert goes to the mentee weak in finance; a turned-down pair is not
    suggested again, but stays on the mentee's list of candidates, marked."""
    finance = make_mentor(
        make_person(yangjiaotang, name="财务导师", birth=D(1972, 1, 1)),
        strengths=[WorkArea.FINANCE],
        capacity=1,
    )
    make_mentor(
        make_person(yangjiaotang, name="党建导师", birth=D(1970, 1, 1)),
        strengths=[WorkArea.PARTY_BUILDING],
        capacity=1,
    )
    weak_in_finance = make_cadre(make_person(niupingao, name="小财", birth=D(1995, 1, 1)))
    make_need(weak_in_finance, WorkArea.FINANCE)
    weak_in_party = make_cadre(make_person(shimen, name="小党", birth=D(1995, 1, 1)))
    make_need(weak_in_party, WorkArea.PARTY_BUILDING)
    scope = Scope.for_account(alice)
    result = pairing_suggestions(scope=scope, town=yangjiaotang, on=ON)
    assert {(p.mentee.name, p.mentor.person.name) for p in result.pairs} == {
        ("小财", "财务导师"),
        ("小党", "党建导师"),
    }
    assert result.mentees == 2 and result.free_places == 2
    assert result.seconds < 1
    pairing_reject(mentor=finance, mentee=weak_in_finance, by=alice, scope=scope)
    again = pairing_suggestions(scope=scope, town=yangjiaotang, on=ON)
    # Both town cadres may take either village cadre (镇带村): pairing everyone comes first.
    assert {(p.mentee.name, p.mentor.person.name) for p in again.pairs} == {
        ("小财", "党建导师"),
        ("小党", "财务导师"),
    }
    assert again.unpaired == []
    ranked = mentor_candidates(scope=scope, person=weak_in_finance, on=ON)
    assert [(c.mentor.person.name, c.rejected) for c in ranked] == [
        ("财务导师", True),
        ("党建导师", False),
    ]


def test_the_idle_time_is_a_setting(alice, yangjiaotang, niupingao, settings):
    """With MENTORING_IDLE_DAYS at 30, a meeting 90 days back no longer keeps a pair active."""
    pair = make_pair(make_person(yangjiaotang, birth=D(1970, 1, 1)), make_person(niupingao))
    meeting_log(pair=pair, on=D(2023, 10, 2), topic="谈心谈话", by=None, scope=Scope.unrestricted())
    scope = Scope.for_account(alice)
    assert [p.idle for p in pair_list(scope=scope, on=ON)] == [False]
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "MENTORING_IDLE_DAYS": 30}
    assert [p.idle for p in pair_list(scope=scope, on=ON)] == [True]
