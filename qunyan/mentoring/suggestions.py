"""Suggested pairs from the database: open mentees and available mentors as the solver's plain
data (matching.py), the optimal pairing of a town, and one mentee's candidates."""

import datetime
import time
from collections.abc import Collection
from dataclasses import dataclass

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.reports.periods import age_on

from . import matching
from .models import Mentor, PairingRejection
from .selectors import mentee_get, mentor_get, mentor_list, open_mentees


def _village_of(unit: OrgUnit) -> int | None:
    if unit.kind in VILLAGE_KINDS:
        return unit.pk
    if unit.kind == OrgUnit.Kind.GROUP:
        return unit.parent_id
    return None


def _experience(on: datetime.date, *starts: datetime.date | None) -> int:
    known = [day for day in starts if day is not None and day <= on]
    return age_on(min(known), on) if known else 0


def mentor_info(mentor: Mentor, *, on: datetime.date) -> matching.MentorInfo:
    """A mentor (from mentor_list) as the solver sees them."""
    person = mentor.person
    return matching.MentorInfo(
        key=person.pk,
        village=_village_of(person.unit),
        town=person.town_id,
        at_town_level=person.unit.kind in (OrgUnit.Kind.TOWN, OrgUnit.Kind.COUNTY),
        age=age_on(person.birth_date, on),
        experience=_experience(on, mentor.serving_since, getattr(mentor, "first_term", None)),
        strengths=frozenset(mentor.strengths),
        capacity=mentor.capacity,
        load=getattr(mentor, "load", 0),
    )


def mentee_info(person: Person, *, on: datetime.date) -> matching.MenteeInfo:
    """A person (from open_mentees or mentee_get) as the solver sees them."""
    need = getattr(person, "mentee_need", None)
    return matching.MenteeInfo(
        key=person.pk,
        village=_village_of(person.unit),
        town=person.town_id,
        age=age_on(person.birth_date, on),
        experience=_experience(on, getattr(person, "first_term", None)),
        weak_areas=frozenset(need.weak_areas if need else ()),
    )


def rejected_pairs(people: Collection[int]) -> set[tuple[int, int]]:
    """(mentee, mentor) pairs turned down for these mentees."""
    return set(
        PairingRejection.objects.filter(mentee_id__in=people).values_list("mentee_id", "mentor_id")
    )


@dataclass
class SuggestedPair:
    mentee: Person
    mentor: Mentor
    suggestion: matching.Suggestion


@dataclass
class Suggestions:
    """The suggested pairing of a town on a day, ready to show."""

    town: OrgUnit
    on: datetime.date
    pairs: list[SuggestedPair]
    unpaired: list[Person]
    mentees: int
    mentors: int
    free_places: int
    seconds: float
    principles: Collection[str] | None = None


def _mentors_for_matching(*, scope: Scope, town: OrgUnit, on: datetime.date) -> list[Mentor]:
    return list(mentor_list(scope=scope, on=on, available=True).filter(person__town=town))


def pairing_suggestions(
    *,
    scope: Scope,
    town: OrgUnit,
    on: datetime.date,
    principles: Collection[str] | None = None,
) -> Suggestions:
    """An optimal pairing of every open mentee of the town with the mentors' free places."""
    started = time.perf_counter()
    people = {person.pk: person for person in open_mentees(scope=scope, town=town, on=on)}
    mentors = {m.person_id: m for m in _mentors_for_matching(scope=scope, town=town, on=on)}
    mentor_infos = [mentor_info(m, on=on) for m in mentors.values()]
    result = matching.suggest(
        [mentee_info(person, on=on) for person in people.values()],
        mentor_infos,
        principles=principles,
        forbidden=rejected_pairs(people),
    )
    pairs = [
        SuggestedPair(people[s.mentee], mentors[s.mentor], s)
        for s in sorted(result.suggestions, key=lambda s: (-s.score.total, s.mentee))
    ]
    return Suggestions(
        town=town,
        on=on,
        pairs=pairs,
        unpaired=[people[key] for key in result.unpaired],
        mentees=len(people),
        mentors=len(mentors),
        free_places=sum(info.free for info in mentor_infos),
        seconds=time.perf_counter() - started,
        principles=principles,
    )


@dataclass
class Candidate:
    mentor: Mentor
    suggestion: matching.Suggestion
    rejected: bool


def mentor_candidates(*, scope: Scope, person: Person, on: datetime.date) -> list[Candidate]:
    """Every available mentor with room who may take this person, best first (rejected ones
    too, marked: a person may still choose them)."""
    town = person.town
    mentors = {m.person_id: m for m in _mentors_for_matching(scope=scope, town=town, on=on)}
    rejected = {mentor for _mentee, mentor in rejected_pairs([person.pk])}
    ranked = matching.candidates(
        mentee_info(person, on=on), [mentor_info(m, on=on) for m in mentors.values()]
    )
    return [Candidate(mentors[s.mentor], s, s.mentor in rejected) for s in ranked]


def pair_principles(*, mentor: Mentor, mentee: Person, on: datetime.date) -> list[str]:
    """The principles a new pair of these two would fit on the day."""
    everyone = Scope.unrestricted()
    return matching.principles_of(
        mentor_info(mentor_get(scope=everyone, pk=mentor.pk, on=on), on=on),
        mentee_info(mentee_get(scope=everyone, pk=mentee.pk), on=on),
    )
