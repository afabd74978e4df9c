"""Proposed divisions: the database read into solver problems, solved, and explained.

Nothing here writes; a proposal becomes a Division only through `services.division_confirm`.
Every village of a town is read with a handful of queries, so the whole town solves at once.
"""

import datetime
import time
from dataclasses import dataclass, field

from qunyan.core.models import OrgUnit
from qunyan.core.rules import rule_int
from qunyan.people.choices import PARTY_MEMBER_STATUSES
from qunyan.people.models import Person

from .models import Division, Duty
from .scoring import CadreFacts, DutyFacts, score_parts, words
from .selectors import current_divisions, pins_of, serving_cadres, town_duties
from .solver import Cadre, DutySpec, Pair, Problem, Solution, shaping_rules, solve


@dataclass
class Row:
    """One assignment of a proposal, with everything the page shows about it."""

    person: Person
    duty: Duty
    score: int
    parts: dict[str, int]
    rules: list[str]
    wish_rank: int | None


@dataclass
class Proposal:
    village: OrgUnit
    problem: Problem
    solution: Solution
    people: dict[int, Person]
    duties: dict[int, Duty]
    current: Division | None = None
    rows: list[Row] = field(default_factory=list)

    @property
    def plan_text(self) -> str:
        """The plan as the confirmation form carries it ("person:duty,…")."""
        return ",".join(f"{p}:{d}" for p, d in self.solution.plan)

    def matrix(self) -> list[tuple[Person, list[tuple[Duty, int, bool, bool]]]]:
        """Every person's score for every duty: (duty, score, chosen, allowed)."""
        chosen = set(self.solution.plan)
        ok = self.problem.allowed_pairs
        return [
            (
                person,
                [
                    (duty, self.problem.score((pk, dk)), (pk, dk) in chosen, (pk, dk) in ok)
                    for dk, duty in self.duties.items()
                ],
            )
            for pk, person in self.people.items()
        ]


def solver_rules() -> dict[str, int]:
    return {
        "max_duties": rule_int("DUTIES_MAX_PER_PERSON"),
        "min_duties": rule_int("DUTIES_MIN_PER_PERSON"),
        "require_woman": rule_int("DUTIES_COMMITTEE_NEEDS_WOMAN"),
    }


def _facts(person: Person, held: frozenset[int]) -> CadreFacts:
    profile = getattr(person, "duty_profile", None)
    skills = words(person.skills)
    if profile is not None:
        skills |= words(profile.skills)
    return CadreFacts(
        education=person.education,
        skills=skills,
        traits=frozenset(profile.traits) if profile else frozenset(),
        wishes={w.duty_id: w.rank for w in profile.wishes.all()} if profile else {},
        held=held,
        experience=profile.experience if profile else "",
    )


def build_problem(
    *,
    people: list[Person],
    duties: list[Duty],
    pins: list[tuple[int, int, bool]],
    held: dict[int, frozenset[int]],
) -> Problem:
    rules = solver_rules()
    duty_facts = [
        DutyFacts(d.pk, d.name, d.min_education, words(d.skills), frozenset(d.traits))
        for d in duties
    ]
    scores: dict[Pair, dict[str, int]] = {}
    for person in people:
        facts = _facts(person, held.get(person.pk, frozenset()))
        for duty in duty_facts:
            scores[(person.pk, duty.key)] = score_parts(facts, duty)
    return Problem(
        cadres=tuple(
            Cadre(p.pk, p.name, p.gender, p.political_status in PARTY_MEMBER_STATUSES)
            for p in people
        ),
        duties=tuple(
            DutySpec(d.pk, d.name, d.people_needed, d.gender, d.party_member_only) for d in duties
        ),
        scores=scores,
        max_duties=rules["max_duties"],
        min_duties=rules["min_duties"],
        require_woman=bool(rules["require_woman"]),
        pins=frozenset((p, d) for p, d, assign in pins if assign),
        bans=frozenset((p, d) for p, d, assign in pins if not assign),
    )


def prepare(*, town: OrgUnit, villages: list[OrgUnit], on: datetime.date) -> list[Proposal]:
    """Each village's problem read from the database, not solved yet."""
    duties = list(town_duties(town=town).order_by("order", "id"))
    cadres = serving_cadres(villages=villages, on=on)
    pins = pins_of(villages=villages)
    current = current_divisions(villages=villages)
    found = []
    for village in villages:
        people = cadres[village.pk]
        division = current.get(village.pk)
        held: dict[int, set[int]] = {}
        if division is not None:
            for a in division.assignments.all():
                held.setdefault(a.person_id, set()).add(a.duty_id)
        keys = {p.pk for p in people}
        problem = build_problem(
            people=people,
            duties=duties,
            pins=[
                (pin.person_id, pin.duty_id, pin.assign)
                for pin in pins.get(village.pk, [])
                if pin.person_id in keys
            ],
            held={k: frozenset(v) for k, v in held.items()},
        )
        found.append(
            Proposal(
                village=village,
                problem=problem,
                solution=Solution(False),
                people={p.pk: p for p in people},
                duties={d.pk: d for d in duties},
                current=division,
            )
        )
    return found


def propose(*, town: OrgUnit, villages: list[OrgUnit], on: datetime.date) -> list[Proposal]:
    """The optimal division of each village under its pins, explained; nothing is saved."""
    proposals = prepare(town=town, villages=villages, on=on)
    for proposal in proposals:
        proposal.solution = solve(proposal.problem)
        proposal.rows = explain_rows(proposal)
    return proposals


def explain_rows(proposal: Proposal) -> list[Row]:
    plan = proposal.solution.plan
    rows = []
    for pair in plan:
        person, duty = proposal.people[pair[0]], proposal.duties[pair[1]]
        parts = dict(proposal.problem.scores.get(pair, {}))
        profile = getattr(person, "duty_profile", None)
        rank = None
        if profile is not None:
            rank = next((w.rank for w in profile.wishes.all() if w.duty_id == duty.pk), None)
        rows.append(
            Row(
                person=person,
                duty=duty,
                score=sum(parts.values()),
                parts=parts,
                rules=shaping_rules(proposal.problem, plan, pair),
                wish_rank=rank,
            )
        )
    rows.sort(key=lambda r: (r.duty.order, r.duty.pk, r.person.name_pinyin))
    return rows


def timed_town(
    *, town: OrgUnit, villages: list[OrgUnit], on: datetime.date
) -> tuple[list[Proposal], float]:
    """Propose for every village and say how long reading, solving and explaining took."""
    started = time.perf_counter()
    proposals = propose(town=town, villages=villages, on=on)
    return proposals, time.perf_counter() - started
