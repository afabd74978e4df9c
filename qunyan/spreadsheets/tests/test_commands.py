"""`qunyan import FILE [--dry-run]`: a report on stdout, a command error when nothing was written."""

import io

import pytest
from django.core.management import CommandError, call_command

from qunyan.people.models import Person
from qunyan.people.tests.factories import person_row, roster

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "tree")]


def save(tmp_path, make_workbook, *rows, name="名单.xlsx"):
    path = tmp_path / name
    path.write_bytes(make_workbook({"人员": roster(*rows)}).getvalue())
    return path


def run(*args) -> list[str]:
    out = io.StringIO()
    call_command("import", *map(str, args), stdout=out)
    return out.getvalue().splitlines()


def test_the_command_imports_and_reports_counts(tmp_path, make_workbook):
    """Per-sheet counts, then Imported."""
    lines = run(save(tmp_path, make_workbook, person_row(), person_row(姓名="李四")))
    assert lines == ["人员: 2 rows, 2 new, 0 changed, 0 unchanged", "Imported."]
    assert Person.objects.count() == 2


def test_a_dry_run_says_so_and_writes_nothing(tmp_path, make_workbook):
    """--dry-run: the same counts, a closing line saying nothing was written."""
    lines = run(save(tmp_path, make_workbook, person_row()), "--dry-run")
    assert lines == [
        "人员: 1 rows, 1 new, 0 changed, 0 unchanged",
        "Dry run: the workbook is valid; nothing was written.",
    ]
    assert Person.objects.count() == 0


def test_errors_are_printed_and_the_command_fails(tmp_path, make_workbook):
    """Each error is a line with sheet, row and column; the command ends in an error."""
    path = save(tmp_path, make_workbook, person_row(学历="幼儿园"), person_row(出生日期="昨天"))
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 2 errors"):
        call_command("import", str(path), stdout=out)
    errors = [line for line in out.getvalue().splitlines() if line.startswith("Error:")]
    assert errors[0].startswith("Error: 人员, row 2, column 学历: 幼儿园 is not one of")
    assert errors[1].startswith("Error: 人员, row 3, column 出生日期: 昨天 is not a date")
    assert Person.objects.count() == 0


def test_warnings_are_printed(tmp_path, make_workbook):
    """An unknown column is reported as a warning and the import goes on."""
    path = tmp_path / "x.xlsx"
    rows = roster(person_row(籍贯="祁阳"), header=("姓名", "公民身份号码", "所属单位", "籍贯"))
    path.write_bytes(make_workbook({"人员": rows}).getvalue())
    lines = run(path)
    assert "Warning: 人员, row 1, column 籍贯: Unknown column, ignored." in lines
    assert lines[-1] == "Imported."


def test_a_missing_file_is_a_command_error(tmp_path):
    """A path that does not exist is refused before anything else."""
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nope.xlsx")


@pytest.mark.parametrize("name", ["名单.txt", "名单.xlsx", "名单.csv"])
def test_a_file_that_is_not_a_workbook_fails_without_a_traceback(tmp_path, name):
    """Text saved under any name gets one clear error line and a command error."""
    path = tmp_path / name
    path.write_text("姓名,公民身份号码\n张三,43118119850109123X\n")
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"1 error\."):
        call_command("import", str(path), stdout=out)
    assert f"Error: {name}: The file is not an Excel workbook" in out.getvalue()


def test_a_truncated_workbook_fails_without_a_traceback(tmp_path, make_workbook):
    """Half an .xlsx (an interrupted copy) is one clear error."""
    content = make_workbook({"人员": roster(person_row())}).getvalue()
    path = tmp_path / "half.xlsx"
    path.write_bytes(content[: len(content) // 2])
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", str(path), stdout=out)
    assert "damaged or incomplete" in out.getvalue()
