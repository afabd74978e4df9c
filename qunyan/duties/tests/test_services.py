"""Catalogue, profiles, pins, confirmation and three-chief seats, through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from qunyan.core.models import AuditEntry, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.services import orgunit_create
from qunyan.duties.choices import ChiefRole, DivisionStatus
from qunyan.duties.models import Assignment, Division, Duty
from qunyan.duties.proposals import propose
from qunyan.duties.services import (
    catalogue_ensure,
    chief_appoint,
    division_confirm,
    duty_save,
    pin_set,
    profile_save,
)
from qunyan.people.tests.factories import make_person

from .factories import committee

pytestmark = pytest.mark.django_db


@pytest.fixture
def duties(yangjiaotang, alice):
    return {d.name: d for d in catalogue_ensure(town=yangjiaotang, by=alice)}


def _propose(village):
    [proposal] = propose(town=village.town, villages=[village], on=timezone.localdate())
    return proposal


def test_the_default_catalogue_follows_the_domain_notes(duties):
    """Nine duties in Chinese; women and children is women-only, party building party-only."""
    assert len(duties) == 9
    assert duties["妇女儿童"].gender == "F"
    assert duties["党建工作"].party_member_only
    assert "财会" in duties["财务报账"].skills


def test_a_wish_moves_the_division_and_the_explanation(niupingao, alice, duties):
    """A second wish for finance puts 张三 there and the wishes part says so."""
    people = committee(niupingao, "F", "M", "M", "M")
    before = _propose(niupingao)
    assert before.solution.feasible
    target = duties["宣传文化"]
    profile_save(
        person=people[2],
        skills="",
        traits=[],
        experience="",
        wishes=[target],
        by=alice,
        scope=Scope.for_account(alice),
    )
    after = _propose(niupingao)
    row = next(r for r in after.rows if r.duty == target)
    assert row.person == people[2]
    assert row.parts["wishes"] == 30 and row.wish_rank == 1
    assert after.solution.total > before.solution.total


def test_confirming_keeps_past_versions_and_audits(niupingao, alice, duties):
    """Version 2 supersedes version 1; both stay, each confirmation is in the audit log."""
    committee(niupingao, "F", "M", "M")
    scope = Scope.for_account(alice)
    today = timezone.localdate()
    plan = _propose(niupingao).solution.plan
    first = division_confirm(village=niupingao, plan=plan, on=today, by=alice, scope=scope)
    second = division_confirm(village=niupingao, plan=plan, on=today, by=alice, scope=scope)
    first.refresh_from_db()
    assert (first.version, first.status) == (1, DivisionStatus.SUPERSEDED)
    assert (second.version, second.status) == (2, DivisionStatus.CURRENT)
    assert Assignment.objects.filter(division=second).count() == len(plan)
    assert AuditEntry.objects.filter(target_type="duties.Division").count() == 2


def test_a_plan_breaking_a_rule_is_refused(niupingao, alice, duties):
    """A man on the women-only duty cannot be confirmed; nothing is saved."""
    people = committee(niupingao, "F", "M", "M")
    plan = [p for p in _propose(niupingao).solution.plan if p[1] != duties["妇女儿童"].pk]
    plan.append((people[1].pk, duties["妇女儿童"].pk))
    with pytest.raises(ValidationError):
        division_confirm(
            village=niupingao,
            plan=plan,
            on=timezone.localdate(),
            by=alice,
            scope=Scope.for_account(alice),
        )
    assert not Division.objects.exists()


def test_a_pin_is_obeyed_and_named(niupingao, alice, duties):
    """Pinning 张二 to party building puts him there, with "pinned" among the rules."""
    people = committee(niupingao, "F", "M", "M")
    pin_set(
        village=niupingao,
        person=people[1],
        duty=duties["党建工作"],
        assign=True,
        by=alice,
        scope=Scope.for_account(alice),
    )
    row = next(r for r in _propose(niupingao).rows if r.duty == duties["党建工作"])
    assert row.person == people[1] and "pinned" in row.rules


def test_an_all_male_committee_gets_reasons(niupingao, duties):
    """No woman: no division, and the women-only duty is named."""
    committee(niupingao, "M", "M", "M")
    proposal = _propose(niupingao)
    assert not proposal.solution.feasible
    assert {r.code for r in proposal.solution.reasons} >= {"no_woman", "duty_short"}


def test_a_secretary_cannot_change_duties(niupingao, bob, yangjiaotang):
    """Dividing duties is the town officer's work."""
    with pytest.raises(PermissionDenied):
        duty_save(
            town=yangjiaotang,
            duty=None,
            data={"name": "x", "people_needed": 1},
            by=bob,
            scope=Scope.for_account(bob),
        )


def test_duty_names_are_unique_in_a_town(yangjiaotang, alice, duties):
    with pytest.raises(ValidationError):
        duty_save(
            town=yangjiaotang,
            duty=None,
            data={"name": "妇女儿童", "people_needed": 1},
            by=alice,
            scope=Scope.for_account(alice),
        )
    assert Duty.objects.filter(town=yangjiaotang, name="妇女儿童").count() == 1


def test_three_chief_seats_take_party_members_and_hand_over(niupingao, alice):
    """A party group leader must be a party member; a new holder ends the previous one."""
    scope = Scope.for_account(alice)
    group = orgunit_create(
        name="第一村民小组", kind=OrgUnit.Kind.GROUP, parent=niupingao, by=alice, scope=scope
    )
    member = make_person(niupingao, name="党员甲", political_status="cpc")
    other = make_person(niupingao, name="党员乙", political_status="cpc")
    masses = make_person(niupingao, name="群众丙")
    with pytest.raises(ValidationError):
        chief_appoint(
            group=group,
            role=ChiefRole.PARTY_GROUP,
            person=masses,
            on=datetime.date(2026, 1, 1),
            by=alice,
            scope=scope,
        )
    first = chief_appoint(
        group=group,
        role=ChiefRole.PARTY_GROUP,
        person=member,
        on=datetime.date(2026, 1, 1),
        by=alice,
        scope=scope,
    )
    chief_appoint(
        group=group,
        role=ChiefRole.PARTY_GROUP,
        person=other,
        on=datetime.date(2026, 2, 1),
        by=alice,
        scope=scope,
    )
    first.refresh_from_db()
    assert first.ended_on == datetime.date(2026, 2, 1)


def test_the_command_says_why_a_village_cannot_be_divided(niupingao, shimen, duties):
    """--village narrows the output; an all-male committee is infeasible with reasons."""
    import io
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    committee(niupingao, "M", "M", "M")
    out = io.StringIO()
    call_command("duties", "--town", "羊角塘镇", "--village", "牛坪坳村", "--json", stdout=out)
    [village] = json.loads(out.getvalue())["villages"]
    assert village["name"] == "牛坪坳村" and village["feasible"] is False
    assert village["assignments"] == []
    assert any("女性" in reason for reason in village["reasons"])
    with pytest.raises(CommandError):
        call_command("duties", "--town", "无此镇", "--json", stdout=io.StringIO())
