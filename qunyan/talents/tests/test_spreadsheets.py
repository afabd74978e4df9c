"""The 在外人才 and 走访座谈 sheets: errors, idempotency, export and import back."""

import datetime
import io

import pytest

from qunyan.core.scopes import Scope
from qunyan.people.tests.factories import make_person, new_id_number
from qunyan.spreadsheets.engine import workbook_export, workbook_import
from qunyan.talents.choices import Occasion, OutreachWay
from qunyan.talents.models import Outreach, OutsideTalent

from .factories import OUTREACH_HEADER, TALENT_HEADER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


@pytest.fixture
def chen(niupingao):
    """A villager of 牛坪坳村 who runs a logistics business in 东莞."""
    return make_person(niupingao, name="陈刚", birth=D(1985, 4, 2))


def load(make_workbook, *, talents=(), contacts=()):
    sheets = {}
    if talents:
        sheets["在外人才"] = [TALENT_HEADER, *talents]
    if contacts:
        sheets["走访座谈"] = [OUTREACH_HEADER, *contacts]
    return workbook_import(make_workbook(sheets), scope=Scope.unrestricted(), by=None)


def located(report):
    return [(issue.sheet, issue.row, issue.column) for issue in report.errors]


def test_it_imports_a_talent_and_the_contacts_with_them(make_workbook, chen):
    """Rows become records; the contract's words become codes."""
    report = load(
        make_workbook,
        talents=[[chen.id_number, "广东东莞", "物流", D(2022, 3, 1), D(2022, 5, 1), "民宿"]],
        contacts=[[D(2022, 1, 28), "上门走访", chen.id_number, "春节", "动员返乡创业"]],
    )
    assert report.errors == []
    talent = OutsideTalent.objects.get()
    assert (talent.person, talent.town, talent.place) == (chen, chen.town, "广东东莞")
    contact = Outreach.objects.get()
    assert (contact.way, contact.occasion) == (OutreachWay.HOME_VISIT, Occasion.SPRING_FESTIVAL)


def test_it_reports_an_id_number_nobody_has(make_workbook, tree):
    """An unknown number is an error on the 公民身份号码 column of its row."""
    report = load(make_workbook, talents=[[new_id_number(), "深圳", "电商", None, None, None]])
    assert located(report) == [("在外人才", 2, "公民身份号码")]


def test_it_reports_a_way_outside_the_contract(make_workbook, chen):
    """方式 is 上门走访 or 座谈会; a phone call is not one of them."""
    report = load(make_workbook, contacts=[[D(2022, 10, 2), "电话", chen.id_number, "国庆", ""]])
    assert located(report) == [("走访座谈", 2, "方式")]
    assert not Outreach.objects.exists()


def test_it_reports_a_business_started_before_the_return(make_workbook, chen):
    """返乡创业 means after coming home: a start before the return date is an error."""
    row = [chen.id_number, "深圳", "物流", D(2022, 3, 1), D(2022, 2, 28), "民宿"]
    assert located(load(make_workbook, talents=[row])) == [("在外人才", 2, "返乡创业日期")]


def test_it_reports_the_same_contact_twice_but_not_two_ways_on_one_day(make_workbook, chen):
    """The natural key is (person, date, way): a visit and a symposium on one day are two."""
    visit = [D(2022, 10, 2), "上门走访", chen.id_number, "国庆", ""]
    symposium = [D(2022, 10, 2), "座谈会", chen.id_number, "国庆", ""]
    report = load(make_workbook, contacts=[visit, symposium, visit])
    assert located(report) == [("走访座谈", 4, "公民身份号码")]


def test_a_second_import_of_the_same_workbook_changes_nothing(make_workbook, chen):
    """Both sheets find every record unchanged the second time."""
    talents = [[chen.id_number, "广东东莞", "物流", D(2022, 3, 1), D(2022, 5, 1), "民宿"]]
    contacts = [[D(2022, 1, 28), "座谈会", chen.id_number, "", "动员返乡创业"]]
    load(make_workbook, talents=talents, contacts=contacts)
    report = load(make_workbook, talents=talents, contacts=contacts)
    for sheet in ("在外人才", "走访座谈"):
        counts = report.sheets[sheet]
        assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 1)
    assert Outreach.objects.get().occasion == Occasion.OTHER


def test_an_exported_workbook_imports_back_to_the_same_records(make_workbook, chen):
    """Export with full numbers, empty both tables, import: the records are as they were."""
    load(
        make_workbook,
        talents=[[chen.id_number, "广东东莞", "物流", D(2022, 3, 1), D(2022, 5, 1), "民宿"]],
        contacts=[
            [D(2021, 10, 3), "座谈会", chen.id_number, "国庆", "动员返乡创业"],
            [D(2022, 1, 28), "上门走访", chen.id_number, "春节", ""],
        ],
    )
    talent_fields = [
        "person",
        "town",
        "place",
        "trade",
        "returned_on",
        "business_started_on",
        "business_project",
    ]
    contact_fields = ["person", "date", "way", "occasion", "notes"]
    before = (
        sorted(OutsideTalent.objects.values_list(*talent_fields)),
        sorted(Outreach.objects.values_list(*contact_fields)),
    )
    book = io.BytesIO()
    workbook_export(book, town=chen.town, scope=Scope.unrestricted(), by=None, reveal=True)
    OutsideTalent.objects.all().delete()
    Outreach.objects.all().delete()
    book.seek(0)
    assert workbook_import(book, scope=Scope.unrestricted(), by=None).errors == []
    assert (
        sorted(OutsideTalent.objects.values_list(*talent_fields)),
        sorted(Outreach.objects.values_list(*contact_fields)),
    ) == before
