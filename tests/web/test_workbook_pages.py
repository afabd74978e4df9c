"""Import with preview and confirmation, and export, through the web pages."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from qunyan.core.models import AuditEntry, OrgUnit
from qunyan.people.models import Person

from .conftest import login

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PEOPLE_HEADER = [
    "姓名",
    "公民身份号码",
    "性别",
    "民族",
    "出生日期",
    "学历",
    "政治面貌",
    "所属单位",
    "联系电话",
    "专业特长",
]


def _upload(data: io.BytesIO, name: str = "town.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data.getvalue(), content_type=XLSX)


def _valid_workbook(make_workbook):
    return make_workbook(
        {
            "村社区": [["乡镇", "名称", "类型"], ["羊角塘镇", "新村", "村"]],
            "人员": [
                PEOPLE_HEADER,
                ["刘一", "431181199005170013", "", "汉族", "", "本科", "群众", "新村", "", ""],
            ],
        }
    )


def test_upload_previews_without_writing_then_confirm_writes(alice, make_workbook):
    """The preview counts what would change; only the confirmation writes it."""
    client = login(alice)
    response = client.post(
        reverse("spreadsheets:import"), {"file": _upload(_valid_workbook(make_workbook))}
    )
    html = response.content.decode()
    assert 'id="confirm-button"' in html
    assert not Person.objects.exists()
    assert not OrgUnit.objects.filter(name="新村").exists()
    response = client.post(reverse("spreadsheets:import-confirm"))
    assert Person.objects.filter(name="刘一", unit__name="新村").exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT, actor_name="alice").exists()


def test_errors_are_listed_with_sheet_row_and_column_and_nothing_is_offered(alice, make_workbook):
    """A bad row shows in the error table and there is no confirm button."""
    data = make_workbook(
        {
            "人员": [
                PEOPLE_HEADER,
                ["刘一", "431181199005170019", "", "", "", "", "", "牛坪坳村", "", ""],
            ]
        }
    )
    html = (
        login(alice).post(reverse("spreadsheets:import"), {"file": _upload(data)}).content.decode()
    )
    assert 'id="import-errors"' in html
    assert "公民身份号码" in html
    assert 'id="confirm-button"' not in html
    assert not Person.objects.exists()


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(alice):
    """Plain text renamed .xlsx is refused with a message, not a traceback."""
    upload = SimpleUploadedFile("fake.xlsx", b"not a spreadsheet", content_type=XLSX)
    response = login(alice).post(reverse("spreadsheets:import"), {"file": upload})
    assert response.status_code == 200
    assert 'id="import-errors"' in response.content.decode()


def test_only_xlsx_files_are_accepted(alice):
    """Another extension is refused by the form before the engine sees it."""
    upload = SimpleUploadedFile("roster.csv", b"a,b", content_type="text/csv")
    response = login(alice).post(reverse("spreadsheets:import"), {"file": upload})
    assert "is-invalid" in response.content.decode()


def test_confirm_without_a_preview_does_nothing(alice):
    """A confirmation with nothing pending sends the user back to upload."""
    response = login(alice).post(reverse("spreadsheets:import-confirm"))
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).exists()


def test_export_masks_numbers_by_default_and_is_audited(alice, make_workbook, tree):
    """The downloaded workbook carries masked numbers unless full ones were asked for."""
    client = login(alice)
    client.post(reverse("spreadsheets:import"), {"file": _upload(_valid_workbook(make_workbook))})
    client.post(reverse("spreadsheets:import-confirm"))
    response = client.post(reverse("spreadsheets:export"), {"town": tree.yangjiaotang.pk})
    book = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    id_cell = book["人员"]["B2"].value
    assert id_cell == "431181********0013"
    response = client.post(
        reverse("spreadsheets:export"), {"town": tree.yangjiaotang.pk, "reveal": "on"}
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book["人员"]["B2"].value == "431181199005170013"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).count() == 2


def test_a_county_reader_may_not_export_full_numbers(dora, tree):
    """The reveal option is not offered, and posting it anyway still gives masked numbers."""
    client = login(dora)
    assert "reveal" not in client.get(reverse("spreadsheets:export")).content.decode()
