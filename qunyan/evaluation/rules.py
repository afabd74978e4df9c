"""This module's settings (QUNYAN_RULES), typed: weights, thresholds, percentages, subsidy rule."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from qunyan.core.rules import rule

from .choices import Grade, Rating


def indicator_weights() -> dict[str, tuple[str, Decimal]]:
    """Indicator key → (label, weight), in the order of the setting."""
    return {
        key: (str(label), Decimal(str(weight)))
        for key, (label, weight) in rule("EVALUATION_INDICATORS").items()
    }


def rating_min_scores() -> dict[str, Decimal]:
    return {code: Decimal(str(value)) for code, value in rule("RATING_MIN_SCORES").items()}


def rating_caps() -> dict[str, int | None]:
    return {
        code: (None if value is None else int(value)) for code, value in rule("RATING_CAPS").items()
    }


def bonus_uplift_percent(rating: str | None) -> Decimal:
    """The percent a village rating adds to its committee's bonus (0 for 一般 or no rating)."""
    if rating is None or rating == Rating.ORDINARY:
        return Decimal(0)
    return Decimal(str(rule("RATING_BONUS_UPLIFT_PERCENT").get(rating, 0)))


def grade_percent(grade: str) -> Decimal:
    return Decimal(str(rule("BONUS_GRADE_PERCENT")[Grade(grade).value]))


@dataclass(frozen=True)
class SubsidyTerms:
    """A subsidy rule table, from the database or from the settings' default."""

    eligible_posts: tuple[str, ...]
    min_years: int
    male_age: int
    female_age: int
    disqualifiers: tuple[str, ...]
    tiers: tuple[tuple[int, Decimal], ...]  # ascending years
    source: str  # the unit whose table it is, or "" for the settings' default

    @classmethod
    def from_values(cls, values: dict[str, Any], source: str = "") -> "SubsidyTerms":
        tiers = sorted((int(years), Decimal(str(amount))) for years, amount in values["tiers"])
        return cls(
            eligible_posts=tuple(values["eligible_posts"]),
            min_years=int(values["min_years"]),
            male_age=int(values["male_age"]),
            female_age=int(values["female_age"]),
            disqualifiers=tuple(values["disqualifiers"]),
            tiers=tuple(tiers),
            source=source,
        )

    def monthly_amount(self, years: int) -> Decimal | None:
        """The amount of the highest tier reached, or None below every tier."""
        reached = [amount for least, amount in self.tiers if years >= least]
        return reached[-1] if reached else None


def default_subsidy_terms() -> SubsidyTerms:
    return SubsidyTerms.from_values(rule("SUBSIDY_DEFAULT_RULE"))
