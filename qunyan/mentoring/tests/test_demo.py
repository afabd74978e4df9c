"""The demo town's mentoring: the article's figures stay, the register and log are filled, and
the suggested pairing of the whole town is quick."""

import datetime
import time

import pytest

from qunyan.core.models import Account, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.demo.generator import TOWN
from qunyan.demo.services import demo_load
from qunyan.mentoring.choices import MentorKind
from qunyan.mentoring.models import Evaluation, Meeting, Mentor
from qunyan.mentoring.selectors import mentoring_coverage
from qunyan.mentoring.suggestions import pairing_suggestions
from qunyan.reports.selectors import mentoring

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def demo():
    demo_load(report_year=2023)
    return OrgUnit.objects.get(name=TOWN, kind=OrgUnit.Kind.TOWN)


def test_the_demo_keeps_the_articles_figures_and_fills_the_register(demo):
    """51 mentors and 93 mentees in 2021–2023, every one of the 51 registered, local talents
    added, meetings and evaluations logged, and a few idle pairs standing out."""
    period = {"period_from": D(2021, 1, 1), "period_to": D(2023, 12, 31)}
    assert mentoring([demo], **period)[demo.pk] == {"mentors": 51, "mentees": 93}
    kinds = set(Mentor.objects.values_list("kind", flat=True))
    assert kinds == set(MentorKind.values)
    assert Mentor.objects.exclude(kind=MentorKind.LOCAL_TALENT).count() == 51
    assert Meeting.objects.count() > 50
    assert Evaluation.objects.values("pair").distinct().count() == 12
    officer = Account.objects.get(username="officer")
    coverage = mentoring_coverage(
        scope=Scope.for_account(officer), town=demo, as_of=D(2023, 12, 31), **period
    )
    assert (coverage.mentors, coverage.mentees) == (51, 93)
    assert 0 < len(coverage.idle) < coverage.running // 3
    assert coverage.open_mentees > 0


def test_the_suggestion_for_the_demo_town_takes_under_a_second(demo):
    """Every open mentee of the town against every free place, solved at once."""
    officer = Account.objects.get(username="officer")
    started = time.perf_counter()
    result = pairing_suggestions(scope=Scope.for_account(officer), town=demo, on=D(2023, 12, 31))
    elapsed = time.perf_counter() - started
    assert result.mentees > 0
    assert len(result.pairs) == result.mentees
    assert elapsed < 1.0
