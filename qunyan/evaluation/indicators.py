"""Village indicators: where scores may come from, the weighted total, ratings from totals.

Another module can feed an indicator with `register_indicator_source(key, label, function)`;
the function gets (town, year) and returns {village id: score 0–100}. The indicator counts in
the total once its key is in the EVALUATION_INDICATORS setting with a weight.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise

from qunyan.core.models import OrgUnit

from .choices import RATED, Rating
from .rules import indicator_weights, rating_caps, rating_min_scores

CENT = Decimal("0.01")

ScoreFunction = Callable[[OrgUnit, int], Mapping[int, Decimal]]


@dataclass(frozen=True)
class IndicatorSource:
    key: str
    label: str | Promise
    scores: ScoreFunction


_sources: dict[str, IndicatorSource] = {}


def register_indicator_source(key: str, label: str | Promise, function: ScoreFunction) -> None:
    """Offer scores for indicator `key` computed by another module (optional input)."""
    _sources[key] = IndicatorSource(key, label, function)


def indicator_source(key: str) -> IndicatorSource | None:
    return _sources.get(key)


def indicator_sources() -> list[IndicatorSource]:
    return list(_sources.values())


def weighted_total(scores: Mapping[str, Decimal]) -> Decimal:
    """The weighted mean of a village's scores over the configured indicators, to the cent.

    A missing score counts as 0, so a village cannot rise by leaving an indicator out.
    """
    weights = indicator_weights()
    total_weight = sum((weight for _, weight in weights.values()), Decimal(0))
    if not total_weight:
        return Decimal("0.00")
    weighted = sum(
        (scores.get(key, Decimal(0)) * weight for key, (_, weight) in weights.items()),
        Decimal(0),
    )
    return (weighted / total_weight).quantize(CENT, rounding=ROUND_HALF_UP)


def ratings_from_totals(totals: Sequence[tuple[str, Decimal]]) -> dict[str, str]:
    """The rating of each village (by name or id) from its total.

    Villages are taken best total first (ties by the key, so the result is repeatable); each gets
    the best rating whose minimum it reaches and whose cap is not yet full, else the next one
    down, else 一般.
    """
    minimum, caps = rating_min_scores(), rating_caps()
    given = {code: 0 for code in RATED}
    result: dict[str, str] = {}
    for key, total in sorted(totals, key=lambda pair: (-pair[1], pair[0])):
        result[key] = Rating.ORDINARY
        for code in RATED:
            cap = caps.get(code)
            if code in minimum and total >= minimum[code] and (cap is None or given[code] < cap):
                result[key] = code
                given[code] += 1
                break
    return result
