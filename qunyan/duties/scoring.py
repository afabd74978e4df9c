"""How well a cadre fits a duty, in integer points by part (the solver adds them up).

Integer points keep CP-SAT exact. The weights put a cadre's own first wish (30) above a second
skill (15) but below education plus a skill together, so wishes steer among people who fit.
"""

import re
from dataclasses import dataclass, field

from .choices import EDUCATION_LEVEL

PARTS = ("education", "skills", "wishes", "personality", "experience")

EDUCATION_MET = 20
EDUCATION_PER_LEVEL_BELOW = -10
EDUCATION_FLOOR = -30
SKILL_POINTS = 15
SKILLS_COUNTED = 2
WISH_POINTS = {1: 30, 2: 20, 3: 10}
TRAIT_POINTS = 10
TRAITS_COUNTED = 2
# Held the duty in the division in force (continuity), or the profile's experience mentions it.
EXPERIENCE_POINTS = 10

_SEPARATORS = re.compile(r"[、,，;；/\s]+")


def words(text: str) -> frozenset[str]:
    """Skill words of a free-text list ("财会、电商" → {"财会", "电商"})."""
    return frozenset(w for w in _SEPARATORS.split(text or "") if w)


@dataclass(frozen=True)
class CadreFacts:
    education: str = ""
    skills: frozenset[str] = frozenset()
    traits: frozenset[str] = frozenset()
    wishes: dict[int, int] = field(default_factory=dict)  # duty key → rank
    held: frozenset[int] = frozenset()  # duty keys held in the division in force
    experience: str = ""  # the profile's free text ("曾任村会计五年")


@dataclass(frozen=True)
class DutyFacts:
    key: int
    name: str = ""
    min_education: str = ""
    skills: frozenset[str] = frozenset()
    traits: frozenset[str] = frozenset()


def matched_skills(have: frozenset[str], want: frozenset[str]) -> list[str]:
    """Wanted skills the cadre has; a word inside another counts (农技 ~ 农技推广)."""
    return sorted(w for w in want if any(w in h or h in w for h in have))


def score_parts(cadre: CadreFacts, duty: DutyFacts) -> dict[str, int]:
    """The points of each part for this cadre taking this duty."""
    parts = dict.fromkeys(PARTS, 0)
    if duty.min_education and cadre.education in EDUCATION_LEVEL:
        gap = EDUCATION_LEVEL[cadre.education] - EDUCATION_LEVEL[duty.min_education]
        parts["education"] = (
            EDUCATION_MET if gap >= 0 else max(EDUCATION_FLOOR, -gap * EDUCATION_PER_LEVEL_BELOW)
        )
    elif duty.min_education:
        parts["education"] = EDUCATION_FLOOR  # not recorded: cannot be shown to meet it
    parts["skills"] = SKILL_POINTS * min(
        SKILLS_COUNTED, len(matched_skills(cadre.skills, duty.skills))
    )
    parts["wishes"] = WISH_POINTS.get(cadre.wishes.get(duty.key, 0), 0)
    parts["personality"] = TRAIT_POINTS * min(TRAITS_COUNTED, len(cadre.traits & duty.traits))
    mentioned = bool(cadre.experience) and any(
        w in cadre.experience for w in {duty.name, *duty.skills} if w
    )
    parts["experience"] = EXPERIENCE_POINTS if duty.key in cadre.held or mentioned else 0
    return parts
