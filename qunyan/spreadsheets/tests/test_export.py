"""Exporting a town as an exchange workbook: round trip, masking, no formulas, audit, scope."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import transaction
from openpyxl import load_workbook

from qunyan.core.models import AuditEntry, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.demo.generator import build_workbook
from qunyan.people.models import Person
from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import town_statistics
from qunyan.reserves.tests.factories import make_reserve
from qunyan.spreadsheets.engine import workbook_export, workbook_import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MASKED_ID = re.compile(r"^\d{6}\*{8}\d{3}[\dX]$")
MASKED_PHONE = re.compile(r"^\d{3}\*{4}\d{4}$")
FROM, TO = datetime.date(2021, 1, 1), datetime.date(2023, 12, 31)


def export(town, *, scope=None, by=None, reveal=False):
    buffer = io.BytesIO()
    workbook_export(buffer, town=town, scope=scope or Scope.unrestricted(), by=by, reveal=reveal)
    buffer.seek(0)
    return buffer


def column(book, sheet: str, header: str) -> list:
    rows = list(book[sheet].iter_rows(values_only=True))
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


@pytest.fixture
def town_data(tree):
    """Two villagers of 羊角塘镇 with phones, one in the pool; one person of 白水镇."""
    first = make_person(tree.niupingao, name="张三", phone="13812345678")
    make_person(tree.shimen, name="李四", phone="0746-1234567")
    make_reserve(first, entered_on=datetime.date(2022, 1, 1))
    make_person(tree.dongcun, name="赵六")
    return tree


def test_an_export_imports_into_an_empty_database_with_identical_statistics():
    """Import the demo town, export it with full numbers, import that into nothing: same figures."""
    with transaction.atomic():
        report = workbook_import(
            io.BytesIO(build_workbook(2023)),
            scope=Scope.unrestricted(),
            by=None,
            file_name="demo.xlsx",
        )
        assert report.ok, report.errors[:5]
        town = OrgUnit.objects.get(name="羊角塘镇", kind=OrgUnit.Kind.TOWN)
        before = town_statistics(town=town, period_from=FROM, period_to=TO, as_of=TO)
        exported = export(town, reveal=True)
        transaction.set_rollback(True)
    assert not Person.objects.exists()
    report = workbook_import(exported, scope=Scope.unrestricted(), by=None, file_name="x.xlsx")
    assert report.ok, report.errors[:5]
    assert report.warnings == []
    town = OrgUnit.objects.get(name="羊角塘镇", kind=OrgUnit.Kind.TOWN)
    assert town_statistics(town=town, period_from=FROM, period_to=TO, as_of=TO) == before
    assert before["villages"] == 35 and before["reserves"]["total"] == 72


def test_an_export_reimported_over_its_source_changes_nothing(town_data):
    """Exported with full numbers and imported back: every row unchanged."""
    exported = export(town_data.yangjiaotang, reveal=True)
    report = workbook_import(exported, scope=Scope.unrestricted(), by=None)
    assert report.ok, report.errors
    assert all(c.created == 0 and c.updated == 0 for c in report.sheets.values()), report.sheets
    assert report.sheets["人员"].unchanged == 2


def test_an_export_holds_only_the_town(town_data):
    """白水镇's people are not in 羊角塘镇's workbook."""
    book = load_workbook(export(town_data.yangjiaotang))
    assert sorted(column(book, "人员", "姓名")) == ["张三", "李四"]
    assert column(book, "村社区", "名称") == ["牛坪坳村", "石门村"]


def test_a_masked_export_shows_masked_numbers_everywhere(town_data):
    """By default IDs (on every sheet) and phones are masked."""
    book = load_workbook(export(town_data.yangjiaotang))
    ids = column(book, "人员", "公民身份号码") + column(book, "后备力量", "公民身份号码")
    assert len(ids) == 3 and all(MASKED_ID.match(value) for value in ids), ids
    phones = column(book, "人员", "联系电话")
    assert "138****5678" in phones
    assert "13812345678" not in phones and "0746-1234567" not in phones


def test_a_revealed_export_shows_full_numbers(town_data):
    """reveal=True writes the numbers in full, as text."""
    book = load_workbook(export(town_data.yangjiaotang, reveal=True))
    person = Person.objects.get(name="张三")
    assert person.id_number in column(book, "人员", "公民身份号码")
    assert "13812345678" in column(book, "人员", "联系电话")
    id_cells = [row[1] for row in book["人员"].iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in id_cells)


def test_dates_are_exported_as_date_cells(town_data):
    """出生日期 and 入库日期 are Excel dates, not text."""
    book = load_workbook(export(town_data.yangjiaotang))
    births = [row[4] for row in book["人员"].iter_rows(min_row=2)]
    assert all(cell.is_date for cell in births)
    assert datetime.datetime(2022, 1, 1) in column(book, "后备力量", "入库日期")


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://example.com","点我")', "=1+2", "=cmd|' /C calc'!A0"]
)
def test_text_beginning_with_an_equals_sign_is_exported_as_text(tree, text):
    """A name like =HYPERLINK(…) stays a string cell, never a formula."""
    make_person(tree.niupingao, name=text[:50])
    book = load_workbook(export(tree.yangjiaotang))
    cell = book["人员"]["A2"]
    assert cell.data_type == "s"
    assert cell.value == text[:50]


def test_a_name_beginning_with_an_equals_sign_survives_a_round_trip(tree):
    """Re-importing the export gives the same name back."""
    make_person(tree.niupingao, name="=1+2")
    exported = export(tree.yangjiaotang, reveal=True)
    report = workbook_import(exported, scope=Scope.unrestricted(), by=None)
    assert report.ok and report.sheets["人员"].unchanged == 1


def test_an_export_is_audited(town_data, alice):
    """Who exported which town, and whether the numbers were masked."""
    export(town_data.yangjiaotang, scope=Scope.for_account(alice), by=alice)
    export(town_data.yangjiaotang, scope=Scope.for_account(alice), by=alice, reveal=True)
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).order_by("id")
    assert [(e.actor, e.target_id, e.note) for e in entries] == [
        (alice, str(town_data.yangjiaotang.pk), "Masked"),
        (alice, str(town_data.yangjiaotang.pk), "Full ID numbers"),
    ]


@pytest.mark.parametrize("persona", ["bob", "sysadmin", "auditor"])
def test_an_account_cannot_export_a_town_outside_its_scope(persona, town_data, request):
    """A secretary (village scope) and the separated roles cannot export the town."""
    account = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        export(town_data.yangjiaotang, scope=Scope.for_account(account), by=account)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_a_town_officer_cannot_export_another_town(town_data, alice):
    """alice cannot export 白水镇."""
    with pytest.raises(PermissionDenied):
        export(town_data.baishui, scope=Scope.for_account(alice), by=alice)


def test_the_export_command_writes_full_numbers(town_data, tmp_path):
    """`qunyan export FILE --town NAME` writes a re-importable workbook."""
    path = tmp_path / "羊角塘镇.xlsx"
    call_command("export", str(path), "--town", "羊角塘镇", stdout=io.StringIO())
    ids = column(load_workbook(path), "人员", "公民身份号码")
    assert Person.objects.get(name="张三").id_number in ids


def test_the_export_command_masks_on_request(town_data, tmp_path):
    """--masked writes masked numbers."""
    path = tmp_path / "masked.xlsx"
    call_command("export", str(path), "--town", "羊角塘镇", "--masked", stdout=io.StringIO())
    assert all(MASKED_ID.match(v) for v in column(load_workbook(path), "人员", "公民身份号码"))


def test_the_export_command_needs_one_town(town_data, tmp_path):
    """Two towns and no --town, or an unknown town: a command error."""
    with pytest.raises(CommandError):
        call_command("export", str(tmp_path / "x.xlsx"), stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("export", str(tmp_path / "x.xlsx"), "--town", "不存在镇", stdout=io.StringIO())
