"""The 发展党员 sheet: errors by sheet, row and column; idempotency; export and import back."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError

from qunyan.core.models import AuditEntry
from qunyan.core.scopes import Scope
from qunyan.party.models import DevelopmentRecord
from qunyan.party.services import development_records_upsert
from qunyan.party.workflow import Stage
from qunyan.people.choices import SourceCategory
from qunyan.people.tests.factories import make_person, new_id_number
from qunyan.spreadsheets.engine import workbook_export, workbook_import

from .factories import DEVELOPMENT_HEADER, development_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date
SHEET = "发展党员"


@pytest.fixture
def zhang(niupingao):
    """A young villager of 牛坪坳村, born in 1995."""
    return make_person(niupingao, name="张伟", birth=D(1995, 3, 8))


def load(make_workbook, *rows):
    book = make_workbook({SHEET: [DEVELOPMENT_HEADER, *rows]})
    return workbook_import(book, scope=Scope.unrestricted(), by=None)


def located(report):
    return [(issue.sheet, issue.row, issue.column) for issue in report.errors]


def test_it_imports_a_record_with_its_stage_dates_and_source(make_workbook, zhang):
    """A valid row becomes the person's record, kept by the person's town."""
    report = load(make_workbook, development_row(zhang.id_number, admitted=D(2022, 7, 1)))
    assert report.errors == []
    record = DevelopmentRecord.objects.get(person=zhang)
    assert record.town == zhang.town
    assert (record.candidate_on, record.admitted_on) == (D(2022, 3, 23), D(2022, 7, 1))
    assert record.source_category == SourceCategory.VETERAN
    assert record.stage is Stage.PROBATIONARY_MEMBER


def test_it_reports_an_id_number_nobody_has(make_workbook, tree):
    """A number no 人员 row or registry record defines is an error on its row and column."""
    report = load(make_workbook, development_row(new_id_number()))
    assert located(report) == [(SHEET, 2, "公民身份号码")]
    assert not DevelopmentRecord.objects.exists()


def test_it_reports_a_source_category_outside_the_contract(make_workbook, zhang):
    """来源类别 must be one of the contract's words."""
    report = load(make_workbook, development_row(zhang.id_number, source="大学生村官"))
    assert located(report) == [(SHEET, 2, "来源类别")]
    assert "is not one of" in report.errors[0].message


def test_it_reports_a_rule_violation_and_writes_nothing(make_workbook, zhang, niupingao):
    """Early conversion names 预备党员转正日期; the valid row before it is not written either."""
    li = make_person(niupingao, name="李娜", birth=D(1990, 1, 1), gender="F")
    report = load(
        make_workbook,
        development_row(li.id_number),
        development_row(zhang.id_number, admitted=D(2022, 7, 1), converted=D(2023, 6, 30)),
    )
    assert located(report) == [(SHEET, 3, "预备党员转正日期")]
    assert "full year of probation" in report.errors[0].message
    assert not DevelopmentRecord.objects.exists()


def test_it_reports_an_applicant_under_eighteen(make_workbook, niupingao):
    """The application of someone who is 17 that day is refused on 递交入党申请书日期."""
    teen = make_person(niupingao, name="王小明", birth=D(2005, 9, 1))
    row = [teen.id_number, D(2023, 8, 31), None, None, None, None, "其他"]
    assert located(load(make_workbook, row)) == [(SHEET, 2, "递交入党申请书日期")]


def test_it_reports_a_second_row_for_the_same_person(make_workbook, zhang):
    """One record per person: a repeated ID number names the first row."""
    report = load(make_workbook, development_row(zhang.id_number), development_row(zhang.id_number))
    assert located(report) == [(SHEET, 3, "公民身份号码")]
    assert "Row 2" in report.errors[0].message


def test_a_blank_source_category_is_stored_as_other(make_workbook, zhang):
    """来源类别 may be left blank; the record then counts under 其他."""
    assert load(make_workbook, development_row(zhang.id_number, source="")).errors == []
    assert DevelopmentRecord.objects.get().source_category == SourceCategory.OTHER


def test_a_second_import_of_the_same_workbook_changes_nothing(make_workbook, zhang):
    """Re-importing finds every record unchanged and writes no create or update entry."""
    rows = [development_row(zhang.id_number, admitted=D(2021, 5, 4), converted=D(2022, 5, 4))]
    load(make_workbook, *rows)
    changes = AuditEntry.objects.filter(action__in=["create", "update"]).count()
    report = load(make_workbook, *rows)
    counts = report.sheets[SHEET]
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 1)
    assert AuditEntry.objects.filter(action__in=["create", "update"]).count() == changes


def test_a_changed_row_updates_the_record(make_workbook, zhang):
    """A later import with a conversion date fills it in on the same record."""
    load(make_workbook, development_row(zhang.id_number, admitted=D(2021, 5, 4)))
    report = load(
        make_workbook,
        development_row(zhang.id_number, admitted=D(2021, 5, 4), converted=D(2022, 5, 10)),
    )
    assert report.sheets[SHEET].updated == 1
    assert DevelopmentRecord.objects.get().converted_on == D(2022, 5, 10)


def test_an_exported_workbook_imports_back_to_the_same_records(make_workbook, zhang, niupingao):
    """Export with full numbers, empty the table, import: the records are as they were."""
    pipeline = make_person(niupingao, name="赵敏", birth=D(2000, 1, 1), gender="F")
    load(
        make_workbook,
        development_row(zhang.id_number, admitted=D(2021, 5, 4), converted=D(2022, 5, 4)),
        [pipeline.id_number, D(2023, 2, 1), D(2023, 5, 1), None, None, None, "返乡创业大学生"],
    )
    fields = [
        "person",
        "town",
        "applied_on",
        "activist_on",
        "candidate_on",
        "admitted_on",
        "converted_on",
        "source_category",
    ]
    before = sorted(DevelopmentRecord.objects.values_list(*fields))
    book = io.BytesIO()
    workbook_export(book, town=zhang.town, scope=Scope.unrestricted(), by=None, reveal=True)
    DevelopmentRecord.objects.all().delete()
    book.seek(0)
    assert workbook_import(book, scope=Scope.unrestricted(), by=None).errors == []
    assert sorted(DevelopmentRecord.objects.values_list(*fields)) == before


def test_the_service_refuses_a_record_that_breaks_a_rule(zhang):
    """Writers other than the importer cannot skip the rules: the service checks them too."""
    with pytest.raises(ValidationError):
        development_records_upsert(
            records=[
                {
                    "person_id": zhang.pk,
                    "town_id": zhang.town_id,
                    "applied_on": D(2021, 1, 1),
                    "activist_on": D(2021, 3, 1),
                    "candidate_on": D(2021, 9, 1),
                    "admitted_on": None,
                    "converted_on": None,
                    "source_category": SourceCategory.OTHER,
                }
            ],
            by=None,
        )
    assert not DevelopmentRecord.objects.exists()
