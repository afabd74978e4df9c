"""Holiday campaigns: planning, the list and its visitors, symposiums, and who may do what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qunyan.core.models import AuditEntry
from qunyan.core.roles import Capability, Role, role_can
from qunyan.core.scopes import Scope
from qunyan.people.services import cadre_terms_upsert
from qunyan.people.tests.factories import make_person
from qunyan.spreadsheets.engine import workbook_import
from qunyan.talents.campaigns import (
    assignment_remove,
    assignment_save,
    campaign_fill,
    campaign_save,
    symposium_attendance,
    symposium_invite,
    symposium_save,
)
from qunyan.talents.choices import HomeTime, Occasion, OutreachWay
from qunyan.talents.models import Assignment, Outreach
from qunyan.talents.selectors import assignments_of, visit_list, visitor_loads
from qunyan.talents.visitors import Visitor, visitor_choices, visitor_from_key

from .factories import OUTREACH_HEADER, make_campaign, make_contact, make_talent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


def test_only_the_town_officer_plans_campaigns():
    """MANAGE_TALENTS belongs to the town officer; secretaries keep their village's list."""
    assert [r for r in Role if role_can(r, Capability.MANAGE_TALENTS)] == [Role.TOWN_OFFICER]


def test_a_secretary_cannot_plan_a_campaign(bob, yangjiaotang):
    with pytest.raises(PermissionDenied):
        campaign_save(
            town=yangjiaotang,
            name="春节走访",
            occasion=Occasion.SPRING_FESTIVAL,
            starts_on=D(2023, 1, 15),
            ends_on=D(2023, 2, 5),
            by=bob,
            scope=Scope.for_account(bob),
        )


def test_an_officer_cannot_plan_for_another_town(alice, baishui):
    with pytest.raises(ValidationError) as caught:
        campaign_save(
            town=baishui,
            name="春节走访",
            occasion=Occasion.SPRING_FESTIVAL,
            starts_on=D(2023, 1, 15),
            ends_on=D(2023, 2, 5),
            by=alice,
            scope=Scope.for_account(alice),
        )
    assert "town" in caught.value.message_dict


def test_names_are_unique_in_a_town_and_days_in_order(alice, yangjiaotang):
    make_campaign(yangjiaotang, name="春节走访")
    scope = Scope.for_account(alice)
    with pytest.raises(ValidationError) as caught:
        campaign_save(
            town=yangjiaotang,
            name="春节走访",
            occasion=Occasion.SPRING_FESTIVAL,
            starts_on=D(2024, 2, 5),
            ends_on=D(2024, 2, 1),
            by=alice,
            scope=scope,
        )
    assert set(caught.value.message_dict) == {"name", "ends_on"}


def test_planning_a_campaign_links_the_contacts_already_in_its_days(alice, niupingao, dongcun):
    """Imported or earlier contacts of the town within the days join; another town's do not."""
    ours = make_contact(make_talent(niupingao).person, D(2023, 1, 20))
    theirs = make_contact(make_talent(dongcun, name="外镇人").person, D(2023, 1, 20))
    campaign = make_campaign(niupingao.town)
    assert Outreach.objects.get(pk=ours.pk).campaign == campaign
    assert Outreach.objects.get(pk=theirs.pk).campaign is None
    entry = AuditEntry.objects.get(action="create", target_type="talents.Campaign")
    assert entry.note == "1 contact changed campaign."


def test_shortening_a_campaign_lets_go_of_contacts_outside_its_new_days(alice, niupingao):
    contact = make_contact(make_talent(niupingao).person, D(2023, 2, 3))
    campaign = make_campaign(niupingao.town)
    campaign_save(
        town=campaign.town,
        name=campaign.name,
        occasion=campaign.occasion,
        starts_on=campaign.starts_on,
        ends_on=D(2023, 1, 31),
        by=alice,
        scope=Scope.for_account(alice),
        campaign=campaign,
    )
    assert Outreach.objects.get(pk=contact.pk).campaign is None


def test_imported_contacts_join_the_campaign_of_their_day(make_workbook, niupingao):
    """The 走访座谈 sheet goes through the same linking as the forms."""
    campaign = make_campaign(niupingao.town)
    person = make_talent(niupingao).person
    sheet = [OUTREACH_HEADER, [D(2023, 1, 28), "上门走访", person.id_number, "春节", "动员"]]
    report = workbook_import(
        make_workbook({"走访座谈": sheet}), scope=Scope.unrestricted(), by=None
    )
    assert report.errors == []
    assert Outreach.objects.get().campaign == campaign


def test_assigning_a_person_to_an_account_or_a_registry_cadre(alice, bob, niupingao):
    """A visitor is an account of the town or a serving committee member without one."""
    campaign = make_campaign(niupingao.town)
    person = make_talent(niupingao).person
    member = make_person(niupingao, name="王委员")
    cadre_terms_upsert(
        records=[
            {
                "person_id": member.pk,
                "village_id": niupingao.pk,
                "post": "委员",
                "started_on": D(2021, 3, 20),
                "ended_on": None,
                "bonus_base": None,
            }
        ],
        by=None,
    )
    scope = Scope.for_account(alice)
    keys = [
        key
        for _group, choices in visitor_choices(town=campaign.town, scope=scope, on=D(2023, 1, 1))
        for key, _ in choices
    ]
    assert f"account:{bob.pk}" in keys
    assert f"person:{member.pk}" in keys
    visitor = visitor_from_key(
        f"person:{member.pk}", town=campaign.town, scope=scope, on=D(2023, 1, 1)
    )
    assignment = assignment_save(
        campaign=campaign, person=person, visitor=visitor, by=alice, scope=scope
    )
    assert assignment.visitor_person == member
    assignment = assignment_save(
        campaign=campaign, person=person, visitor=Visitor(account=bob), by=alice, scope=scope
    )
    assert (assignment.visitor_account, assignment.visitor_person) == (bob, None)
    assert Assignment.objects.count() == 1
    entry = AuditEntry.objects.filter(target_type="talents.Assignment").order_by("id").last()
    assert entry.changes["visitor"] == ["王委员", "bob"]


def test_a_key_for_someone_outside_the_town_is_refused(alice, niupingao, dongcun):
    stranger = make_person(dongcun)
    with pytest.raises(ValidationError):
        visitor_from_key(
            f"person:{stranger.pk}",
            town=niupingao.town,
            scope=Scope.for_account(alice),
            on=D(2023, 1, 1),
        )


def test_only_people_in_the_register_are_listed(alice, niupingao):
    campaign = make_campaign(niupingao.town)
    with pytest.raises(ValidationError) as caught:
        assignment_save(
            campaign=campaign,
            person=make_person(niupingao),
            by=alice,
            scope=Scope.for_account(alice),
        )
    assert "register" in caught.value.message_dict["person"][0]


def test_a_secretary_keeps_the_list_of_their_own_village_only(bob, niupingao, shimen):
    """bob lists and assigns his villagers; 石门村's are neither his to list nor to see."""
    campaign = make_campaign(niupingao.town)
    own, other = make_talent(niupingao), make_talent(shimen, name="李华")
    scope = Scope.for_account(bob)
    assignment = assignment_save(
        campaign=campaign, person=own.person, visitor=Visitor(account=bob), by=bob, scope=scope
    )
    with pytest.raises(ValidationError):
        assignment_save(campaign=campaign, person=other.person, by=bob, scope=scope)
    assignment_save(campaign=campaign, person=other.person, by=None, scope=Scope.unrestricted())
    assert [a.person for a in assignments_of(campaign=campaign, scope=scope)] == [own.person]
    assignment_remove(assignment=assignment, by=bob, scope=scope)
    assert list(assignments_of(campaign=campaign, scope=scope)) == []


def test_filling_the_list_takes_those_still_away_who_come_home_then(alice, niupingao):
    """Away (or back only after the start) and home at 春节, both, or not known; once."""
    spring = make_talent(niupingao, name="甲", home_time=HomeTime.SPRING_FESTIVAL)
    both = make_talent(niupingao, name="乙", home_time=HomeTime.BOTH)
    unknown = make_talent(niupingao, name="丙")
    make_talent(niupingao, name="丁", home_time=HomeTime.NATIONAL_DAY)
    make_talent(niupingao, name="戊", returned_on=D(2022, 5, 1))
    later = make_talent(niupingao, name="己", returned_on=D(2023, 3, 1))
    campaign = make_campaign(niupingao.town)
    scope = Scope.for_account(alice)
    assert campaign_fill(campaign=campaign, by=alice, scope=scope) == 4
    listed = set(campaign.assignments.values_list("person", flat=True))
    assert listed == {t.person_id for t in (spring, both, unknown, later)}
    assert campaign_fill(campaign=campaign, by=alice, scope=scope) == 0


def test_of_two_overlapping_campaigns_the_persons_own_list_wins(alice, niupingao):
    """A contact in overlapping days counts for the campaign that lists the person."""
    person = make_talent(niupingao).person
    broad = make_campaign(
        niupingao.town,
        name="国庆走访",
        occasion=Occasion.NATIONAL_DAY,
        starts_on=D(2023, 9, 25),
        ends_on=D(2023, 10, 8),
    )
    make_campaign(
        niupingao.town,
        name="国庆座谈",
        occasion=Occasion.NATIONAL_DAY,
        starts_on=D(2023, 10, 2),
        ends_on=D(2023, 10, 4),
    )
    contact = make_contact(person, D(2023, 10, 3))
    assert contact.campaign.name == "国庆座谈"
    assignment_save(campaign=broad, person=person, by=alice, scope=Scope.for_account(alice))
    assert Outreach.objects.get(pk=contact.pk).campaign == broad


def test_a_symposium_is_held_during_its_campaign(alice, niupingao):
    campaign = make_campaign(niupingao.town)
    with pytest.raises(ValidationError) as caught:
        symposium_save(
            campaign=campaign,
            held_on=D(2023, 3, 1),
            topic="座谈",
            by=alice,
            scope=Scope.for_account(alice),
        )
    assert "held_on" in caught.value.message_dict


def test_attendance_gives_each_attendee_a_symposium_contact(alice, niupingao):
    """Attendees get a 座谈会 contact in the campaign; the absent get none; twice adds nothing."""
    campaign = make_campaign(niupingao.town)
    came, absent = (
        make_talent(niupingao, name="甲").person,
        make_talent(niupingao, name="乙").person,
    )
    scope = Scope.for_account(alice)
    symposium = symposium_save(
        campaign=campaign, held_on=D(2023, 1, 25), topic="返乡创业座谈", by=alice, scope=scope
    )
    assert symposium_invite(symposium=symposium, people=[came, absent], by=alice, scope=scope) == 2
    assert symposium_attendance(symposium=symposium, attended=[came.pk], by=alice, scope=scope) == 1
    assert symposium_attendance(symposium=symposium, attended=[came.pk], by=alice, scope=scope) == 0
    contact = Outreach.objects.get()
    assert (contact.person, contact.way, contact.campaign) == (
        came,
        OutreachWay.SYMPOSIUM,
        campaign,
    )
    assert contact.occasion == Occasion.SPRING_FESTIVAL
    entry = AuditEntry.objects.get(target_type="talents.Outreach")
    assert entry.target_id == str(contact.pk)
    assert symposium.invitations.get(person=came).attended
    assert not symposium.invitations.get(person=absent).attended


def test_attendance_waits_for_the_day(alice, niupingao, time_machine):
    time_machine.move_to(datetime.datetime(2023, 1, 20, 10, 0))
    campaign = make_campaign(niupingao.town)
    scope = Scope.for_account(alice)
    symposium = symposium_save(
        campaign=campaign, held_on=D(2023, 1, 25), topic="返乡创业座谈", by=alice, scope=scope
    )
    with pytest.raises(ValidationError):
        symposium_attendance(symposium=symposium, attended=[], by=alice, scope=scope)


def test_each_cadre_gets_their_visit_list(alice, bob, niupingao):
    """Visit lists split the campaign's list by visitor; the unassigned have their own."""
    campaign = make_campaign(niupingao.town)
    scope = Scope.for_account(alice)
    first, second, third = (make_talent(niupingao, name=n).person for n in "甲乙丙")
    assignment_save(
        campaign=campaign, person=first, visitor=Visitor(account=bob), by=alice, scope=scope
    )
    assignment_save(
        campaign=campaign, person=second, visitor=Visitor(account=bob), by=alice, scope=scope
    )
    assignment_save(campaign=campaign, person=third, by=alice, scope=scope)
    make_contact(first, D(2023, 1, 20))
    bobs = visit_list(campaign=campaign, visitor_key=f"account:{bob.pk}", scope=scope)
    assert {a.person for a in bobs} == {first, second}
    assert [a.person for a in visit_list(campaign=campaign, visitor_key="", scope=scope)] == [third]
    loads = visitor_loads(assignments_of(campaign=campaign, scope=scope))
    assert [(load.name, load.listed, load.reached) for load in loads] == [("bob", 2, 1), ("", 1, 0)]
