"""The demo town's duties: every village divided and in force, explained, and quick."""

import io
import json
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.demo.generator import TOWN
from qunyan.demo.services import demo_load
from qunyan.duties.choices import DivisionStatus
from qunyan.duties.models import CadreProfile, ChiefPost, Division
from qunyan.duties.proposals import propose
from qunyan.duties.selectors import coverage
from qunyan.people.models import CadreTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    demo_load(report_year=2023)
    return OrgUnit.objects.get(name=TOWN, kind=OrgUnit.Kind.TOWN)


def benchmark_town(town: OrgUnit) -> tuple[float, int]:
    """Divide and explain every village of a town; the seconds it took and the villages."""
    villages = list(OrgUnit.objects.filter(town=town, kind__in=VILLAGE_KINDS))
    started = time.perf_counter()
    proposals = propose(town=town, villages=villages, on=timezone.localdate())
    for proposal in proposals:
        assert proposal.solution.feasible, proposal.solution.reasons
        assert len(proposal.rows) == len(proposal.solution.plan)
    return time.perf_counter() - started, len(proposals)


def test_every_demo_village_is_divided_and_explained_quickly(demo, capsys):
    """All 35 villages: a feasible optimal division each, with score parts (time printed)."""
    seconds, villages = benchmark_town(demo)
    with capsys.disabled():
        print(f"\n[duties benchmark] {villages} villages divided and explained in {seconds:.3f} s")
    assert villages == 35
    # The demo itself: one division in force per village, a profile per cadre, groups with a
    # missing seat.
    assert Division.objects.filter(status=DivisionStatus.CURRENT).count() == 35
    serving = CadreTerm.objects.filter(ended_on__isnull=True).values("person").distinct()
    assert CadreProfile.objects.count() == serving.count()
    assert ChiefPost.objects.exists()
    rows = coverage(scope=Scope.unrestricted(), town=demo)
    assert len(rows) == 15
    assert sum(1 for _group, seats in rows if not all(seats.values())) >= 1
    # Groups are units below villages: the town still has 35 villages and communities.
    assert OrgUnit.objects.filter(town=demo, kind__in=VILLAGE_KINDS).count() == 35


def test_the_command_prints_the_proposal_as_json_without_saving(demo):
    """`qunyan duties --town … --json`: the contract's keys, and no new division saved."""
    before = Division.objects.count()
    out = io.StringIO()
    call_command("duties", "--town", TOWN, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["villages"]) == 35
    village = data["villages"][0]
    assert village["feasible"] is True and village["reasons"] == []
    first = village["assignments"][0]
    assert set(first) >= {"id_number", "name", "duty", "score", "parts"}
    assert first["score"] == sum(first["parts"].values())
    assert len(first["id_number"]) == 18
    assert Division.objects.count() == before
