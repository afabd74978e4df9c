"""Background tasks (qunyan.core.tasks) run with the immediate backend, as in development."""

import datetime

import pytest
from django.urls import reverse
from django_tasks import TaskResultStatus

from qunyan.core.models import AuditEntry
from qunyan.core.tasks import workbook_import_task, year_report_task
from qunyan.people.models import Person
from qunyan.spreadsheets.uploads import upload_path
from tests.web.conftest import login
from tests.web.test_workbook_pages import _upload, _valid_workbook


def _preview(client, make_workbook) -> None:
    response = client.post(
        reverse("spreadsheets:import"), {"file": _upload(_valid_workbook(make_workbook))}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("background", [False, True], ids=["in-request", "queued"])
def test_the_confirmed_import_writes_in_request_or_through_the_queue(
    alice, make_workbook, settings, background
):
    settings.QUNYAN_BACKGROUND_IMPORT = background
    client = login(alice)
    _preview(client, make_workbook)
    token = client.session["qunyan_pending_import"]["token"]
    response = client.post(reverse("spreadsheets:import-confirm"), follow=True)
    assert Person.objects.filter(name="刘一").exists()
    assert upload_path(token) is None  # the stored upload is gone either way
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT, actor=alice).exists()
    if background:
        assert response.redirect_chain[-1][0] == reverse("spreadsheets:import")
        assert "town.xlsx" in response.content.decode()


def test_the_import_task_reports_an_expired_upload(alice):
    result = workbook_import_task.enqueue(token="gone", file_name="x.xlsx", account_id=alice.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["ok"] is False
    assert not Person.objects.exists()


def test_the_import_task_imports_as_the_account_with_its_scope(alice, bob, make_workbook):
    """The task acts with the scope of the account it names: bob (牛坪坳村) may not import the
    town's file that alice previewed, so nothing is written."""
    client = login(alice)
    _preview(client, make_workbook)
    token = client.session["qunyan_pending_import"]["token"]
    result = workbook_import_task.enqueue(token=token, file_name="town.xlsx", account_id=bob.pk)
    assert result.status == TaskResultStatus.FAILED or result.return_value["ok"] is False
    assert not Person.objects.filter(name="刘一").exists()
    assert upload_path(token) is None


def test_the_year_report_task_writes_the_document_and_audits_it(alice, tree, settings, tmp_path):
    settings.QUNYAN_REPORT_DIR = tmp_path
    result = year_report_task.enqueue(
        town_id=tree.yangjiaotang.pk,
        period_from=datetime.date(2025, 1, 1).isoformat(),
        period_to=datetime.date(2025, 12, 31).isoformat(),
        kind="docx",
        account_id=alice.pk,
    )
    assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
    written = tmp_path / result.return_value
    assert written.read_bytes()[:2] == b"PK"  # a .docx is a zip
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, actor=alice).exists()


def test_the_year_report_task_refuses_a_town_outside_the_scope(alice, tree, tmp_path, settings):
    settings.QUNYAN_REPORT_DIR = tmp_path
    result = year_report_task.enqueue(
        town_id=tree.baishui.pk,
        period_from="2025-01-01",
        period_to="2025-12-31",
        kind="docx",
        account_id=alice.pk,
    )
    assert result.status == TaskResultStatus.FAILED
    assert not list(tmp_path.iterdir())
