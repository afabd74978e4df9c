import datetime
import io
from types import SimpleNamespace
from typing import Any

import pytest
from openpyxl import load_workbook

from qunyan.casework.choices import CaseResult
from qunyan.casework.mediation import case_close, step_add
from qunyan.casework.models import MediationCase, ServiceRecord
from qunyan.core.scopes import Scope
from qunyan.spreadsheets.engine import workbook_export, workbook_import

from .factories import make_case, make_service, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to(datetime.datetime(2026, 6, 1, 10, 0), tick=False)


def _export(town: Any, reveal: bool) -> io.BytesIO:
    buffer = io.BytesIO()
    workbook_export(buffer, town=town, scope=Scope.unrestricted(), by=None, reveal=reveal)
    buffer.seek(0)
    return buffer


def _only(buffer: io.BytesIO, names: tuple[str, ...]) -> io.BytesIO:
    book = load_workbook(buffer)
    for sheet in list(book.sheetnames):
        if sheet not in names:
            del book[sheet]
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


@pytest.fixture
def recorded(tree: SimpleNamespace) -> SimpleNamespace:
    liu = member(tree.niupingao, "刘红")
    service = make_service(tree.niupingao, servers=[liu], hours="2.5")
    case = make_case(tree.niupingao, mediators=[liu])
    step_add(
        case=case,
        date=datetime.date(2026, 3, 2),
        action="现场查看",
        by=None,
        scope=Scope.unrestricted(),
    )
    case_close(
        case=case,
        result=CaseResult.SETTLED,
        closed_on=datetime.date(2026, 3, 5),
        agreement="以界桩为准",
        by=None,
        scope=Scope.unrestricted(),
    )
    return SimpleNamespace(liu=liu, service=service, case=case)


def test_the_sheets_export_with_masked_parties_and_ids(
    tree: SimpleNamespace, recorded: Any
) -> None:
    book = load_workbook(_export(tree.yangjiaotang, reveal=False))
    services = list(book["服务记录"].values)
    assert services[0][:4] == ("村（社区）", "村民小组", "服务日期", "服务类别")
    assert services[1][0] == "牛坪坳村" and services[1][7] == 2.5 and "*" in services[1][8]
    cases = list(book["矛盾纠纷调解"].values)
    row = dict(zip(cases[0], cases[1], strict=True))
    assert row["当事人"] == "张** 139****5678；李**" and row["调解结果"] == "调解成功"
    assert row["调解过程"] == "2026-03-02 现场查看"


def test_a_revealed_export_imports_back_unchanged(tree: SimpleNamespace, recorded: Any) -> None:
    buffer = _only(_export(tree.yangjiaotang, reveal=True), ("服务记录", "矛盾纠纷调解"))
    report = workbook_import(buffer, scope=Scope.unrestricted(), by=None)
    assert report.ok, [str(e) for e in report.errors]
    assert report.sheets["服务记录"].unchanged == 1 and report.sheets["矛盾纠纷调解"].unchanged == 1


def test_a_masked_export_keeps_the_parties_and_people_on_import(
    tree: SimpleNamespace, recorded: Any
) -> None:
    buffer = _only(_export(tree.yangjiaotang, reveal=False), ("服务记录", "矛盾纠纷调解"))
    report = workbook_import(buffer, scope=Scope.unrestricted(), by=None)
    assert report.ok, [str(e) for e in report.errors]
    case = MediationCase.objects.get()
    assert [p.name for p in case.parties.all()] == ["张大山", "李小河"]
    assert list(ServiceRecord.objects.get().servers.all()) == [recorded.liu]


def test_rows_are_created_and_errors_name_the_cell(
    tree: SimpleNamespace, make_workbook: Any, english: None
) -> None:
    liu = member(tree.niupingao, "刘红")
    header = (
        "村（社区）",
        "服务日期",
        "服务类别",
        "服务内容",
        "用时（小时）",
        "服务人员公民身份号码",
    )
    book = make_workbook(
        {
            "服务记录": [
                header,
                ("牛坪坳村", "2026-05-01", "防汛巡查", "巡查山塘", "2", liu.id_number),
                ("无名村", "2026-05-01", "政策宣讲", "宣讲", "1", ""),
                ("牛坪坳村", "2026-05-02", "政策宣讲", "宣讲", "30", ""),
            ]
        }
    )
    report = workbook_import(book, scope=Scope.unrestricted(), by=None, dry_run=True)
    assert {(e.row, e.column) for e in report.errors} == {(3, "村（社区）"), (4, "用时（小时）")}
    book.seek(0)
    rows = list(load_workbook(book)["服务记录"].values)
    fixed = make_workbook({"服务记录": [rows[0], rows[1]]})
    report = workbook_import(fixed, scope=Scope.unrestricted(), by=None)
    assert report.ok and report.sheets["服务记录"].created == 1
    record = ServiceRecord.objects.get()
    assert record.category.name == "防汛巡查" and list(record.servers.all()) == [liu]
    assert any("new category" in str(w) for w in report.warnings)
