"""An import runs inside the acting account's scope: nothing of another town can be touched."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.tests.factories import make_person, person_row, roster, table
from qunyan.reserves.models import Reserve
from qunyan.reserves.tests.factories import RESERVE_HEADER
from qunyan.spreadsheets.engine import workbook_import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def import_as(account, book):
    return workbook_import(
        book, scope=Scope.for_account(account), by=account, file_name="名单.xlsx"
    )


def test_a_town_officer_imports_into_her_town(alice, make_workbook, niupingao):
    """alice's roster for her own villages and town office is written."""
    rows = roster(person_row("牛坪坳村"), person_row("石门村"), person_row("羊角塘镇"))
    report = import_as(alice, make_workbook({"人员": rows}))
    assert report.ok, report.errors
    assert Person.objects.count() == 3


def test_a_town_officer_cannot_import_into_another_towns_village(alice, make_workbook, dongcun):
    """东村 belongs to 白水镇: for alice it is an unknown unit, and nothing is written."""
    rows = roster(person_row("牛坪坳村"), person_row("东村"))
    report = import_as(alice, make_workbook({"人员": rows}))
    assert [(e.sheet, e.row, e.column) for e in report.errors] == [("人员", 3, "所属单位")]
    assert "东村 is not a village, community or town in your area" in report.errors[0].message
    assert Person.objects.count() == 0


def test_a_town_officer_cannot_import_another_town(alice, make_workbook, baishui):
    """A 村社区 row for 白水镇 is refused on 乡镇; no village appears there."""
    rows = [("乡镇", "名称", "类型"), ("白水镇", "西村", "村")]
    report = import_as(alice, make_workbook({"村社区": rows}))
    assert [(e.sheet, e.row, e.column) for e in report.errors] == [("村社区", 2, "乡镇")]
    assert not OrgUnit.objects.filter(name="西村").exists()


def test_a_town_officer_cannot_take_over_a_person_of_another_town(alice, make_workbook, dongcun):
    """Someone registered in 白水镇 cannot be re-imported into alice's village."""
    registered = make_person(dongcun, name="赵六")
    rows = roster(
        person_row(
            "牛坪坳村", 姓名="赵六", 公民身份号码=registered.id_number, 出生日期=None, 性别=None
        )
    )
    report = import_as(alice, make_workbook({"人员": rows}))
    assert [(e.sheet, e.row, e.column) for e in report.errors] == [("人员", 2, "公民身份号码")]
    assert "registered in a unit outside your area" in report.errors[0].message
    registered.refresh_from_db()
    assert registered.unit == dongcun


def test_a_reserve_of_another_town_is_unknown_to_a_town_officer(alice, make_workbook, dongcun):
    """A 后备力量 row naming 白水镇's person is an unknown number for alice (no leak)."""
    registered = make_person(dongcun)
    rows = table(
        RESERVE_HEADER,
        [{"公民身份号码": registered.id_number, "入库日期": datetime.date(2022, 1, 1)}],
    )
    report = import_as(alice, make_workbook({"后备力量": rows}))
    assert [(e.sheet, e.row, e.column) for e in report.errors] == [("后备力量", 2, "公民身份号码")]
    assert "No row of the 人员 sheet" in report.errors[0].message
    assert Reserve.objects.count() == 0


@pytest.mark.parametrize("persona", ["bob", "dora", "leader", "sysadmin", "auditor"])
def test_only_accounts_with_the_import_capability_can_import(persona, make_workbook, tree, request):
    """The engine itself refuses roles without the import capability, whatever calls it."""
    account = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        import_as(account, make_workbook({"人员": roster(person_row())}))
    assert Person.objects.count() == 0
