"""The importer under hostile input: generated rows (Hypothesis) and a corpus of broken files.

Whatever comes in, the import never raises, never writes half of a workbook, and every problem
it reports names where it is.
"""

import datetime
import io
import os
import zipfile

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build_workbook
from qunyan.core.models import AuditEntry, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.tests.factories import ROSTER_HEADER, person_row, roster
from qunyan.spreadsheets.engine import workbook_import

FUZZ_EXAMPLES = 60

# Text without the control characters openpyxl cannot write at all.
text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
likely = st.sampled_from(
    [
        "男",
        "女",
        "汉族",
        "本科",
        "大专",
        "中共党员",
        "群众",
        "牛坪坳村",
        "石门村",
        "东村",
        "=1+1",
        '=HYPERLINK("http://x")',
        "2023-13-45",
        "1990/5/17",
        "431181199005170011",
        " ",
        "—",
    ]
)
cell = st.one_of(
    st.none(),
    text,
    likely,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=False, width=32),
    st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2200, 1, 1)),
    st.booleans(),
)
row = st.lists(cell, min_size=0, max_size=len(ROSTER_HEADER) + 2)
header = st.one_of(
    st.just(list(ROSTER_HEADER)),
    st.permutations(list(ROSTER_HEADER)).map(list),
    st.lists(st.one_of(text, st.sampled_from(ROSTER_HEADER)), max_size=12),
)


def written() -> tuple[int, int, int]:
    return (
        Person.objects.count(),
        OrgUnit.objects.count(),
        AuditEntry.objects.exclude(action=AuditEntry.Action.IMPORT_FAILED).count(),
    )


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    head=header, rows=st.lists(row, max_size=8), sheet=st.sampled_from(["人员", "人员 ", "Sheet1"])
)
def _fuzz_one(head, rows, sheet):
    book = build_workbook({sheet: [head, *rows]})
    with transaction.atomic():
        before = written()
        report = workbook_import(book, scope=Scope.unrestricted(), by=None, file_name="fuzz.xlsx")
        if not report.committed:
            assert written() == before
            assert report.errors
        for issue in report.errors:
            assert issue.sheet and issue.message
        transaction.set_rollback(True)


def test_generated_rows_never_crash_or_half_write(tree):
    _fuzz_one()


def _truncations(content: bytes) -> list[bytes]:
    return [content[: int(len(content) * share)] for share in (0.05, 0.3, 0.6, 0.95)]


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def corpus() -> dict[str, bytes]:
    good = build_workbook({"人员": roster(person_row(), person_row(姓名="李四"))}).getvalue()
    cases = {
        "empty": b"",
        "random bytes": os.urandom(4096),
        "html renamed": b"<html><body><table><tr><td>1</td></tr></table></body></html>",
        "csv renamed": "姓名,公民身份号码\n张三,431181199005170011\n".encode(),
        "zip without a workbook": _zip({"readme.txt": b"hello"}),
        "zip with a broken sheet": _zip(
            {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook><sheets>"}
        ),
    }
    cases.update({f"cut at {i}": cut for i, cut in enumerate(_truncations(good))})
    return cases


@pytest.mark.parametrize("name", list(corpus()))
def test_broken_files_are_one_clear_error_and_write_nothing(tree, name):
    content = corpus()[name]
    before = written()
    report = workbook_import(
        io.BytesIO(content), scope=Scope.unrestricted(), by=None, file_name=f"{name}.xlsx"
    )
    assert not report.committed and report.errors
    assert written() == before
    assert all(issue.sheet and issue.message for issue in report.errors)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tree, settings):
    settings.QUNYAN_IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
    # 40 MB of one byte compresses to about 40 KB: the ratio gives it away.
    bomb = _zip(
        {"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b"\0" * 40_000_000}
    )
    report = workbook_import(
        io.BytesIO(bomb), scope=Scope.unrestricted(), by=None, file_name="bomb.xlsx"
    )
    assert not report.committed
    assert "zip bomb" in report.errors[0].message or "解压" in report.errors[0].message


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused(tree, settings):
    settings.QUNYAN_IMPORT_MAX_UNPACKED_BYTES = 10_000
    good = build_workbook({"人员": roster(*[person_row() for _ in range(50)])})
    report = workbook_import(good, scope=Scope.unrestricted(), by=None, file_name="big.xlsx")
    assert not report.committed and Person.objects.count() == 0
