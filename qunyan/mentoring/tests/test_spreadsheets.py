"""The 导师帮带 sheet: errors, idempotency, export and import back."""

import datetime
import io

import pytest

from qunyan.core.scopes import Scope
from qunyan.mentoring.choices import Principle
from qunyan.mentoring.models import Mentorship
from qunyan.people.tests.factories import make_person, new_id_number
from qunyan.spreadsheets.engine import workbook_export, workbook_import

from .factories import MENTORSHIP_HEADER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date
SHEET = "导师帮带"


@pytest.fixture
def veteran(yangjiaotang):
    """A town official who mentors village cadres."""
    return make_person(yangjiaotang, name="黄志强", birth=D(1970, 5, 5))


@pytest.fixture
def newcomer(niupingao):
    return make_person(niupingao, name="吴佳", birth=D(1996, 7, 7), gender="F")


def load(make_workbook, *rows):
    book = make_workbook({SHEET: [MENTORSHIP_HEADER, *rows]})
    return workbook_import(book, scope=Scope.unrestricted(), by=None)


def located(report):
    return [(issue.sheet, issue.row, issue.column) for issue in report.errors]


def test_it_imports_a_pair(make_workbook, veteran, newcomer):
    """A row becomes a pair with its principle's code."""
    report = load(make_workbook, [veteran.id_number, newcomer.id_number, "镇带村", D(2021, 3, 1)])
    assert report.errors == []
    pair = Mentorship.objects.get()
    assert (pair.mentor, pair.mentee, pair.principle) == (
        veteran,
        newcomer,
        Principle.TOWN_TO_VILLAGE,
    )


@pytest.mark.parametrize(
    ("row", "column"),
    [
        pytest.param(
            ["mentor", new_id_number(), "老带新", D(2021, 3, 1)],
            "帮带对象身份号码",
            id="unknown mentee",
        ),
        pytest.param(["mentor", "mentee", "一对一", D(2021, 3, 1)], "帮带方式", id="bad principle"),
        pytest.param(
            ["mentor", "mentor", "老带新", D(2021, 3, 1)], "帮带对象身份号码", id="own mentor"
        ),
        pytest.param(
            ["mentor", "mentee", "老带新", D(2021, 3, 1), D(2021, 2, 28)],
            "结束日期",
            id="ends before it starts",
        ),
    ],
)
def test_it_reports_a_bad_row_on_its_column(make_workbook, veteran, newcomer, row, column):
    """Each error names the row and the column at fault, and nothing is written."""
    ids = {"mentor": veteran.id_number, "mentee": newcomer.id_number}
    row = [ids.get(cell, cell) for cell in row]
    assert located(load(make_workbook, row)) == [(SHEET, 2, column)]
    assert not Mentorship.objects.exists()


def test_a_second_import_of_the_same_workbook_changes_nothing(make_workbook, veteran, newcomer):
    """Pairs are found by (mentor, mentee, start date) and left unchanged."""
    row = [veteran.id_number, newcomer.id_number, "强带弱", D(2021, 3, 1), D(2022, 3, 1)]
    load(make_workbook, row)
    counts = load(make_workbook, row).sheets[SHEET]
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 1)


def test_an_exported_workbook_imports_back_to_the_same_pairs(make_workbook, veteran, newcomer):
    """Export with full numbers, empty the table, import: the pairs are as they were."""
    load(
        make_workbook,
        [veteran.id_number, newcomer.id_number, "镇带村", D(2021, 3, 1), D(2021, 12, 31)],
        [veteran.id_number, newcomer.id_number, "老带新", D(2022, 3, 1)],
    )
    fields = ["mentor", "mentee", "principle", "started_on", "ended_on"]
    before = sorted(Mentorship.objects.values_list(*fields))
    book = io.BytesIO()
    workbook_export(book, town=veteran.town, scope=Scope.unrestricted(), by=None, reveal=True)
    Mentorship.objects.all().delete()
    book.seek(0)
    assert workbook_import(book, scope=Scope.unrestricted(), by=None).errors == []
    assert sorted(Mentorship.objects.values_list(*fields)) == before
