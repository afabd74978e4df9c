"""The shared sample workbook: its expected villages and reserves figures, and a second import."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings

from qunyan.core.models import AuditEntry, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.reports.selectors import town_statistics
from qunyan.spreadsheets.engine import workbook_import

SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples"
SAMPLE = SAMPLES / "yangjiaotang-2021-2023.xlsx"
EXPECTED = SAMPLES / "yangjiaotang-2021-2023.expected.json"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (SAMPLE.is_file() and EXPECTED.is_file()),
        reason=f"the shared sample is not at {SAMPLES} (it lives next to the repository)",
    ),
]


def load():
    report = workbook_import(SAMPLE, scope=Scope.unrestricted(), by=None, file_name=SAMPLE.name)
    assert report.ok, [str(error) for error in report.errors[:10]]
    return report


def statistics(expected: dict) -> dict:
    town = OrgUnit.objects.get(name=expected["town"], kind=OrgUnit.Kind.TOWN)
    return town_statistics(
        town=town,
        period_from=datetime.date.fromisoformat(expected["from"]),
        period_to=datetime.date.fromisoformat(expected["to"]),
        as_of=datetime.date.fromisoformat(expected["as_of"]),
    )


def test_the_sample_gives_its_expected_villages_and_reserves():
    """Imported into an empty database, the sample has exactly the expected figures."""
    expected = json.loads(EXPECTED.read_text())
    load()
    result = statistics(expected)
    assert result["villages"] == expected["villages"]
    assert result["reserves"] == expected["reserves"]


def test_importing_the_sample_twice_changes_nothing():
    """The second import finds every row unchanged: no create or update entries, same figures."""
    expected = json.loads(EXPECTED.read_text())
    load()
    first = statistics(expected)
    changes = AuditEntry.objects.filter(action__in=["create", "update"]).count()
    report = load()
    assert all(c.created == 0 and c.updated == 0 for c in report.sheets.values()), report.sheets
    assert AuditEntry.objects.filter(action__in=["create", "update"]).count() == changes
    assert statistics(expected) == first
