"""The register and contacts through their services: scope, the registry's fields, follow-ups."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qunyan.core.models import AuditEntry
from qunyan.core.scopes import Scope
from qunyan.people.tests.factories import make_person
from qunyan.talents.choices import Intent, Occasion, OutreachWay
from qunyan.talents.models import Outreach, OutsideTalent
from qunyan.talents.services import (
    OutreachData,
    TalentData,
    follow_up_done,
    outreach_record,
    outreach_update,
    talent_save,
)
from qunyan.talents.visitors import Visitor

from .factories import make_campaign, make_contact, make_talent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


def test_a_secretary_enters_someone_of_their_own_village(bob, niupingao):
    """The entry keeps the town of the person; skills and phone go to the registry record."""
    person = make_person(niupingao, name="陈刚")
    talent = talent_save(
        person=person,
        data=TalentData(place="深圳", trade="电子制造", employer="华强电子厂"),
        skills="电工证",
        phone="13900001111",
        by=bob,
        scope=Scope.for_account(bob),
    )
    person.refresh_from_db()
    assert (talent.town, talent.employer) == (niupingao.town, "华强电子厂")
    assert (person.skills, person.phone) == ("电工证", "13900001111")
    entry = AuditEntry.objects.get(target_type="talents.OutsideTalent")
    assert entry.actor_name == "bob"
    assert entry.changes["employer"] == [None, "华强电子厂"]


def test_a_secretary_cannot_enter_someone_of_another_village(charlie, niupingao):
    """charlie (石门村) is refused bob's villager; nothing is written."""
    person = make_person(niupingao)
    with pytest.raises(ValidationError) as caught:
        talent_save(person=person, data=TalentData(), by=charlie, scope=Scope.for_account(charlie))
    assert "outside your area" in caught.value.message_dict["person"][0]
    assert not OutsideTalent.objects.exists()


def test_readers_cannot_write(dora, niupingao):
    """The county reader changes nothing."""
    with pytest.raises(PermissionDenied):
        talent_save(
            person=make_person(niupingao),
            data=TalentData(),
            by=dora,
            scope=Scope.for_account(dora),
        )


def test_someone_is_entered_once(alice, niupingao):
    talent = make_talent(niupingao)
    with pytest.raises(ValidationError) as caught:
        talent_save(
            person=talent.person, data=TalentData(), by=alice, scope=Scope.for_account(alice)
        )
    assert "in the register already" in caught.value.message_dict["person"][0]


def test_an_update_records_the_business_and_audits_the_change(alice, niupingao):
    """Return, business, jobs and investment; only changed fields are in the audit entry."""
    talent = make_talent(niupingao)
    talent_save(
        person=talent.person,
        data=TalentData(
            place=talent.place,
            trade=talent.trade,
            returned_on=D(2023, 2, 1),
            business_started_on=D(2023, 4, 1),
            business_project="油茶种植",
            jobs_created=12,
            investment=Decimal("80.5"),
        ),
        by=alice,
        scope=Scope.for_account(alice),
        talent=talent,
    )
    talent.refresh_from_db()
    assert (talent.jobs_created, talent.investment) == (12, Decimal("80.50"))
    entry = AuditEntry.objects.filter(action="update", actor_name="alice").get()
    assert set(entry.changes) == {
        "returned_on",
        "business_started_on",
        "business_project",
        "jobs_created",
        "investment",
    }


def test_a_contact_joins_the_campaign_of_its_day_and_takes_its_occasion(niupingao, yangjiaotang):
    """Inside the campaign's days: linked, 春节; after them: no campaign, 其他."""
    campaign = make_campaign(yangjiaotang)
    person = make_talent(niupingao).person
    inside = make_contact(person, D(2023, 1, 20))
    outside = make_contact(person, D(2023, 3, 1))
    assert (inside.campaign, inside.occasion) == (campaign, Occasion.SPRING_FESTIVAL)
    assert (outside.campaign, outside.occasion) == (None, Occasion.OTHER)


def test_a_later_contact_closes_earlier_follow_ups(niupingao):
    """The next visit is the follow-up: the open one before it is done on its day."""
    person = make_talent(niupingao).person
    first = make_contact(person, D(2023, 1, 20), follow_up_on=D(2023, 2, 20))
    make_contact(person, D(2023, 2, 10), way=OutreachWay.SYMPOSIUM)
    first.refresh_from_db()
    assert first.follow_up_done_on == D(2023, 2, 10)


def test_the_same_contact_twice_is_refused(niupingao):
    person = make_talent(niupingao).person
    make_contact(person, D(2023, 1, 20))
    with pytest.raises(ValidationError) as caught:
        make_contact(person, D(2023, 1, 20))
    assert "recorded already" in caught.value.message_dict["date"][0]


def test_a_visitor_from_another_town_is_refused(niupingao, dongcun, tree):
    """The visiting cadre works in the person's town."""
    person = make_talent(niupingao).person
    stranger = make_person(dongcun, name="外镇干部")
    with pytest.raises(ValidationError) as caught:
        outreach_record(
            person=person,
            data=OutreachData(date=D(2023, 1, 20), way=OutreachWay.HOME_VISIT),
            visitor=Visitor(person=stranger),
            by=None,
            scope=Scope.unrestricted(),
        )
    assert "visitor" in caught.value.message_dict


def test_a_secretary_records_contacts_in_their_village_only(bob, niupingao, shimen):
    """bob records for 牛坪坳村 and is refused 石门村."""
    own, other = make_talent(niupingao).person, make_talent(shimen, name="李华").person
    contact = outreach_record(
        person=own,
        data=OutreachData(date=D(2023, 1, 20), way=OutreachWay.HOME_VISIT),
        visitor=Visitor(account=bob),
        by=bob,
        scope=Scope.for_account(bob),
    )
    assert (contact.visitor_account, contact.recorded_by) == (bob, bob)
    with pytest.raises(ValidationError):
        outreach_record(
            person=other,
            data=OutreachData(date=D(2023, 1, 20), way=OutreachWay.HOME_VISIT),
            by=bob,
            scope=Scope.for_account(bob),
        )


def test_moving_a_contact_out_of_the_campaign_days_unlinks_it(alice, niupingao, yangjiaotang):
    make_campaign(yangjiaotang)
    contact = make_contact(make_talent(niupingao).person, D(2023, 1, 20))
    outreach_update(
        contact=contact,
        data=OutreachData(date=D(2023, 3, 3), way=contact.way, intent=Intent.COMMITTED),
        by=alice,
        scope=Scope.for_account(alice),
    )
    contact.refresh_from_db()
    assert (contact.campaign, contact.intent) == (None, Intent.COMMITTED)
    entry = AuditEntry.objects.get(action="update", target_type="talents.Outreach")
    assert set(entry.changes) == {"date", "intent", "campaign"}


def test_a_follow_up_is_marked_done_not_before_the_contact(alice, niupingao):
    contact = make_contact(
        make_talent(niupingao).person, D(2023, 1, 20), follow_up_on=D(2023, 2, 20)
    )
    scope = Scope.for_account(alice)
    with pytest.raises(ValidationError):
        follow_up_done(contact=contact, on=D(2023, 1, 19), by=alice, scope=scope)
    follow_up_done(contact=contact, on=D(2023, 2, 18), by=alice, scope=scope)
    assert Outreach.objects.get().follow_up_done_on == D(2023, 2, 18)
