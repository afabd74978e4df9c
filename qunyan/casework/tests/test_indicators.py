"""Service hours feed the evaluation's 为民服务 indicator, relative to the town's best village."""

import datetime
from decimal import Decimal

from qunyan.casework.indicators import KEY, service_scores
from qunyan.evaluation.indicators import indicator_source

from .factories import make_service


def test_hours_against_the_best_village_of_the_town(tree):
    make_service(tree.niupingao, hours="4")
    make_service(tree.shimen, hours="1")
    make_service(tree.shimen, hours="1", date=datetime.date(2025, 3, 2))  # another year
    scores = service_scores(tree.yangjiaotang, 2026)
    assert scores == {tree.niupingao.pk: Decimal("100.00"), tree.shimen.pk: Decimal("25.00")}


def test_a_year_without_services_scores_nothing_and_the_source_is_offered(tree):
    assert set(service_scores(tree.yangjiaotang, 2020).values()) == {Decimal("0.00")}
    assert indicator_source(KEY) is not None
