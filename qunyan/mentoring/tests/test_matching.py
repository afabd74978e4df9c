"""The pairing rules and the solver, on plain data: no database.

Optimality is proven against brute force on small cases: every way of giving each mentee one
mentor or none within the capacities (itertools.product), and for one place per mentor every
ordering of the mentors (itertools.permutations).
"""

import itertools
import random

import pytest

from qunyan.mentoring.choices import Principle
from qunyan.mentoring.matching import (
    MenteeInfo,
    MentorInfo,
    Weights,
    candidates,
    fit,
    load_penalty,
    principles_of,
    suggest,
)

TOWN, VILLAGE_A, VILLAGE_B = 1, 10, 20
W = Weights()


def mentor(key, **kw):
    values = {
        "village": VILLAGE_A,
        "town": TOWN,
        "at_town_level": False,
        "age": 50,
        "experience": 12,
        "strengths": frozenset(),
        "capacity": 3,
        "load": 0,
    }
    values.update(kw)
    values["strengths"] = frozenset(values["strengths"])
    return MentorInfo(key=key, **values)


def mentee(key, **kw):
    values = {
        "village": VILLAGE_A,
        "town": TOWN,
        "age": 30,
        "experience": 1,
        "weak_areas": frozenset(),
    }
    values.update(kw)
    values["weak_areas"] = frozenset(values["weak_areas"])
    return MenteeInfo(key=key, **values)


def brute_force(mentees, mentors, forbidden=()):
    """The best (pairs, total score) over every assignment within the capacities."""
    best = (0, 0.0)
    for choice in itertools.product([None, *mentors], repeat=len(mentees)):
        counts = {m.key: 0 for m in mentors}
        total = 0.0
        feasible = True
        for person, chosen in zip(mentees, choice, strict=True):
            if chosen is None:
                continue
            if (person.key, chosen.key) in forbidden or not principles_of(chosen, person, W):
                feasible = False
                break
            total += fit(chosen, person, W).total + load_penalty(chosen.load + counts[chosen.key])
            counts[chosen.key] += 1
            if counts[chosen.key] > chosen.free:
                feasible = False
                break
        if not feasible:
            continue
        paired = sum(1 for c in choice if c is not None)
        if (paired, round(total, 6)) > (best[0], round(best[1], 6)):
            best = (paired, round(total, 6))
    return best


AREAS = ("party_building", "industry", "mediation", "finance", "ecommerce")


def random_case(rng, n_mentees, n_mentors):
    mentors = [
        mentor(
            100 + i,
            village=rng.choice([VILLAGE_A, VILLAGE_B, None]),
            at_town_level=rng.random() < 0.3,
            age=rng.randrange(35, 62),
            experience=rng.randrange(0, 25),
            strengths=rng.sample(AREAS, rng.randrange(0, 3)),
            capacity=rng.randrange(1, 4),
            load=rng.randrange(0, 2),
        )
        for i in range(n_mentors)
    ]
    mentees = [
        mentee(
            i,
            village=rng.choice([VILLAGE_A, VILLAGE_B, None]),
            age=rng.randrange(22, 41),
            experience=rng.randrange(0, 6),
            weak_areas=rng.sample(AREAS, rng.randrange(0, 4)),
        )
        for i in range(n_mentees)
    ]
    return mentees, mentors


@pytest.mark.parametrize("seed", range(60))
def test_the_assignment_is_as_good_as_brute_force(seed):
    """On random small towns the solver pairs as many mentees and scores as high as the best of
    every possible assignment."""
    rng = random.Random(seed)
    mentees, mentors = random_case(rng, rng.randrange(1, 6), rng.randrange(1, 4))
    forbidden = {(mentees[0].key, mentors[0].key)} if seed % 3 == 0 else set()
    result = suggest(mentees, mentors, forbidden=forbidden)
    assert (len(result.suggestions), result.total) == brute_force(mentees, mentors, forbidden)


@pytest.mark.parametrize("seed", range(20))
def test_with_one_place_per_mentor_it_matches_every_ordering_of_mentors(seed):
    """With capacity 1, an assignment is an ordering of mentors over mentees: the solver's total
    equals the best of itertools.permutations when everyone can be paired."""
    rng = random.Random(1000 + seed)
    mentees = [
        mentee(i, weak_areas=rng.sample(AREAS, 2), age=rng.randrange(22, 40)) for i in range(4)
    ]
    mentors = [
        mentor(
            100 + i,
            at_town_level=True,
            village=None,
            strengths=rng.sample(AREAS, 2),
            age=rng.randrange(40, 60),
            experience=rng.randrange(5, 20),
            capacity=1,
        )
        for i in range(5)
    ]
    best = max(
        sum(fit(m, person).total for person, m in zip(mentees, order, strict=False))
        for order in itertools.permutations(mentors, len(mentees))
    )
    result = suggest(mentees, mentors)
    assert len(result.suggestions) == 4
    assert result.total == pytest.approx(best)


def test_it_never_gives_a_mentor_more_than_their_free_places():
    """Five mentees who all fit one mentor best: that mentor takes capacity − load of them."""
    star = mentor(1, strengths={"industry"}, capacity=3, load=1)
    plain = mentor(2, village=VILLAGE_B, capacity=5, experience=20)
    people = [mentee(10 + i, weak_areas={"industry"}) for i in range(5)]
    result = suggest(people, [star, plain])
    taken = [s for s in result.suggestions if s.mentor == star.key]
    assert len(taken) == 2
    assert sorted(s.place for s in taken) == [2, 3]
    assert len(result.suggestions) == 5


def test_it_spreads_mentees_over_equally_good_mentors():
    """Two identical mentors and two mentees: one each, not both with the first."""
    first, second = mentor(1, strengths={"finance"}), mentor(2, strengths={"finance"})
    result = suggest(
        [mentee(10, weak_areas={"finance"}), mentee(11, weak_areas={"finance"})], [first, second]
    )
    assert sorted(s.mentor for s in result.suggestions) == [1, 2]
    assert all(s.score.load == 0 for s in result.suggestions)


def test_load_outweighs_a_small_advantage_but_not_a_large_one():
    """A busy mentor loses a mentee to a free one unless they cover the mentee's weak areas."""
    busy = mentor(1, strengths={"finance"}, load=2)
    free = mentor(2, strengths=set())
    same = mentee(10, weak_areas=set())
    needs_finance = mentee(11, weak_areas={"finance"})
    assert suggest([same], [busy, free]).suggestions[0].mentor == free.key
    assert suggest([needs_finance], [busy, free]).suggestions[0].mentor == busy.key


def test_pairs_that_fit_no_principle_are_never_suggested():
    """A mentor who is neither at town level, nor strong in a weak area, nor more experienced
    by the veteran margin may not take the mentee."""
    peer = mentor(1, experience=2, strengths={"writing"})
    person = mentee(10, experience=1, weak_areas={"finance"})
    assert principles_of(peer, person) == []
    result = suggest([person], [peer])
    assert result.suggestions == []
    assert result.unpaired == [person.key]


def test_the_principle_is_named_in_order_and_can_be_restricted():
    """A town cadre strong in the weak area pairs a village cadre under 镇带村 first; asked for
    强带弱 only, the same pair is made under that principle."""
    town_cadre = mentor(1, at_town_level=True, village=None, strengths={"finance"})
    person = mentee(10, weak_areas={"finance"})
    assert principles_of(town_cadre, person) == [
        Principle.TOWN_TO_VILLAGE,
        Principle.STRONG_TO_WEAK,
        Principle.VETERAN_TO_NEW,
    ]
    assert suggest([person], [town_cadre]).suggestions[0].principle == Principle.TOWN_TO_VILLAGE
    only = suggest([person], [town_cadre], principles={Principle.STRONG_TO_WEAK})
    assert only.suggestions[0].principle == Principle.STRONG_TO_WEAK


def test_a_rejected_pair_is_not_suggested_again():
    """The mentee goes to the other mentor once the better pair is turned down."""
    best, other = mentor(1, strengths={"finance"}), mentor(2, village=VILLAGE_B)
    person = mentee(10, weak_areas={"finance"})
    assert suggest([person], [best, other]).suggestions[0].mentor == best.key
    again = suggest([person], [best, other], forbidden={(person.key, best.key)})
    assert again.suggestions[0].mentor == other.key


def test_it_pairs_as_many_as_possible_before_scoring_higher():
    """A could go to either mentor, B only to the first: both are paired, even though A scores
    more with the first."""
    first = mentor(1, strengths={"finance"}, capacity=1)
    second = mentor(2, capacity=1, village=VILLAGE_B)
    a = mentee(10, weak_areas={"finance"})
    b = mentee(11, weak_areas={"finance"}, experience=20)  # no veteran margin with the second
    result = suggest([a, b], [first, second])
    assert {(s.mentee, s.mentor) for s in result.suggestions} == {(10, 2), (11, 1)}


def test_the_score_is_broken_down():
    """Skills cover half the weak areas, same village, a 20-year age gap, 11 years more service."""
    score = fit(
        mentor(1, age=50, experience=12, strengths={"finance", "writing"}),
        mentee(10, age=30, experience=1, weak_areas={"finance", "industry"}),
    )
    assert score.parts() == {
        "skill": 20.0,
        "distance": 20.0,
        "age": 10.0,
        "experience": 15.0,
        "load": 0.0,
    }
    assert score.covered == ("finance",)
    assert score.total == 65.0


def test_distance_is_village_then_town_then_elsewhere():
    person = mentee(10)
    assert fit(mentor(1), person).distance == W.same_village
    assert fit(mentor(2, village=VILLAGE_B), person).distance == W.same_town
    assert fit(mentor(3, village=None, at_town_level=True), person).distance == W.same_town
    assert fit(mentor(4, village=99, town=2), person).distance == 0


def test_candidates_rank_every_mentor_with_room_and_show_their_next_place():
    """The list to change a pick from: best first, full mentors left out."""
    person = mentee(10, weak_areas={"finance"})
    strong = mentor(1, strengths={"finance"}, load=1)
    full = mentor(2, strengths={"finance"}, capacity=1, load=1)
    plain = mentor(3, village=VILLAGE_B)
    ranked = candidates(person, [plain, full, strong])
    assert [c.mentor for c in ranked] == [1, 3]
    assert ranked[0].place == 2
    assert ranked[0].score.load == -W.load_step


def test_nobody_to_pair_gives_an_empty_answer():
    assert suggest([], [mentor(1)]).suggestions == []
    result = suggest([mentee(10)], [])
    assert result.unpaired == [10]
