"""The demo town shows the module: a quota per village, a publicity today, a fresh applicant."""

import datetime

import pytest
import time_machine

from qunyan.core.models import OrgUnit
from qunyan.demo.services import demo_load
from qunyan.party.models import DevelopmentPlan, DevelopmentRecord
from qunyan.party.selectors import notices_running
from qunyan.reports.selectors import party_development

pytestmark = pytest.mark.django_db

D = datetime.date


def test_the_demo_adds_a_publicity_a_plan_and_an_applicant_but_no_admission():
    """The contract's party_development figures are those of the workbook alone."""
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, 0), tick=False):
        demo_load(report_year=2023)
    town = OrgUnit.objects.get(name="羊角塘镇", kind=OrgUnit.Kind.TOWN)
    figures = party_development([town], period_from=D(2021, 1, 1), period_to=D(2023, 12, 31))[
        town.pk
    ]
    assert (figures["new_probationary_members"], figures["from_reserves"]) == (75, 5)
    assert [n.record.candidate_on is not None for n in notices_running(on=D(2026, 11, 20))] == [
        True
    ]
    assert DevelopmentPlan.objects.filter(year=2023).count() == 35
    assert DevelopmentRecord.objects.filter(applied_on=D(2026, 10, 30)).count() == 1
