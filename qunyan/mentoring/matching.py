"""Suggested mentoring pairs: the score of a pair and an optimal assignment of everyone at once.

Plain data in, plain data out (no ORM), so the rules and the solver are tested on their own.

The assignment is SciPy's `linear_sum_assignment` on a cost matrix with one row per open mentee
and one column per free place of a mentor: a mentor with capacity 3 and one mentee already has
the places 2 and 3. The k-th place of a mentor costs a load penalty that grows with k, so among
equally good mentors the mentees spread out. A pair that fits no principle (or was turned down)
gets no cell at all (infinite cost). Every mentee also has a "no mentor" column whose cost is
larger than any difference good pairs can make, so the solver first pairs as many mentees as it
can, then maximises the total score of those pairs.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from .choices import Principle

# Plain strings: the solver asks for them for every mentee and mentor.
TOWN_TO_VILLAGE = Principle.TOWN_TO_VILLAGE.value
STRONG_TO_WEAK = Principle.STRONG_TO_WEAK.value
VETERAN_TO_NEW = Principle.VETERAN_TO_NEW.value


@dataclass(frozen=True)
class MentorInfo:
    """A registered, available mentor as the solver sees them."""

    key: int
    village: int | None  # the village or community they belong to; None at town level or above
    town: int | None
    at_town_level: bool  # works for the town (or above it): may lead under 镇带村
    age: int
    experience: int  # full years of grassroots work
    strengths: frozenset[str]
    capacity: int
    load: int = 0  # mentees they have now

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.load)


@dataclass(frozen=True)
class MenteeInfo:
    """A young cadre without a mentor."""

    key: int
    village: int | None
    town: int | None
    age: int
    experience: int
    weak_areas: frozenset[str]

    @property
    def in_village(self) -> bool:
        return self.village is not None


@dataclass(frozen=True)
class Weights:
    """Points of each part of the score. The defaults favour the skills a mentee lacks, then
    closeness; age, experience and load tip the balance between otherwise equal mentors."""

    skill: float = 40.0  # all weak areas covered; a share of it for some
    same_village: float = 20.0
    same_town: float = 12.0
    age: float = 10.0  # the mentor is older by a good margin
    age_gap_low: int = 5  # full points from this many years older …
    age_gap_high: int = 25  # … up to this many, then fading out over age_gap_fade years
    age_gap_fade: int = 15
    experience: float = 15.0  # the mentor has served experience_full years longer, or more
    experience_full: int = 10
    load_step: float = 6.0  # lost for each mentee the mentor already has
    veteran_years: int = 3  # 老带新: the mentor has served at least this many years longer


@dataclass(frozen=True)
class Score:
    """A pair's score, part by part; `load` depends on the place the mentee takes."""

    skill: float
    distance: float
    age: float
    experience: float
    load: float = 0.0
    covered: tuple[str, ...] = ()  # the mentee's weak areas that are the mentor's strengths

    @property
    def total(self) -> float:
        return round(self.skill + self.distance + self.age + self.experience + self.load, 6)

    def parts(self) -> dict[str, float]:
        return {
            "skill": self.skill,
            "distance": self.distance,
            "age": self.age,
            "experience": self.experience,
            "load": self.load,
        }


@dataclass(frozen=True)
class Suggestion:
    mentee: int
    mentor: int
    principle: str
    score: Score
    place: int  # the mentor's n-th mentee if this pair is accepted (1-based)


@dataclass
class Assignment:
    """The solver's answer: suggestions, and mentees no mentor could take."""

    suggestions: list[Suggestion] = field(default_factory=list)
    unpaired: list[int] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(s.score.total for s in self.suggestions), 6)


def principles_of(
    mentor: MentorInfo, mentee: MenteeInfo, weights: Weights = Weights()
) -> list[str]:
    """The principles a pair fits, in naming order (empty: the pair is not allowed)."""
    if mentor.key == mentee.key:
        return []
    # The order in which a pair's principle is named when it fits several.
    fits = []
    if mentor.at_town_level and mentee.village is not None:
        fits.append(TOWN_TO_VILLAGE)
    if not mentor.strengths.isdisjoint(mentee.weak_areas):
        fits.append(STRONG_TO_WEAK)
    if mentor.experience - mentee.experience >= weights.veteran_years:
        fits.append(VETERAN_TO_NEW)
    return fits


def _age_points(gap: int, weights: Weights) -> float:
    if gap <= 0:
        return 0.0
    if gap < weights.age_gap_low:
        return weights.age * gap / weights.age_gap_low
    if gap <= weights.age_gap_high:
        return weights.age
    fade = 1 - (gap - weights.age_gap_high) / weights.age_gap_fade
    return weights.age * max(0.0, fade)


def _points(
    mentor: MentorInfo, mentee: MenteeInfo, weights: Weights
) -> tuple[float, float, float, float]:
    """Skills, distance, age and experience points of a pair (the solver's inner loop)."""
    if mentee.weak_areas:
        covered = len(mentor.strengths & mentee.weak_areas)
        skill = weights.skill * covered / len(mentee.weak_areas)
    else:
        skill = 0.0
    if mentee.village is not None and mentor.village == mentee.village:
        distance = weights.same_village
    elif mentee.town is not None and mentor.town == mentee.town:
        distance = weights.same_town
    else:
        distance = 0.0
    experience_gap = max(0, mentor.experience - mentee.experience)
    experience = weights.experience * min(1.0, experience_gap / weights.experience_full)
    return skill, distance, _age_points(mentor.age - mentee.age, weights), experience


def fit(mentor: MentorInfo, mentee: MenteeInfo, weights: Weights = Weights()) -> Score:
    """How well a mentor suits a mentee, before load: skills, distance, age and experience."""
    skill, distance, age, experience = _points(mentor, mentee, weights)
    return Score(
        skill=skill,
        distance=distance,
        age=age,
        experience=experience,
        covered=tuple(sorted(mentor.strengths & mentee.weak_areas)),
    )


def load_penalty(mentees_before: int, weights: Weights = Weights()) -> float:
    """The load part for a mentor's next mentee when they already have `mentees_before`."""
    return -weights.load_step * mentees_before


def _with_load(score: Score, mentees_before: int, weights: Weights) -> Score:
    return Score(
        skill=score.skill,
        distance=score.distance,
        age=score.age,
        experience=score.experience,
        load=load_penalty(mentees_before, weights),
        covered=score.covered,
    )


def _allowed(
    mentor: MentorInfo,
    mentee: MenteeInfo,
    weights: Weights,
    principles: Collection[str] | None,
    forbidden: Collection[tuple[int, int]],
) -> str | None:
    """The principle a pair would be made under, or None when it may not be made."""
    if (mentee.key, mentor.key) in forbidden:
        return None
    for principle in principles_of(mentor, mentee, weights):
        if principles is None or principle in principles:
            return principle
    return None


def candidates(
    mentee: MenteeInfo,
    mentors: Iterable[MentorInfo],
    *,
    weights: Weights = Weights(),
    principles: Collection[str] | None = None,
    forbidden: Collection[tuple[int, int]] = (),
) -> list[Suggestion]:
    """Every mentor with a free place who may take this mentee, best first (to change a pick)."""
    found = []
    for mentor in mentors:
        if mentor.free <= 0:
            continue
        principle = _allowed(mentor, mentee, weights, principles, forbidden)
        if principle is None:
            continue
        score = _with_load(fit(mentor, mentee, weights), mentor.load, weights)
        found.append(Suggestion(mentee.key, mentor.key, principle, score, mentor.load + 1))
    return sorted(found, key=lambda s: (-s.score.total, s.mentor))


def suggest(
    mentees: Sequence[MenteeInfo],
    mentors: Sequence[MentorInfo],
    *,
    weights: Weights = Weights(),
    principles: Collection[str] | None = None,
    forbidden: Collection[tuple[int, int]] = (),
) -> Assignment:
    """An optimal pairing of all open mentees with the free places of all mentors at once.

    Pairs as many mentees as the principles and capacities allow, and among those pairings the
    one with the highest total score (load penalties included).
    """
    mentees = sorted(mentees, key=lambda m: m.key)
    mentors = sorted(mentors, key=lambda m: m.key)
    places = [
        (mentor, before) for mentor in mentors for before in range(mentor.load, mentor.capacity)
    ]
    if not mentees:
        return Assignment()
    # The fit of every allowed (mentee, mentor with room) pair; -inf where not allowed.
    open_mentors = [mentor for mentor in mentors if mentor.free > 0]
    fits = np.full((len(mentees), len(open_mentors)), -np.inf)
    made_under: dict[tuple[int, int], str] = {}
    for row, mentee in enumerate(mentees):
        for index, mentor in enumerate(open_mentors):
            principle = _allowed(mentor, mentee, weights, principles, forbidden)
            if principle is None:
                continue
            made_under[(row, mentor.key)] = principle
            fits[row, index] = sum(_points(mentor, mentee, weights))
    # Spread each mentor's column over their places, less the load penalty of each place.
    index_of = {mentor.key: index for index, mentor in enumerate(open_mentors)}
    place_mentor = np.array([index_of[mentor.key] for mentor, _before in places], dtype=int)
    penalty = np.array([load_penalty(before, weights) for _mentor, before in places])
    cost = np.empty((len(mentees), len(places) + len(mentees)))
    real = -(fits[:, place_mentor] + penalty)
    cost[:, : len(places)] = real
    finite = real[np.isfinite(real)]
    if finite.size:
        high, low = float(finite.max()), float(finite.min())
        # Worse than any change of score re-pairing everyone could bring: pairing one more
        # mentee always beats a better score for fewer.
        unpaired = abs(high) + abs(low) + len(mentees) * (high - low) + 1.0
    else:
        unpaired = 1.0
    cost[:, len(places) :] = unpaired
    rows, columns = linear_sum_assignment(cost)
    chosen: dict[int, list[int]] = defaultdict(list)  # mentor → rows, in row order
    result = Assignment()
    for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
        if column < len(places):
            chosen[places[column][0].key].append(row)
        else:
            result.unpaired.append(mentees[row].key)
    # A mentor's places differ by load only; name them in order (2nd, 3rd …) whichever
    # equal-cost columns the solver took.
    for mentor in mentors:
        for offset, row in enumerate(sorted(chosen.get(mentor.key, []))):
            principle = made_under[(row, mentor.key)]
            score = fit(mentor, mentees[row], weights)
            before = mentor.load + offset
            result.suggestions.append(
                Suggestion(
                    mentee=mentees[row].key,
                    mentor=mentor.key,
                    principle=principle,
                    score=_with_load(score, before, weights),
                    place=before + 1,
                )
            )
    result.suggestions.sort(key=lambda s: s.mentee)
    return result
