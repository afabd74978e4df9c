"""The division of a village's duties: an optimal plan under the hard rules, or why none exists.

Plain data in, plain data out (no ORM), so the rules and the solver are tested on their own.
OR-Tools CP-SAT solves one 0/1 variable per (cadre, duty) pair that the hard rules allow;
the objective is the sum of the pairs' integer scores (see scoring.py). When no plan exists,
`diagnose` names the rules that clash: first by counting (no woman for a women-only duty, more
places than people × cap …), and when counting finds nothing, by the solver's own explanation
(the assumptions that are sufficient for infeasibility).
"""

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ortools.sat.python import cp_model

Pair = tuple[int, int]  # (cadre key, duty key)


@dataclass(frozen=True)
class Cadre:
    key: int
    name: str
    gender: str  # "F" / "M"
    party_member: bool


@dataclass(frozen=True)
class DutySpec:
    key: int
    name: str
    need: int
    gender: str = ""  # "" anyone, "F" women only, "M" men only
    party_only: bool = False


@dataclass(frozen=True)
class Problem:
    cadres: tuple[Cadre, ...]
    duties: tuple[DutySpec, ...]
    scores: Mapping[Pair, Mapping[str, int]]  # score parts; a missing pair scores 0
    max_duties: int = 3
    min_duties: int = 1
    require_woman: bool = True
    pins: frozenset[Pair] = frozenset()
    bans: frozenset[Pair] = frozenset()

    def score(self, pair: Pair) -> int:
        return sum(self.scores.get(pair, {}).values())

    @cached_property
    def allowed_pairs(self) -> frozenset[Pair]:
        return frozenset(allowed(self))


@dataclass(frozen=True)
class Reason:
    """Why no plan exists, as data; `explain.reason_text` words it for each reader."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Solution:
    feasible: bool
    plan: list[Pair] = field(default_factory=list)
    total: int = 0
    reasons: list[Reason] = field(default_factory=list)
    seconds: float = 0.0


def blocked_by(cadre: Cadre, duty: DutySpec) -> list[str]:
    """The hard rules of the duty this cadre does not meet ("gender", "party")."""
    rules = []
    if duty.gender and cadre.gender != duty.gender:
        rules.append("gender")
    if duty.party_only and not cadre.party_member:
        rules.append("party")
    return rules


def allowed(problem: Problem) -> list[Pair]:
    return [
        (c.key, d.key)
        for c in problem.cadres
        for d in problem.duties
        if not blocked_by(c, d) and (c.key, d.key) not in problem.bans
    ]


def plan_errors(problem: Problem, plan: Iterable[Pair]) -> list[Reason]:
    """The hard rules a given plan breaks (empty: the plan may be confirmed)."""
    plan = set(plan)
    errors: list[Reason] = []
    cadres = {c.key: c for c in problem.cadres}
    duties = {d.key: d for d in problem.duties}
    ok = set(allowed(problem))
    for pair in sorted(plan):
        if pair[0] not in cadres or pair[1] not in duties or pair not in ok:
            errors.append(Reason("pair_not_allowed", {"cadre": pair[0], "duty": pair[1]}))
    for d in problem.duties:
        taken = sum(1 for pair in plan if pair[1] == d.key)
        if taken != d.need:
            errors.append(Reason("duty_not_covered", {"duty": d.name, "need": d.need}))
    for c in problem.cadres:
        count = sum(1 for pair in plan if pair[0] == c.key)
        if not problem.min_duties <= count <= problem.max_duties:
            errors.append(Reason("load_out_of_range", {"cadre": c.name, "count": count}))
    women = {c.key for c in problem.cadres if c.gender == "F"}
    if problem.require_woman and not any(pair[0] in women for pair in plan):
        errors.append(Reason("no_woman", {}))
    errors.extend(Reason("pin_broken", {"cadre": p, "duty": d}) for p, d in problem.pins - plan)
    return errors


def solve(problem: Problem, *, time_limit: float = 10.0) -> Solution:
    """The plan with the highest total score, or the reasons why the rules allow none."""
    started = time.perf_counter()
    reasons = precheck(problem)
    if reasons:
        return Solution(False, reasons=reasons, seconds=time.perf_counter() - started)
    model, x, _literals = _model(problem, with_literals=False)
    model.maximize(sum(problem.score(pair) * var for pair, var in x.items()))
    solver = _solver(time_limit)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solution(
            False, reasons=_core(problem, time_limit), seconds=time.perf_counter() - started
        )
    plan = sorted(pair for pair, var in x.items() if solver.boolean_value(var))
    return Solution(
        True,
        plan=plan,
        total=sum(problem.score(pair) for pair in plan),
        seconds=time.perf_counter() - started,
    )


def _solver(time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    # One worker: the villages are tiny, and a fixed search keeps the answer reproducible.
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit
    return solver


def _model(
    problem: Problem, *, with_literals: bool
) -> tuple[cp_model.CpModel, dict[Pair, cp_model.IntVar], list[tuple[Any, Reason]]]:
    """The CP-SAT model; with literals, each rule group is switched by an assumption."""
    model = cp_model.CpModel()
    x = {pair: model.new_bool_var(f"x{pair[0]}_{pair[1]}") for pair in allowed(problem)}
    switches: list[tuple[Any, Reason]] = []

    def rule(constraint: Any, reason: Reason) -> None:
        if with_literals:
            literal = model.new_bool_var(reason.code)
            constraint.only_enforce_if(literal)
            switches.append((literal, reason))

    for d in problem.duties:
        takers = [var for (p, dk), var in x.items() if dk == d.key]
        rule(
            model.add(sum(takers) == d.need),
            Reason("rule_cover", {"duty": d.name, "need": d.need}),
        )
    for c in problem.cadres:
        load = [var for (p, dk), var in x.items() if p == c.key]
        rule(
            model.add(sum(load) <= problem.max_duties),
            Reason("rule_cap", {"cadre": c.name, "cap": problem.max_duties}),
        )
        if problem.min_duties:
            rule(
                model.add(sum(load) >= problem.min_duties),
                Reason("rule_min", {"cadre": c.name, "min": problem.min_duties}),
            )
    if problem.require_woman:
        women = {c.key for c in problem.cadres if c.gender == "F"}
        rule(
            model.add(sum(var for (p, _d), var in x.items() if p in women) >= 1),
            Reason("rule_woman", {}),
        )
    names = {c.key: c.name for c in problem.cadres}
    duty_names = {d.key: d.name for d in problem.duties}
    for pair in sorted(problem.pins):
        if pair in x:
            rule(
                model.add(x[pair] == 1),
                Reason("rule_pin", {"cadre": names[pair[0]], "duty": duty_names[pair[1]]}),
            )
    return model, x, switches


def _core(problem: Problem, time_limit: float) -> list[Reason]:
    """The rules CP-SAT finds sufficient for infeasibility (a small clashing set)."""
    model, _x, switches = _model(problem, with_literals=True)
    model.add_assumptions([literal for literal, _reason in switches])
    solver = _solver(time_limit)
    solver.solve(model)
    by_index = {literal.index: reason for literal, reason in switches}
    core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]
    return [Reason("conflict", {"rules": [(r.code, r.params) for r in core]})]


def precheck(problem: Problem) -> list[Reason]:
    """Reasons found by counting, worded for people (no solver needed)."""
    reasons: list[Reason] = []
    cadres, duties = problem.cadres, problem.duties
    if not cadres:
        return [Reason("no_cadres")]
    if not duties:
        return [Reason("no_duties")]
    if problem.require_woman and not any(c.gender == "F" for c in cadres):
        reasons.append(Reason("no_woman"))
    ok = set(allowed(problem))
    for d in duties:
        eligible = [c for c in cadres if (c.key, d.key) in ok]
        if len(eligible) < d.need:
            rules = sorted({r for c in cadres for r in blocked_by(c, d)})
            if any((c.key, d.key) in problem.bans for c in cadres):
                rules.append("ban")
            reasons.append(
                Reason(
                    "duty_short",
                    {"duty": d.name, "need": d.need, "eligible": len(eligible), "rules": rules},
                )
            )
    places = sum(d.need for d in duties)
    if places > len(cadres) * problem.max_duties:
        reasons.append(
            Reason(
                "places_over_cap",
                {"places": places, "people": len(cadres), "cap": problem.max_duties},
            )
        )
    if len(cadres) * problem.min_duties > places:
        reasons.append(
            Reason(
                "people_over_places",
                {"places": places, "people": len(cadres), "min": problem.min_duties},
            )
        )
    cadre_by_key = {c.key: c for c in cadres}
    duty_by_key = {d.key: d for d in duties}
    for pk, dk in sorted(problem.pins):
        if (pk, dk) not in ok and pk in cadre_by_key and dk in duty_by_key:
            reasons.append(
                Reason(
                    "pin_not_allowed",
                    {
                        "cadre": cadre_by_key[pk].name,
                        "duty": duty_by_key[dk].name,
                        "rules": blocked_by(cadre_by_key[pk], duty_by_key[dk]),
                    },
                )
            )
    for c in cadres:
        pinned = sum(1 for p, _d in problem.pins if p == c.key)
        if pinned > problem.max_duties:
            reasons.append(
                Reason(
                    "pins_over_cap", {"cadre": c.name, "pins": pinned, "cap": problem.max_duties}
                )
            )
    for d in duties:
        pinned = sum(1 for _p, dk in problem.pins if dk == d.key)
        if pinned > d.need:
            reasons.append(
                Reason("pins_over_need", {"duty": d.name, "pins": pinned, "need": d.need})
            )
    return reasons


def shaping_rules(problem: Problem, plan: list[Pair], pair: Pair) -> list[str]:
    """The hard rules behind one assignment of a plan (codes, worded in explain.py)."""
    cadre = next(c for c in problem.cadres if c.key == pair[0])
    duty = next(d for d in problem.duties if d.key == pair[1])
    rules = []
    if pair in problem.pins:
        rules.append("pinned")
    if duty.gender:
        rules.append(f"gender_{duty.gender}")
    if duty.party_only:
        rules.append("party_only")
    ok = problem.allowed_pairs
    if sum(1 for c in problem.cadres if (c.key, duty.key) in ok) == duty.need:
        rules.append("only_eligible")
    if sum(1 for p, _d in plan if p == cadre.key) == problem.max_duties:
        rules.append("at_cap")
    women = [c for c in problem.cadres if c.gender == "F"]
    if problem.require_woman and cadre.gender == "F" and len(women) == 1:
        rules.append("only_woman")
    return rules
