"""A 发展党员 row that breaks a rule rejects the whole workbook, named by row and rule."""

import datetime

import pytest

from qunyan.core.models import AuditEntry
from qunyan.core.scopes import Scope
from qunyan.party.models import DevelopmentRecord
from qunyan.people.models import Person
from qunyan.people.tests.factories import person_row, roster
from qunyan.spreadsheets.engine import workbook_import

from .factories import DEVELOPMENT_HEADER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


def load(make_workbook, people, rows):
    book = make_workbook({"人员": roster(*people), "发展党员": [DEVELOPMENT_HEADER, *rows]})
    return workbook_import(book, scope=Scope.unrestricted(), by=None)


@pytest.mark.parametrize(
    ("dates", "column", "rule"),
    [
        pytest.param(
            (D(2008, 1, 1), None, None, None, None),
            "递交入党申请书日期",
            "under 18",
            id="under eighteen",
        ),
        pytest.param(
            (D(2021, 1, 1), D(2021, 3, 1), D(2022, 2, 28), None, None),
            "确定发展对象日期",
            "activist for a full year",
            id="activist under a year",
        ),
        pytest.param(
            (D(2020, 1, 1), D(2020, 3, 1), D(2021, 3, 1), D(2021, 6, 1), D(2022, 5, 31)),
            "预备党员转正日期",
            "full year of probation",
            id="probation under a year",
        ),
        pytest.param(
            (D(2021, 1, 1), None, D(2022, 3, 1), None, None),
            "确定入党积极分子日期",
            "missing",
            id="a stage skipped",
        ),
    ],
)
def test_a_violating_row_leaves_the_database_untouched(make_workbook, tree, dates, column, rule):
    """People, records and the audit log are as before; the error names row 3 and the rule."""
    valid, teen = person_row(), person_row(birth=D(1991, 1, 1), 姓名="李四")
    if column == "递交入党申请书日期":
        teen = person_row(birth=D(1990, 6, 1), 姓名="李四")
        dates = (D(2008, 5, 31), *dates[1:])
    rows = [
        [valid["公民身份号码"], D(2021, 1, 1), D(2021, 3, 1), None, None, None, "退役军人"],
        [teen["公民身份号码"], *dates, "其他"],
    ]
    before = (Person.objects.count(), AuditEntry.objects.filter(action="create").count())
    report = load(make_workbook, [valid, teen], rows)
    assert [(e.sheet, e.row, e.column) for e in report.errors] == [("发展党员", 3, column)]
    assert rule in report.errors[0].message
    assert not DevelopmentRecord.objects.exists()
    assert (Person.objects.count(), AuditEntry.objects.filter(action="create").count()) == before


def test_the_rule_is_named_in_chinese(make_workbook, tree, settings):
    """In the default language the error says the rule in Chinese."""
    from django.utils import translation

    young = person_row(birth=D(2008, 6, 1))
    with translation.override("zh-hans"):
        report = load(
            make_workbook,
            [young],
            [[young["公民身份号码"], D(2026, 5, 31), None, None, None, None, "其他"]],
        )
        message = report.errors[0].message
    assert "18" in message and "申请" in message


def test_the_minimum_wait_before_activist_applies_to_the_import_too(make_workbook, tree, settings):
    """With PARTY_ACTIVIST_MIN_MONTHS = 6, an activist two months after applying is refused."""
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "PARTY_ACTIVIST_MIN_MONTHS": 6}
    person = person_row()
    row = [person["公民身份号码"], D(2021, 1, 1), D(2021, 3, 1), None, None, None, "其他"]
    report = load(make_workbook, [person], [row])
    assert [(e.row, e.column) for e in report.errors] == [(2, "确定入党积极分子日期")]
    assert "at least 6 months" in report.errors[0].message
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "PARTY_ACTIVIST_MIN_MONTHS": 0}
    assert load(make_workbook, [person], [row]).errors == []


def test_a_workbook_cannot_move_a_date_recorded_step_by_step(make_workbook, niupingao):
    """The activist date fixed on the record's page is kept; the row names the step and column."""
    from qunyan.people.tests.factories import make_person

    from .factories import make_members, walk

    person = make_person(niupingao, name="张伟", birth=D(1995, 3, 8))
    walk(person, make_members(niupingao), upto=5)
    moved = [person.id_number, D(2024, 3, 1), D(2024, 4, 2), None, None, None, "其他"]
    book = make_workbook({"发展党员": [DEVELOPMENT_HEADER, moved]})
    report = workbook_import(book, scope=Scope.unrestricted(), by=None)
    assert [(e.row, e.column) for e in report.errors] == [(2, "确定入党积极分子日期")]
    assert "Step 3" in report.errors[0].message
    assert DevelopmentRecord.objects.get().activist_on == D(2024, 4, 1)
    same = [person.id_number, D(2024, 3, 1), D(2024, 4, 1), None, None, None, "其他"]
    book = make_workbook({"发展党员": [DEVELOPMENT_HEADER, same]})
    assert workbook_import(book, scope=Scope.unrestricted(), by=None).errors == []
