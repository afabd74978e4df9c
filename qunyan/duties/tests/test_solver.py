"""The CP-SAT division against brute force on small villages, and its reasons when stuck."""

import itertools
import random

import pytest

from qunyan.duties.solver import (
    Cadre,
    DutySpec,
    Problem,
    allowed,
    plan_errors,
    precheck,
    solve,
)


def brute_force(problem: Problem) -> int | None:
    """The best total over every plan that keeps the hard rules (None: no plan)."""
    ok = set(allowed(problem))
    per_duty = [
        [
            combo
            for combo in itertools.combinations(problem.cadres, d.need)
            if all((c.key, d.key) in ok for c in combo)
        ]
        for d in problem.duties
    ]
    best = None
    for choice in itertools.product(*per_duty):
        plan = {
            (c.key, d.key) for d, combo in zip(problem.duties, choice, strict=True) for c in combo
        }
        if plan_errors(problem, plan):
            continue
        total = sum(problem.score(pair) for pair in plan)
        best = total if best is None else max(best, total)
    return best


def random_problem(rng: random.Random) -> Problem:
    cadres = tuple(
        Cadre(k, f"c{k}", rng.choice("FMM"), rng.random() < 0.7)
        for k in range(1, rng.randint(1, 4) + 1)
    )
    duties = tuple(
        DutySpec(
            100 + k,
            f"d{k}",
            rng.choice((1, 1, 1, 2)),
            rng.choice(("", "", "", "F", "M")),
            rng.random() < 0.25,
        )
        for k in range(rng.randint(1, 4))
    )
    scores = {
        (c.key, d.key): {"skills": rng.randint(-10, 40), "wishes": rng.choice((0, 10, 20, 30))}
        for c in cadres
        for d in duties
    }
    pairs = list(scores)
    pins = frozenset(rng.sample(pairs, k=min(len(pairs), rng.choice((0, 0, 1, 2)))))
    bans = frozenset(p for p in rng.sample(pairs, k=min(len(pairs), rng.choice((0, 0, 1)))))
    return Problem(
        cadres,
        duties,
        scores,
        max_duties=rng.randint(1, 3),
        min_duties=rng.choice((0, 1)),
        require_woman=rng.random() < 0.5,
        pins=pins,
        bans=bans - pins,
    )


@pytest.mark.parametrize("seed", range(300))
def test_it_finds_the_brute_force_optimum_on_small_villages(seed: int) -> None:
    """Same feasibility and the same optimal total as trying every plan; the plan keeps the rules."""
    problem = random_problem(random.Random(seed))
    best = brute_force(problem)
    solution = solve(problem)
    assert solution.feasible == (best is not None)
    if best is None:
        assert solution.reasons, "an infeasible village says why"
    else:
        assert solution.total == best
        assert plan_errors(problem, solution.plan) == []


def _village(*genders: str, cap: int = 3, need: int = 1) -> Problem:
    cadres = tuple(Cadre(k, f"c{k}", g, True) for k, g in enumerate(genders, start=1))
    duties = (
        DutySpec(10, "党建", need),
        DutySpec(11, "妇女儿童", 1, "F"),
        DutySpec(12, "财务", 1),
    )
    return Problem(cadres, duties, {}, max_duties=cap)


def test_it_says_no_woman_can_take_the_women_and_children_duty() -> None:
    """An all-male committee: the women-only duty and the committee rule are both named."""
    solution = solve(_village("M", "M", "M"))
    assert not solution.feasible
    codes = {r.code: r.params for r in solution.reasons}
    assert codes["duty_short"]["duty"] == "妇女儿童"
    assert codes["duty_short"]["rules"] == ["gender"]
    assert "no_woman" in codes


def test_it_says_there_are_more_places_than_people_can_fill() -> None:
    """Two people with at most one duty each cannot cover three duties."""
    solution = solve(_village("F", "M", cap=1))
    assert not solution.feasible
    [reason] = solution.reasons
    assert reason.code == "places_over_cap"
    assert reason.params == {"places": 3, "people": 2, "cap": 1}


def test_it_says_when_people_outnumber_the_places() -> None:
    """Everyone takes a duty: five people and three places cannot work."""
    solution = solve(_village("F", "M", "M", "M", "M"))
    assert [r.code for r in solution.reasons] == ["people_over_places"]


def test_it_names_a_clash_that_counting_cannot_see() -> None:
    """Two women-only duties, one woman allowed one duty: the solver's core names the rules."""
    cadres = (Cadre(1, "甲", "F", True), Cadre(2, "乙", "M", True))
    duties = (DutySpec(10, "妇女儿童", 1, "F"), DutySpec(11, "计生", 1, "F"))
    problem = Problem(cadres, duties, {}, max_duties=1, min_duties=0)
    assert precheck(problem) == []
    solution = solve(problem)
    assert not solution.feasible
    [reason] = solution.reasons
    assert reason.code == "conflict"
    codes = [code for code, _params in reason.params["rules"]]
    assert codes.count("rule_cover") == 2 and "rule_cap" in codes


def test_a_pin_the_rules_forbid_is_named() -> None:
    """Pinning a man to the women-only duty is refused with the pin named."""
    problem = _village("F", "M", "M")
    problem = Problem(problem.cadres, problem.duties, {}, pins=frozenset({(2, 11)}))
    solution = solve(problem)
    assert [r.code for r in solution.reasons] == ["pin_not_allowed"]


def test_a_pin_is_kept_even_when_it_costs_points() -> None:
    """The officer's pin beats a better-scoring choice."""
    cadres = (Cadre(1, "甲", "F", True), Cadre(2, "乙", "M", True))
    duties = (DutySpec(10, "党建", 1), DutySpec(11, "财务", 1))
    scores = {(1, 10): {"wishes": 30}, (2, 11): {"wishes": 30}}
    free = solve(Problem(cadres, duties, scores, max_duties=1))
    assert free.plan == [(1, 10), (2, 11)]
    pinned = solve(Problem(cadres, duties, scores, max_duties=1, pins=frozenset({(2, 10)})))
    assert pinned.plan == [(1, 11), (2, 10)]
    assert pinned.total == 0
