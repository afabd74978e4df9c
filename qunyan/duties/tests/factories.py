"""Two-committee members for duty tests: a registry record plus a serving term."""

import datetime
import itertools

from qunyan.core.models import OrgUnit
from qunyan.people.models import CadreTerm, Person
from qunyan.people.tests.factories import make_person

_birth = itertools.count()


def make_cadre(
    village: OrgUnit,
    name: str,
    *,
    gender: str = "M",
    education: str = "senior",
    party: bool = True,
    skills: str = "",
    post: str = "委员",
) -> Person:
    """A serving member of the village's two committees since 2021."""
    person = make_person(
        village,
        name=name,
        gender=gender,
        birth=datetime.date(1980, 1, 1) + datetime.timedelta(days=next(_birth)),
        education=education,
        political_status="cpc" if party else "masses",
    )
    if skills:
        Person.objects.filter(pk=person.pk).update(skills=skills)
        person.skills = skills
    CadreTerm.objects.create(
        person=person, village=village, post=post, started_on=datetime.date(2021, 3, 20)
    )
    return person


def committee(village: OrgUnit, *genders: str) -> list[Person]:
    """A committee of the given genders (张一, 张二 …), all party members."""
    names = "一二三四五六七八"
    return [
        make_cadre(village, f"张{names[i]}", gender=g, skills="财会" if i == 1 else "")
        for i, g in enumerate(genders)
    ]
