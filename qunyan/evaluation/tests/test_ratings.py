"""Village ratings from weighted indicator scores, caps, indicator sources and direct entry."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from qunyan.core.scopes import Scope
from qunyan.evaluation.choices import Rating, RatingSource
from qunyan.evaluation.indicators import (
    _sources,
    ratings_from_totals,
    register_indicator_source,
    weighted_total,
)
from qunyan.evaluation.models import IndicatorScore, VillageRating
from qunyan.evaluation.services import (
    indicator_scores_fill,
    indicator_scores_save,
    rating_set,
    ratings_compute,
)
from qunyan.reports.selectors import ratings

pytestmark = pytest.mark.usefixtures("english")
D = Decimal


@pytest.fixture
def two_indicators(settings):
    settings.QUNYAN_RULES = {
        **settings.QUNYAN_RULES,
        "EVALUATION_INDICATORS": {"a": ["甲", 3], "b": ["乙", 1]},
        "RATING_MIN_SCORES": {"red_flag": 90, "model": 80, "advanced": 70},
        "RATING_CAPS": {"red_flag": None, "model": None, "advanced": None},
    }
    return settings


def test_the_total_is_the_weighted_mean_and_a_missing_score_counts_zero(two_indicators):
    assert weighted_total({"a": D(90), "b": D(70)}) == D("85.00")
    assert weighted_total({"a": D(100)}) == D("75.00")
    # (3 × 33.33 + 1 × 0) / 4 = 24.9975 → 25.00
    assert weighted_total({"a": D("33.33")}) == D("25.00")


def test_ratings_follow_minimums_and_caps(two_indicators):
    totals = [("v1", D(95)), ("v2", D(92)), ("v3", D(85)), ("v4", D(71)), ("v5", D(50))]
    assert ratings_from_totals(totals) == {
        "v1": Rating.RED_FLAG,
        "v2": Rating.RED_FLAG,
        "v3": Rating.MODEL,
        "v4": Rating.ADVANCED,
        "v5": Rating.ORDINARY,
    }
    two_indicators.QUNYAN_RULES["RATING_CAPS"] = {"red_flag": 1, "model": 1, "advanced": None}
    # v2 misses the full red-flag cap and takes model; v3 then finds model full too.
    assert ratings_from_totals(totals) == {
        "v1": Rating.RED_FLAG,
        "v2": Rating.MODEL,
        "v3": Rating.ADVANCED,
        "v4": Rating.ADVANCED,
        "v5": Rating.ORDINARY,
    }


@pytest.mark.django_db
def test_computed_ratings_feed_the_statistics(two_indicators, niupingao, shimen, yangjiaotang):
    scope = Scope.unrestricted()
    indicator_scores_save(
        village=niupingao, year=2023, scores={"a": D(95), "b": D(90)}, by=None, scope=scope
    )
    indicator_scores_save(village=shimen, year=2023, scores={"a": D(60)}, by=None, scope=scope)
    assert ratings_compute(town=yangjiaotang, year=2023, by=None, scope=scope) == 2
    rating = VillageRating.objects.get(village=niupingao)
    assert (rating.rating, rating.total_score, rating.source) == (
        Rating.RED_FLAG,
        D("93.75"),
        RatingSource.COMPUTED,
    )
    assert ratings([yangjiaotang], year=2023)[yangjiaotang.pk] == {
        "红旗村": 1,
        "模范村": 0,
        "先进村": 0,
    }
    rating_set(village=niupingao, year=2023, rating=Rating.MODEL, by=None, scope=scope)
    rating.refresh_from_db()
    assert (rating.rating, rating.total_score, rating.source) == (
        Rating.MODEL,
        None,
        RatingSource.ENTERED,
    )


@pytest.mark.django_db
def test_scores_lie_between_0_and_100(two_indicators, niupingao):
    with pytest.raises(ValidationError):
        indicator_scores_save(
            village=niupingao, year=2023, scores={"a": D(101)}, by=None, scope=Scope.unrestricted()
        )


@pytest.mark.django_db
def test_another_module_can_feed_an_indicator(two_indicators, niupingao, dongcun, yangjiaotang):
    """A registered source fills its indicator for the town's villages, and only those."""
    two_indicators.QUNYAN_RULES["EVALUATION_INDICATORS"]["mediation"] = ["调解", 1]
    register_indicator_source(
        "mediation", "调解", lambda town, year: {niupingao.pk: D(88), dongcun.pk: D(70)}
    )
    try:
        written = indicator_scores_fill(
            town=yangjiaotang, year=2023, key="mediation", by=None, scope=Scope.unrestricted()
        )
    finally:
        _sources.pop("mediation")
    assert written == 1
    assert IndicatorScore.objects.get().score == D(88)


@pytest.mark.django_db
def test_an_unregistered_indicator_cannot_be_filled(two_indicators, yangjiaotang):
    with pytest.raises(ValidationError):
        indicator_scores_fill(
            town=yangjiaotang, year=2023, key="a", by=None, scope=Scope.unrestricted()
        )
