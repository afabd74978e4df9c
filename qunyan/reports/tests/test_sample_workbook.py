"""The shared sample workbook (../shared/samples) gives the expected statistics, key by key."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.reports.selectors import town_statistics
from qunyan.spreadsheets.engine import workbook_import

SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples"
WORKBOOK = SAMPLES / "yangjiaotang-2021-2023.xlsx"
EXPECTED = SAMPLES / "yangjiaotang-2021-2023.expected.json"


@pytest.mark.django_db
@pytest.mark.skipif(
    not (WORKBOOK.exists() and EXPECTED.exists()),
    reason=f"the shared sample is not checked out next to the project ({SAMPLES})",
)
def test_the_sample_workbook_gives_the_expected_statistics():
    """Importing the sample and asking for its period gives every expected key exactly."""
    report = workbook_import(WORKBOOK, scope=Scope.unrestricted(), by=None)
    assert [str(error) for error in report.errors] == []
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    town = OrgUnit.objects.get(kind=OrgUnit.Kind.TOWN, name=expected["town"])
    actual = town_statistics(
        town=town,
        period_from=datetime.date.fromisoformat(expected["from"]),
        period_to=datetime.date.fromisoformat(expected["to"]),
        as_of=datetime.date.fromisoformat(expected["as_of"]),
    )
    assert {key: actual[key] for key in expected} == expected
