"""Outside talents, contacts and campaigns for tests, written through the talents services."""

import datetime

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.tests.factories import make_person
from qunyan.talents.campaigns import campaign_save
from qunyan.talents.choices import Occasion, OutreachWay
from qunyan.talents.models import Campaign, Outreach, OutsideTalent
from qunyan.talents.services import OutreachData, TalentData, outreach_record, talent_save

TALENT_HEADER = ("公民身份号码", "务工经商地", "从事行业", "返乡日期", "返乡创业日期", "创业项目")
OUTREACH_HEADER = ("日期", "方式", "公民身份号码", "时机", "情况记录")


def make_talent(
    unit: OrgUnit,
    *,
    name: str = "陈刚",
    place: str = "广东东莞",
    trade: str = "物流",
    returned_on: datetime.date | None = None,
    business_started_on: datetime.date | None = None,
    home_time: str = "",
    person: Person | None = None,
) -> OutsideTalent:
    """Someone of `unit` in the register (a new registry person unless `person` is given)."""
    person = person or make_person(unit, name=name)
    return talent_save(
        person=person,
        data=TalentData(
            place=place,
            trade=trade,
            home_time=home_time,
            returned_on=returned_on,
            business_started_on=business_started_on,
            business_project="民宿" if business_started_on else "",
        ),
        by=None,
        scope=Scope.unrestricted(),
    )


def make_contact(
    person: Person,
    date: datetime.date,
    *,
    way: str = OutreachWay.HOME_VISIT,
    intent: str = "",
    follow_up_on: datetime.date | None = None,
) -> Outreach:
    return outreach_record(
        person=person,
        data=OutreachData(date=date, way=way, intent=intent, follow_up_on=follow_up_on),
        by=None,
        scope=Scope.unrestricted(),
    )


def make_campaign(
    town: OrgUnit,
    *,
    name: str = "2023年春节返乡人才走访",
    occasion: str = Occasion.SPRING_FESTIVAL,
    starts_on: datetime.date = datetime.date(2023, 1, 15),
    ends_on: datetime.date = datetime.date(2023, 2, 5),
) -> Campaign:
    return campaign_save(
        town=town,
        name=name,
        occasion=occasion,
        starts_on=starts_on,
        ends_on=ends_on,
        by=None,
        scope=Scope.unrestricted(),
    )
