"""The 培训班 and 参训记录 sheets: the classes' town, errors, idempotency, round trip."""

import datetime
import io
from decimal import Decimal

import pytest

from qunyan.core.scopes import Scope
from qunyan.people.tests.factories import make_person, new_id_number
from qunyan.spreadsheets.engine import workbook_export, workbook_import
from qunyan.training.choices import Programme
from qunyan.training.models import Attendance, TrainingClass

from .factories import ATTENDANCE_HEADER, CLASS_HEADER, class_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


@pytest.fixture
def secretary(niupingao):
    return make_person(niupingao, name="刘建国", birth=D(1972, 8, 9))


@pytest.fixture
def officer_scope(alice):
    """Alice works in 羊角塘镇, so her classes are that town's."""
    return Scope.for_account(alice)


def load(make_workbook, scope, *, classes=(), attendance=(), villages=()):
    sheets = {}
    if villages:
        sheets["村社区"] = [("乡镇", "名称", "类型"), *villages]
    if classes:
        sheets["培训班"] = [CLASS_HEADER, *classes]
    if attendance:
        sheets["参训记录"] = [ATTENDANCE_HEADER, *attendance]
    return workbook_import(make_workbook(sheets), scope=scope, by=None)


def located(report):
    return [(issue.sheet, issue.row, issue.column) for issue in report.errors]


def test_it_imports_classes_of_the_officers_town_and_who_attended(
    make_workbook, officer_scope, secretary, yangjiaotang
):
    """Classes belong to the importing officer's town; 是/否 become completed or not."""
    report = load(
        make_workbook,
        officer_scope,
        classes=[class_row("TY2022-01", hours="24学时")],
        attendance=[["TY2022-01", secretary.id_number, "是"]],
    )
    assert report.errors == []
    training_class = TrainingClass.objects.get()
    assert (training_class.town, training_class.programme) == (yangjiaotang, Programme.LEAD_GEESE)
    assert training_class.hours == Decimal("24.0")
    assert Attendance.objects.get().completed is True


def test_the_village_sheet_names_the_town_when_the_importer_has_no_town(
    make_workbook, secretary, baishui
):
    """An operator's import (no town of its own) takes the one town of the 村社区 sheet."""
    report = load(
        make_workbook,
        Scope.unrestricted(),
        villages=[("白水镇", "东村", "村")],
        classes=[class_row("PX-01", programme="乡村学堂")],
    )
    assert report.errors == []
    assert TrainingClass.objects.get().town == baishui


def test_it_reports_once_when_the_town_cannot_be_told(make_workbook, secretary):
    """With two towns and no 村社区 sheet, one sheet-level error; nothing is guessed."""
    report = load(
        make_workbook,
        Scope.unrestricted(),
        classes=[class_row("TY-1"), class_row("TY-2")],
        attendance=[["TY-1", secretary.id_number, "是"]],
    )
    assert located(report) == [("培训班", None, "")]
    assert not TrainingClass.objects.exists()


@pytest.mark.parametrize(
    ("row", "column"),
    [
        pytest.param(class_row("X-1", programme="夜校"), "培训项目", id="unknown programme"),
        pytest.param(class_row("X-1", hours="一天"), "学时", id="hours not a number"),
        pytest.param(class_row("X-1", hours=-2), "学时", id="negative hours"),
        pytest.param(class_row("X-1", hours=2.25), "学时", id="hours to the hundredth"),
        pytest.param(
            ["X-1", "班", "其他", "", D(2022, 5, 2), D(2022, 5, 1), 8, ""],
            "结束日期",
            id="ends before it starts",
        ),
    ],
)
def test_it_reports_a_bad_class_row_on_its_column(make_workbook, officer_scope, row, column):
    """Each class error names the 培训班 row and the column at fault."""
    assert located(load(make_workbook, officer_scope, classes=[row])) == [("培训班", 2, column)]


def test_it_reports_attendance_of_a_class_nobody_defined(make_workbook, officer_scope, secretary):
    """A class number neither the 培训班 sheet nor the town's classes have is an error."""
    report = load(make_workbook, officer_scope, attendance=[["TY-9", secretary.id_number, "是"]])
    assert located(report) == [("参训记录", 2, "班次编号")]


def test_attendance_of_a_class_with_an_error_is_not_reported_again(
    make_workbook, officer_scope, secretary
):
    """The 培训班 row carries the error; its attendance rows do not repeat it."""
    report = load(
        make_workbook,
        officer_scope,
        classes=[class_row("TY-1", programme="夜校")],
        attendance=[["TY-1", secretary.id_number, "是"]],
    )
    assert located(report) == [("培训班", 2, "培训项目")]


def test_it_reports_an_unknown_person_and_a_repeated_attendance(
    make_workbook, officer_scope, secretary
):
    """One row per person per class; an unregistered number is an error too."""
    report = load(
        make_workbook,
        officer_scope,
        classes=[class_row("TY-1")],
        attendance=[
            ["TY-1", secretary.id_number, "是"],
            ["TY-1", new_id_number(), "是"],
            ["TY-1", secretary.id_number, "否"],
        ],
    )
    assert located(report) == [("参训记录", 3, "公民身份号码"), ("参训记录", 4, "公民身份号码")]


def test_a_second_import_of_the_same_workbook_changes_nothing(
    make_workbook, officer_scope, secretary
):
    """Classes by (town, number) and attendance by (class, person) are found unchanged."""
    sheets = {
        "classes": [class_row("TY-1"), class_row("PX-1", programme="其他", hours=None)],
        "attendance": [["TY-1", secretary.id_number, "是"], ["PX-1", secretary.id_number, ""]],
    }
    load(make_workbook, officer_scope, **sheets)
    report = load(make_workbook, officer_scope, **sheets)
    for sheet in ("培训班", "参训记录"):
        counts = report.sheets[sheet]
        assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 2)


def test_the_same_class_number_in_two_towns_is_two_classes(make_workbook, officer_scope, secretary):
    """班次编号 is unique within a town, not across towns."""
    load(make_workbook, officer_scope, classes=[class_row("TY-1")])
    load(
        make_workbook,
        Scope.unrestricted(),
        villages=[("白水镇", "东村", "村")],
        classes=[class_row("TY-1")],
    )
    assert TrainingClass.objects.filter(code="TY-1").count() == 2


def test_an_exported_workbook_imports_back_to_the_same_records(
    make_workbook, officer_scope, secretary, niupingao, yangjiaotang
):
    """Export with full numbers, empty both tables, import: classes and attendance return."""
    member = make_person(niupingao, name="周丽", birth=D(1992, 2, 2), gender="F")
    load(
        make_workbook,
        officer_scope,
        classes=[
            class_row("TY-1", hours=2.5),
            class_row("PX-1", programme="党建+乡村振兴高素质农民"),
        ],
        attendance=[
            ["TY-1", secretary.id_number, "是"],
            ["PX-1", secretary.id_number, "否"],
            ["PX-1", member.id_number, "是"],
        ],
    )
    class_fields = [
        "town",
        "code",
        "name",
        "programme",
        "category",
        "starts_on",
        "ends_on",
        "hours",
        "teacher",
    ]
    attendance_fields = ["training_class__code", "person", "completed"]
    before = (
        sorted(TrainingClass.objects.values_list(*class_fields)),
        sorted(Attendance.objects.values_list(*attendance_fields)),
    )
    book = io.BytesIO()
    workbook_export(book, town=yangjiaotang, scope=Scope.unrestricted(), by=None, reveal=True)
    TrainingClass.objects.all().delete()
    book.seek(0)
    assert workbook_import(book, scope=officer_scope, by=None).errors == []
    assert (
        sorted(TrainingClass.objects.values_list(*class_fields)),
        sorted(Attendance.objects.values_list(*attendance_fields)),
    ) == before
