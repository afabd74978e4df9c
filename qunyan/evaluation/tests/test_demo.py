"""The demo town's evaluation records, and the imported figures left as they were."""

import datetime

import pytest

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.demo.generator import TOWN
from qunyan.demo.services import demo_load
from qunyan.evaluation.choices import StopKind
from qunyan.evaluation.indicators import ratings_from_totals
from qunyan.evaluation.models import CadreGrade, SubsidyPayment, VillageRating
from qunyan.evaluation.pay import bonuses
from qunyan.evaluation.selectors import flagged_in_town, grade_sheet
from qunyan.evaluation.services import village_totals
from qunyan.evaluation.subsidies import departed_cadres


@pytest.mark.django_db
def test_the_demo_town_has_scores_grades_bonuses_and_a_ledger():
    demo_load(report_year=2023)
    town = OrgUnit.objects.get(name=TOWN, kind=OrgUnit.Kind.TOWN)
    scope = Scope.unrestricted()
    # Computing the ratings from the scores would give the imported ones.
    totals = village_totals(town=town, year=2023, scope=scope)
    imported = dict(VillageRating.objects.filter(year=2023).values_list("village_id", "rating"))
    computed = ratings_from_totals([(str(pk), total) for pk, total in totals.items()])
    assert {int(pk): code for pk, code in computed.items()} == imported
    # Every village within its 优秀 quota; someone flagged for two 不称职 years.
    for village in OrgUnit.objects.filter(parent=town):
        sheet = grade_sheet(village=village, year=2023)
        assert sheet.excellent <= sheet.quota
    assert flagged_in_town(scope=scope, town=town, year=2023).count() == 1
    grades = list(CadreGrade.objects.filter(year=2023).select_related("person", "village"))
    paid = bonuses(town=town, year=2023, grades=grades)
    assert paid and all(b.amount is not None for b in paid)
    # The ledger: eligible former cadres paid monthly; the one who died in June stops.
    entries = {e.person.name: e for e in departed_cadres(town)}
    assert entries["蒋国华"].stop.kind == StopKind.DEATH
    assert SubsidyPayment.objects.filter(person__name="蒋国华").count() == 6
    assert not SubsidyPayment.objects.filter(person__name="邓建军").exists()
    assert SubsidyPayment.objects.filter(person__name="唐德福").count() == 12
    # Left in 2020 after 12 years, but 60 only on 1 December 2026: listed, not yet paid.
    assert entries["谭志刚"].eligible_from == datetime.date(2026, 12, 1)
    assert not SubsidyPayment.objects.filter(person__name="谭志刚").exists()
