"""The exchange-workbook importer: every error kind, all-or-nothing, dry runs, audit, idempotency.

Rows are numbered as Excel shows them: the header is row 1, the first person row 2.
"""

import datetime
import io
import re

import pytest
import time_machine
from django.utils import translation

from qunyan.core.models import AuditEntry, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.models import CadreTerm, Person
from qunyan.people.services import id_number_index
from qunyan.people.spreadsheets import PersonSheet
from qunyan.people.tests.factories import (
    ROSTER_HEADER,
    make_person,
    new_id_number,
    person_row,
    roster,
    table,
)
from qunyan.reserves.models import Reserve
from qunyan.reserves.tests.factories import RESERVE_HEADER
from qunyan.spreadsheets.engine import Issue, workbook_import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "tree")]

CADRE_HEADER = ("公民身份号码", "职务", "任职起始日期", "任职终止日期", "绩效奖金基数")
VILLAGE_HEADER = ("乡镇", "名称", "类型")


def run(book, *, scope=None, by=None, dry_run=False, file_name="roster.xlsx"):
    return workbook_import(
        book, scope=scope or Scope.unrestricted(), by=by, dry_run=dry_run, file_name=file_name
    )


def the_error(report) -> Issue:
    assert len(report.errors) == 1, report.errors
    return report.errors[0]


def assert_issue(issue: Issue, sheet: str, row: int | None, column: str, fragment: str) -> None:
    assert (issue.sheet, issue.row, issue.column) == (sheet, row, column), issue
    assert fragment in issue.message, issue.message


def snapshot() -> dict[str, int]:
    """What an import could have written."""
    return {
        "people": Person.objects.count(),
        "units": OrgUnit.objects.count(),
        "terms": CadreTerm.objects.count(),
        "reserves": Reserve.objects.count(),
        "created": AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).count(),
        "updated": AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).count(),
        "imports": AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).count(),
    }


def xlsx_bytes(make_workbook) -> bytes:
    return make_workbook({"人员": roster(person_row())}).getvalue()


# --- Files that are not workbooks --------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(bytes(range(256)) * 40, id="random bytes"),
        pytest.param("姓名,公民身份号码\n张三,43118119850109123X\n".encode(), id="text file"),
        pytest.param(b"", id="empty file"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_one_clear_error(content):
    """No traceback: one error on the file, naming no row or column."""
    before = snapshot()
    report = run(io.BytesIO(content), file_name="名单.txt")
    assert_issue(the_error(report), "名单.txt", None, "", "not an Excel workbook")
    assert not report.committed
    assert snapshot() == before


def test_a_truncated_workbook_is_one_clear_error(make_workbook):
    """A real .xlsx cut in half (an interrupted upload) is refused without a traceback."""
    content = xlsx_bytes(make_workbook)
    report = run(io.BytesIO(content[: len(content) // 2]), file_name="half.xlsx")
    assert_issue(the_error(report), "half.xlsx", None, "", "damaged or incomplete")
    assert Person.objects.count() == 0


def test_a_workbook_without_any_exchange_sheet_is_an_error(make_workbook):
    """A workbook of other sheets is refused, and each sheet is named in a warning."""
    report = run(make_workbook({"Sheet1": [["a", "b"], [1, 2]]}))
    assert_issue(the_error(report), "roster.xlsx", None, "", "none of the exchange sheets")
    assert [w.sheet for w in report.warnings] == ["Sheet1"]


# --- Sheet and header problems -----------------------------------------------------------------


def test_a_missing_required_column_is_an_error_on_the_header_row(make_workbook):
    """Without 所属单位 the sheet cannot be read: an error on row 1 naming the column."""
    header = tuple(h for h in ROSTER_HEADER if h != "所属单位")
    report = run(make_workbook({"人员": roster(person_row(), header=header)}))
    assert_issue(the_error(report), "人员", 1, "所属单位", "required column is missing")
    assert Person.objects.count() == 0


def test_every_missing_required_column_is_reported(make_workbook):
    """Two required columns missing: two errors, not only the first."""
    report = run(make_workbook({"人员": [["姓名", "性别"], ["张三", "男"]]}))
    assert [(e.row, e.column) for e in report.errors] == [(1, "公民身份号码"), (1, "所属单位")]


def test_a_missing_optional_column_is_fine(make_workbook):
    """Optional columns (民族, 学历 …) may be left out of the sheet entirely."""
    header = ("姓名", "公民身份号码", "所属单位")
    report = run(make_workbook({"人员": roster(person_row(), header=header)}))
    assert report.ok, report.errors
    assert Person.objects.get().education == ""


def test_a_duplicated_column_is_an_error(make_workbook):
    """Two 姓名 columns: which one is meant is unknowable, so it is an error."""
    header = (*ROSTER_HEADER, "姓名")
    report = run(make_workbook({"人员": roster(person_row(), header=header)}))
    assert_issue(the_error(report), "人员", 1, "姓名", "appears twice")
    assert Person.objects.count() == 0


def test_blank_header_cells_are_not_a_duplicated_column(make_workbook):
    """A note typed to the right of the table leaves blank header cells; they are ignored."""
    rows = roster(person_row())
    rows[0] += [None, None]
    rows[1] += [None, "核对无误"]
    report = run(make_workbook({"人员": rows}))
    assert report.ok, report.errors
    assert Person.objects.count() == 1


def test_an_unknown_sheet_is_a_warning_and_the_import_goes_on(make_workbook):
    """A sheet the contract does not know is named in a warning; the rest is imported."""
    report = run(make_workbook({"备注": [["说明"], ["2023年名单"]], "人员": roster(person_row())}))
    assert report.ok and report.committed
    assert_issue(report.warnings[0], "备注", None, "", "not part of the exchange workbook")
    assert Person.objects.count() == 1


def test_an_unknown_column_is_a_warning_and_the_import_goes_on(make_workbook):
    """An extra column (籍贯) is ignored with a warning naming it on the header row."""
    rows = roster(person_row(籍贯="湖南祁阳"), header=(*ROSTER_HEADER, "籍贯"))
    report = run(make_workbook({"人员": rows}))
    assert report.ok
    assert_issue(report.warnings[0], "人员", 1, "籍贯", "Unknown column")
    assert Person.objects.count() == 1


def test_columns_may_come_in_any_order(make_workbook):
    """Headers are matched by name, not by position."""
    header = tuple(reversed(ROSTER_HEADER))
    report = run(make_workbook({"人员": roster(person_row(姓名="李四"), header=header)}))
    assert report.ok, report.errors
    assert Person.objects.get().name == "李四"


# --- Cell problems, one kind per test ----------------------------------------------------------


def test_a_blank_required_cell_is_one_error(make_workbook):
    """A person without a name: one error on that cell."""
    report = run(make_workbook({"人员": roster(person_row(姓名=None))}))
    assert_issue(the_error(report), "人员", 2, "姓名", "must be filled in")


def test_a_blank_required_id_is_one_error(make_workbook):
    """A person without an ID number: one error on that cell."""
    report = run(make_workbook({"人员": roster(person_row(公民身份号码="  "))}))
    assert_issue(the_error(report), "人员", 2, "公民身份号码", "must be filled in")


def test_a_bad_date_is_an_error_on_its_cell(make_workbook):
    """出生日期 written as 1990.05.17 is refused with the accepted forms."""
    report = run(make_workbook({"人员": roster(person_row(出生日期="1990.05.17"))}))
    assert_issue(the_error(report), "人员", 2, "出生日期", "1990.05.17 is not a date")


def test_an_impossible_date_is_an_error_on_its_cell(make_workbook):
    """30 February is refused as not a real date."""
    report = run(make_workbook({"人员": roster(person_row(出生日期="1990-02-30"))}))
    assert_issue(the_error(report), "人员", 2, "出生日期", "not a real date")


def test_a_bad_choice_is_an_error_on_its_cell(make_workbook):
    """学历 must be one of the contract's words or aliases."""
    report = run(make_workbook({"人员": roster(person_row(学历="幼儿园"))}))
    assert_issue(the_error(report), "人员", 2, "学历", "幼儿园 is not one of")


def test_a_bad_gender_word_is_an_error_on_its_cell(make_workbook):
    """性别 is 男 or 女."""
    report = run(make_workbook({"人员": roster(person_row(性别="M"))}))
    assert_issue(the_error(report), "人员", 2, "性别", "M is not one of")


def test_a_wrong_check_digit_is_an_error_on_the_id_cell(make_workbook):
    """An ID failing GB 11643 is refused with the reason."""
    report = run(make_workbook({"人员": roster(person_row(公民身份号码="431181199001011230"))}))
    assert_issue(the_error(report), "人员", 2, "公民身份号码", "check digit does not match")


def test_an_id_of_17_characters_is_an_error_on_the_id_cell(make_workbook):
    """A digit too few is a length error."""
    report = run(make_workbook({"人员": roster(person_row(公民身份号码="43118119900101123"))}))
    assert_issue(the_error(report), "人员", 2, "公民身份号码", "18 characters")


def test_an_id_stored_as_a_number_is_an_error_on_the_id_cell(make_workbook):
    """A number cell (Excel shows 4.31181E+17) has lost digits: refused, no traceback."""
    report = run(make_workbook({"人员": roster(person_row(公民身份号码=431181199001011234))}))
    assert_issue(the_error(report), "人员", 2, "公民身份号码", "stored as a number")


def test_a_gender_that_disagrees_with_the_id_is_an_error(make_workbook):
    """性别 女 on a man's number is refused on the 性别 cell."""
    row = person_row(gender="M", 性别="女")
    report = run(make_workbook({"人员": roster(row)}))
    assert_issue(the_error(report), "人员", 2, "性别", "does not agree with the ID number")


def test_a_birth_date_that_disagrees_with_the_id_is_an_error(make_workbook):
    """出生日期 other than the number's is refused, naming the number's date."""
    row = person_row(birth=datetime.date(1990, 5, 17), 出生日期=datetime.date(1990, 5, 18))
    report = run(make_workbook({"人员": roster(row)}))
    assert_issue(the_error(report), "人员", 2, "出生日期", "(May 17, 1990)")


def test_gender_and_birth_date_are_derived_from_the_id_when_blank(make_workbook):
    """Blank 性别 and 出生日期 are filled from the ID number."""
    row = person_row(birth=datetime.date(1988, 2, 29), gender="F", 性别=None, 出生日期=None)
    assert run(make_workbook({"人员": roster(row)})).ok
    person = Person.objects.get()
    assert (person.gender, person.birth_date) == ("F", datetime.date(1988, 2, 29))


def test_a_duplicated_id_in_the_sheet_is_an_error_on_the_second_row(make_workbook):
    """The same number twice: the later row is refused and points to the first."""
    id_number = new_id_number()
    rows = roster(
        person_row(公民身份号码=id_number),
        person_row(姓名="李四"),
        person_row(姓名="王五", 公民身份号码=id_number.lower()),
    )
    report = run(make_workbook({"人员": rows}))
    assert_issue(the_error(report), "人员", 4, "公民身份号码", "same ID number is on row 2")
    assert Person.objects.count() == 0


def test_a_duplicated_id_in_a_later_batch_is_found(make_workbook, monkeypatch):
    """Batches do not hide duplicates: the first batch's rows are remembered."""
    monkeypatch.setattr(PersonSheet, "batch_size", 2)
    id_number = new_id_number()
    rows = roster(
        person_row(公民身份号码=id_number),
        person_row(),
        person_row(),
        person_row(公民身份号码=id_number),
    )
    report = run(make_workbook({"人员": rows}))
    assert_issue(the_error(report), "人员", 5, "公民身份号码", "same ID number is on row 2")
    assert Person.objects.count() == 0


def test_an_unknown_unit_is_an_error_on_its_cell(make_workbook):
    """所属单位 must name a village, community or town."""
    report = run(make_workbook({"人员": roster(person_row("不存在村"))}))
    assert_issue(the_error(report), "人员", 2, "所属单位", "不存在村 is not a village")


def test_a_bad_phone_number_is_an_error_on_its_cell(make_workbook):
    """联系电话 is an 11-digit mobile or a landline with its area code."""
    report = run(make_workbook({"人员": roster(person_row(联系电话="12345"))}))
    assert_issue(the_error(report), "人员", 2, "联系电话", "11-digit mobile")


def test_a_too_long_name_is_an_error_on_its_cell(make_workbook):
    """姓名 has at most 50 characters."""
    report = run(make_workbook({"人员": roster(person_row(姓名="张" * 51))}))
    assert_issue(the_error(report), "人员", 2, "姓名", "at most 50")


def test_row_numbers_count_blank_rows_as_excel_does(make_workbook):
    """A blank row is skipped but still counted: the error is on the row Excel shows."""
    rows = roster(person_row(), person_row(学历="幼儿园"))
    rows.insert(2, [None] * len(ROSTER_HEADER))
    report = run(make_workbook({"人员": rows}))
    assert_issue(the_error(report), "人员", 4, "学历", "is not one of")


def test_a_cadre_whose_id_no_roster_row_defines_is_an_error(make_workbook):
    """A 村干部 row must refer to someone of the 人员 sheet or of the registry."""
    rows = table(
        CADRE_HEADER,
        [
            {
                "公民身份号码": new_id_number(),
                "职务": "委员",
                "任职起始日期": datetime.date(2021, 3, 20),
            }
        ],
    )
    report = run(make_workbook({"村干部": rows}))
    assert_issue(the_error(report), "村干部", 2, "公民身份号码", "No row of the 人员 sheet")


def test_a_reserve_whose_id_no_roster_row_defines_is_an_error(make_workbook):
    """A 后备力量 row must refer to someone of the 人员 sheet or of the registry."""
    rows = table(
        RESERVE_HEADER, [{"公民身份号码": new_id_number(), "入库日期": datetime.date(2022, 1, 1)}]
    )
    report = run(make_workbook({"后备力量": rows}))
    assert_issue(the_error(report), "后备力量", 2, "公民身份号码", "No row of the 人员 sheet")


def test_a_reserve_may_refer_to_someone_already_in_the_registry(make_workbook, niupingao):
    """No 人员 row is needed for a person the database already holds."""
    person = make_person(niupingao)
    rows = table(
        RESERVE_HEADER,
        [
            {
                "公民身份号码": person.id_number.lower(),
                "入库日期": "2022年1月1日",
                "来源类别": "退伍军人",
            }
        ],
    )
    report = run(make_workbook({"后备力量": rows}))
    assert report.ok, report.errors
    stay = Reserve.objects.get()
    assert (stay.person, stay.town_id, stay.source_category) == (
        person,
        niupingao.town_id,
        "veteran",
    )


def test_an_invalid_id_on_another_sheet_is_an_error_there(make_workbook):
    """A mistyped number on 后备力量 gets the ID reason, not 'unknown person'."""
    rows = table(
        RESERVE_HEADER,
        [{"公民身份号码": "431181199001011230", "入库日期": datetime.date(2022, 1, 1)}],
    )
    report = run(make_workbook({"后备力量": rows}))
    assert_issue(the_error(report), "后备力量", 2, "公民身份号码", "check digit")


def test_a_reference_to_a_roster_row_in_error_is_not_reported_twice(make_workbook):
    """The 人员 row carries the error; the 后备力量 row naming that person adds none."""
    row = person_row(学历="幼儿园")
    reserves = table(
        RESERVE_HEADER,
        [{"公民身份号码": row["公民身份号码"], "入库日期": datetime.date(2022, 1, 1)}],
    )
    report = run(make_workbook({"人员": roster(row), "后备力量": reserves}))
    assert_issue(the_error(report), "人员", 2, "学历", "is not one of")


def test_a_term_ending_before_it_starts_is_an_error(make_workbook):
    """任职终止日期 before 任职起始日期 is refused on the end date."""
    row = person_row()
    terms = table(
        CADRE_HEADER,
        [
            {
                "公民身份号码": row["公民身份号码"],
                "职务": "委员",
                "任职起始日期": "2021-03-20",
                "任职终止日期": "2021-03-19",
            }
        ],
    )
    report = run(make_workbook({"人员": roster(row), "村干部": terms}))
    assert_issue(the_error(report), "村干部", 2, "任职终止日期", "end date is before the start")
    assert Person.objects.count() == 0


def test_a_stay_ending_before_it_starts_is_an_error(make_workbook):
    """出库日期 before 入库日期 is refused on the exit date."""
    row = person_row()
    stays = table(
        RESERVE_HEADER,
        [{"公民身份号码": row["公民身份号码"], "入库日期": "2022-05-01", "出库日期": "2022-04-30"}],
    )
    report = run(make_workbook({"人员": roster(row), "后备力量": stays}))
    assert_issue(the_error(report), "后备力量", 2, "出库日期", "exit date is before the entry")


def test_a_cadre_must_belong_to_a_village(make_workbook):
    """A town-level person cannot hold a two-committee post."""
    row = person_row("羊角塘镇")
    terms = table(
        CADRE_HEADER,
        [{"公民身份号码": row["公民身份号码"], "职务": "委员", "任职起始日期": "2021-03-20"}],
    )
    report = run(make_workbook({"人员": roster(row), "村干部": terms}))
    assert_issue(the_error(report), "村干部", 2, "公民身份号码", "not a village or community")


def test_a_bad_bonus_amount_is_an_error_on_its_cell(make_workbook):
    """绩效奖金基数 is yuan to the fen."""
    row = person_row()
    terms = table(
        CADRE_HEADER,
        [
            {
                "公民身份号码": row["公民身份号码"],
                "职务": "委员",
                "任职起始日期": "2021-03-20",
                "绩效奖金基数": "三万",
            }
        ],
    )
    report = run(make_workbook({"人员": roster(row), "村干部": terms}))
    assert_issue(the_error(report), "村干部", 2, "绩效奖金基数", "not an amount of money")


def test_a_village_listed_twice_is_an_error(make_workbook):
    """村社区 rows are unique per (乡镇, 名称)."""
    rows = [VILLAGE_HEADER, ("羊角塘镇", "新村", "村"), ("羊角塘镇", "新村", "社区")]
    report = run(make_workbook({"村社区": rows}))
    assert_issue(the_error(report), "村社区", 3, "名称", "Duplicate of row 2")
    assert not OrgUnit.objects.filter(name="新村").exists()


def test_a_bad_village_kind_is_an_error(make_workbook):
    """类型 is 村 or 社区."""
    report = run(make_workbook({"村社区": [VILLAGE_HEADER, ("羊角塘镇", "新村", "居委会")]}))
    assert_issue(the_error(report), "村社区", 2, "类型", "居委会 is not one of")


# --- All-or-nothing --------------------------------------------------------------------------


def test_every_error_of_every_sheet_is_reported(make_workbook):
    """Several errors in one file are all listed, in sheet order, with their rows and columns."""
    good = person_row()
    rows = roster(
        good,
        person_row(学历="幼儿园"),
        person_row(出生日期="昨天"),
        person_row(公民身份号码="431181199001011230"),
    )
    stays = table(
        RESERVE_HEADER,
        [
            {"公民身份号码": good["公民身份号码"], "入库日期": "2022-02-30"},
            {"公民身份号码": new_id_number(), "入库日期": "2022-01-01"},
        ],
    )
    villages = [VILLAGE_HEADER, ("羊角塘镇", "新村", "居委会")]
    report = run(make_workbook({"后备力量": stays, "人员": rows, "村社区": villages}))
    assert [(e.sheet, e.row, e.column) for e in report.errors] == [
        ("村社区", 2, "类型"),
        ("人员", 3, "学历"),
        ("人员", 4, "出生日期"),
        ("人员", 5, "公民身份号码"),
        ("后备力量", 2, "入库日期"),
        ("后备力量", 3, "公民身份号码"),
    ]


def test_nothing_is_written_when_any_row_is_in_error(make_workbook):
    """Good rows of every sheet are rolled back with the bad one: no people, units or audit."""
    good = person_row()
    stays = table(
        RESERVE_HEADER, [{"公民身份号码": good["公民身份号码"], "入库日期": "2022-01-01"}]
    )
    before = snapshot()
    report = run(
        make_workbook(
            {
                "村社区": [VILLAGE_HEADER, ("羊角塘镇", "新村", "村"), ("新镇", "新新村", "村")],
                "人员": roster(good, person_row("新村"), person_row(学历="幼儿园")),
                "后备力量": stays,
            }
        )
    )
    assert len(report.errors) == 1 and not report.committed
    assert report.sheets["人员"].created == 2  # what would have been written
    assert snapshot() == before


def test_nothing_is_written_when_an_error_is_in_a_later_batch(make_workbook, monkeypatch):
    """Batches already written are rolled back when a later one fails."""
    monkeypatch.setattr(PersonSheet, "batch_size", 2)
    rows = roster(person_row(), person_row(), person_row(), person_row(学历="幼儿园"))
    report = run(make_workbook({"人员": rows}))
    assert_issue(the_error(report), "人员", 5, "学历", "is not one of")
    assert Person.objects.count() == 0


def test_a_failed_import_is_audited(make_workbook, alice):
    """The failure itself is logged, with the actor, the file and the number of errors."""
    rows = roster(person_row(学历="幼儿园"), person_row(出生日期="昨天"))
    run(
        make_workbook({"人员": rows}),
        scope=Scope.for_account(alice),
        by=alice,
        file_name="2023名单.xlsx",
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT_FAILED)
    assert (entry.actor, entry.actor_name, entry.target_repr) == (alice, "alice", "2023名单.xlsx")
    assert entry.note == "2 errors"
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).exists()


def test_an_unreadable_file_is_audited_as_a_failed_import(alice):
    """Even a file that is no workbook leaves a trace of the attempt."""
    run(io.BytesIO(b"not a workbook"), scope=Scope.for_account(alice), by=alice, file_name="x.xlsx")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT_FAILED, actor=alice).exists()


# --- Dry runs --------------------------------------------------------------------------------


def test_a_dry_run_writes_nothing_but_counts_what_would_change(make_workbook):
    """--dry-run: the report has the counts, the database and the audit log are untouched."""
    row = person_row()
    book = make_workbook(
        {
            "村社区": [VILLAGE_HEADER, ("羊角塘镇", "新村", "村"), ("羊角塘镇", "石门村", "村")],
            "人员": roster(row, person_row("新村")),
            "后备力量": table(
                RESERVE_HEADER, [{"公民身份号码": row["公民身份号码"], "入库日期": "2022-01-01"}]
            ),
        }
    )
    before = snapshot()
    report = run(book, dry_run=True)
    assert report.ok and report.dry_run and not report.committed
    counts = {
        name: (c.rows, c.created, c.updated, c.unchanged) for name, c in report.sheets.items()
    }
    assert counts == {"村社区": (2, 1, 0, 1), "人员": (2, 2, 0, 0), "后备力量": (1, 1, 0, 0)}
    assert snapshot() == before
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT_FAILED).exists()


def test_a_dry_run_reports_errors_like_an_import(make_workbook):
    """A dry run with a bad row lists the error and writes nothing."""
    report = run(make_workbook({"人员": roster(person_row(学历="幼儿园"))}), dry_run=True)
    assert_issue(the_error(report), "人员", 2, "学历", "is not one of")
    assert Person.objects.count() == 0


# --- What an import writes -------------------------------------------------------------------


def test_an_import_creates_villages_people_terms_and_stays(make_workbook, yangjiaotang):
    """All four sheets of the foundation land in the registry, linked to the right units."""
    cadre, reserve = person_row("新村", 姓名="赵六"), person_row("牛坪坳村", 姓名="孙七")
    report = run(
        make_workbook(
            {
                "村社区": [VILLAGE_HEADER, ("羊角塘镇", "新村", "社区")],
                "人员": roster(cadre, reserve),
                "村干部": table(
                    CADRE_HEADER,
                    [
                        {
                            "公民身份号码": cadre["公民身份号码"],
                            "职务": "书记兼主任",
                            "任职起始日期": "2021/3/20",
                            "绩效奖金基数": 36000,
                        }
                    ],
                ),
                "后备力量": table(
                    RESERVE_HEADER,
                    [
                        {
                            "公民身份号码": reserve["公民身份号码"],
                            "入库日期": datetime.date(2022, 6, 1),
                            "来源类别": "返乡创业大学生",
                        }
                    ],
                ),
            }
        )
    )
    assert report.ok and report.committed, report.errors
    village = OrgUnit.objects.get(name="新村")
    assert (village.kind, village.parent, village.town) == ("community", yangjiaotang, yangjiaotang)
    term = CadreTerm.objects.get()
    assert (term.person.name, term.village, term.post, str(term.bonus_base)) == (
        "赵六",
        village,
        "书记兼主任",
        "36000.00",
    )
    stay = Reserve.objects.get()
    assert (stay.person.name, stay.town, stay.entered_on) == (
        "孙七",
        yangjiaotang,
        datetime.date(2022, 6, 1),
    )


def test_a_town_named_in_the_village_sheet_is_created_by_the_operator(make_workbook):
    """The command line (unrestricted) may bring a new town with its villages."""
    report = run(make_workbook({"村社区": [VILLAGE_HEADER, ("新镇", "新村", "村")]}))
    assert report.ok
    village = OrgUnit.objects.get(name="新村")
    assert (village.parent.name, village.parent.kind, village.town) == (
        "新镇",
        "town",
        village.parent,
    )


def test_an_import_is_audited_with_its_counts(make_workbook, alice):
    """One import entry with who, the file and per-sheet counts; one create entry per person."""
    rows = roster(person_row(), person_row(姓名="李四"))
    run(
        make_workbook({"人员": rows}),
        scope=Scope.for_account(alice),
        by=alice,
        file_name="名单.xlsx",
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT)
    assert (entry.actor, entry.target_repr, entry.changes) == (alice, "名单.xlsx", {"人员": [2, 0]})
    assert "人员" in entry.note
    created = AuditEntry.objects.filter(
        action=AuditEntry.Action.CREATE, target_type="people.Person"
    )
    assert created.count() == 2
    assert {e.actor for e in created} == {alice}


def test_the_audit_log_of_an_import_holds_no_clear_id_or_phone(make_workbook):
    """Create entries name people by their masked number; phones are masked too."""
    row = person_row(联系电话="13812345678")
    rows = table(RESERVE_HEADER, [{"公民身份号码": row["公民身份号码"], "入库日期": "2022-01-01"}])
    run(make_workbook({"人员": roster(row), "后备力量": rows}))
    person = Person.objects.get()
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.CREATE, target_id=str(person.pk), target_type="people.Person"
    )
    assert entry.target_repr == f"张三 {person.masked_id_number}"
    assert entry.changes["phone"] == [None, "138****5678"]
    for logged in AuditEntry.objects.all():
        text = f"{logged.target_repr} {logged.changes} {logged.note}"
        assert row["公民身份号码"] not in text and "13812345678" not in text


def test_ids_are_normalised_across_sheets(make_workbook):
    """A number with full-width digits and x on 人员 matches its plain form on 后备力量."""
    id_number = "43118119850109123X"
    full_width = "４３１１８１１９８５０１０９１２３ｘ"
    rows = table(RESERVE_HEADER, [{"公民身份号码": id_number, "入库日期": "2022-01-01"}])
    report = run(
        make_workbook(
            {
                "人员": roster(person_row(公民身份号码=full_width, 出生日期=None, 性别=None)),
                "后备力量": rows,
            }
        )
    )
    assert report.ok, report.errors
    person = Person.objects.get()
    assert person.id_number == id_number
    assert person.id_number_index == id_number_index(id_number)
    assert Reserve.objects.get().person == person


def test_cells_are_trimmed(make_workbook):
    """Leading and trailing spaces in names and units do not become part of the data."""
    report = run(make_workbook({"人员": roster(person_row(" 牛坪坳村 ", 姓名=" 张三 "))}))
    assert report.ok, report.errors
    person = Person.objects.get()
    assert (person.name, person.unit.name) == ("张三", "牛坪坳村")


def test_phone_numbers_are_normalised(make_workbook):
    """A phone typed in full width with spaces is stored as plain digits."""
    report = run(make_workbook({"人员": roster(person_row(联系电话="１３８ １２３４ ５６７８"))}))
    assert report.ok, report.errors
    assert Person.objects.get().phone == "13812345678"


# --- Idempotency and updates -----------------------------------------------------------------


def _full_workbook(make_workbook, *, people):
    first = people[0]
    return make_workbook(
        {
            "村社区": [VILLAGE_HEADER, ("羊角塘镇", "新村", "村")],
            "人员": roster(*people),
            "村干部": table(
                CADRE_HEADER,
                [
                    {
                        "公民身份号码": first["公民身份号码"],
                        "职务": "委员",
                        "任职起始日期": "2021-03-20",
                        "绩效奖金基数": "24000.5",
                    }
                ],
            ),
            "后备力量": table(
                RESERVE_HEADER,
                [
                    {
                        "公民身份号码": p["公民身份号码"],
                        "入库日期": "2022-01-01",
                        "来源类别": "其他",
                    }
                    for p in people[1:]
                ],
            ),
        }
    )


def test_importing_the_same_workbook_twice_changes_nothing(make_workbook):
    """The second import finds every row unchanged and writes no create or update entry."""
    people = [person_row("新村"), person_row(姓名="李四"), person_row(姓名="王五", 联系电话=None)]
    assert run(_full_workbook(make_workbook, people=people)).ok
    before = snapshot()
    report = run(_full_workbook(make_workbook, people=people))
    assert report.ok and report.committed
    counts = {name: (c.created, c.updated, c.unchanged) for name, c in report.sheets.items()}
    assert counts == {
        "村社区": (0, 0, 1),
        "人员": (0, 0, 3),
        "村干部": (0, 0, 1),
        "后备力量": (0, 0, 2),
    }
    after = snapshot()
    assert after == {**before, "imports": before["imports"] + 1}


def test_an_update_changes_only_what_differs_and_audits_old_and_new(make_workbook):
    """A changed 学历 and phone: one update, with old → new values and masked phones."""
    first, second = person_row(), person_row(姓名="李四", 联系电话="13812345678")
    assert run(make_workbook({"人员": roster(first, second)})).ok
    changed = {**second, "学历": "硕士", "联系电话": "13987654321"}
    report = run(make_workbook({"人员": roster(first, changed)}))
    counts = report.sheets["人员"]
    assert (counts.created, counts.updated, counts.unchanged) == (0, 1, 1)
    person = Person.objects.get(name="李四")
    assert (person.education, person.phone) == ("master", "13987654321")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.target_id == str(person.pk)
    assert entry.changes == {
        "education": ["bachelor", "master"],
        "phone": ["138****5678", "139****4321"],
    }
    assert entry.target_repr == f"李四 {person.masked_id_number}"


def test_an_update_moves_a_person_to_another_village(make_workbook, niupingao, shimen):
    """所属单位 changed: the person follows, and the audit names the old and new unit."""
    row = person_row("牛坪坳村")
    assert run(make_workbook({"人员": roster(row)})).ok
    assert run(make_workbook({"人员": roster({**row, "所属单位": "石门村"})})).ok
    assert Person.objects.get().unit == shimen
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.changes == {"unit_id": [niupingao.pk, shimen.pk]}


def test_an_updated_term_is_audited_with_old_and_new(make_workbook):
    """A term that gets an end date is updated in place (same person, post and start)."""
    row = person_row()
    term = {"公民身份号码": row["公民身份号码"], "职务": "委员", "任职起始日期": "2021-03-20"}
    assert run(make_workbook({"人员": roster(row), "村干部": table(CADRE_HEADER, [term])})).ok
    ended = {**term, "任职终止日期": "2023-06-30"}
    report = run(make_workbook({"人员": roster(row), "村干部": table(CADRE_HEADER, [ended])}))
    assert (report.sheets["村干部"].created, report.sheets["村干部"].updated) == (0, 1)
    assert CadreTerm.objects.get().ended_on == datetime.date(2023, 6, 30)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.changes == {"ended_on": [None, "2023-06-30"]}


def test_an_update_moves_updated_at(make_workbook):
    """A person changed by an import shows when it was changed."""
    row = person_row()
    with time_machine.travel(datetime.datetime(2024, 1, 1, 9, tzinfo=datetime.UTC), tick=False):
        assert run(make_workbook({"人员": roster(row)})).ok
    later = datetime.datetime(2024, 3, 1, 9, tzinfo=datetime.UTC)
    with time_machine.travel(later, tick=False):
        assert run(make_workbook({"人员": roster({**row, "学历": "大专"})})).ok
    assert Person.objects.get().updated_at == later


# --- Language --------------------------------------------------------------------------------


def test_errors_are_in_chinese_by_default(make_workbook):
    """Without a language choice the user reads the errors in zh-hans, the default."""
    header = tuple(h for h in ROSTER_HEADER if h != "所属单位")
    with translation.override("zh-hans"):
        report = run(make_workbook({"人员": roster(person_row(), header=header)}))
        message = the_error(report).message
    assert re.search(r"[\u4e00-\u9fff]", message), message
