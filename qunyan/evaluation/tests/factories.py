"""Village ratings, commendations and committee members for tests."""

import datetime
from decimal import Decimal

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.evaluation.models import Commendation
from qunyan.evaluation.services import (
    commendation_save,
    commendations_upsert,
    village_ratings_upsert,
)
from qunyan.people.models import Person
from qunyan.people.services import cadre_terms_upsert
from qunyan.people.tests.factories import make_person

RATING_HEADER = ("年度", "村社区", "等次")
COMMENDATION_HEADER = ("公民身份号码", "年度", "表彰名称", "表彰机关")


def make_rating(village: OrgUnit, year: int, rating: str) -> None:
    village_ratings_upsert(
        records=[{"village_id": village.pk, "year": year, "rating": rating}], by=None
    )


def make_commendation(
    person: Person, year: int, *, title: str = "优秀村干部", authority: str = "镇党委"
) -> None:
    commendations_upsert(
        records=[{"person_id": person.pk, "year": year, "title": title, "authority": authority}],
        by=None,
    )


def make_cadre(
    village: OrgUnit,
    *,
    post: str = "委员",
    started: datetime.date = datetime.date(2020, 1, 1),
    ended: datetime.date | None = None,
    bonus_base: Decimal | None = None,
    name: str = "张三",
    birth: datetime.date | None = None,
    gender: str = "",
) -> Person:
    """A person of the village with one committee term."""
    person = make_person(village, name=name, birth=birth, gender=gender)
    add_term(person, village, post=post, started=started, ended=ended, bonus_base=bonus_base)
    return person


def add_term(
    person: Person,
    village: OrgUnit,
    *,
    post: str,
    started: datetime.date,
    ended: datetime.date | None = None,
    bonus_base: Decimal | None = None,
) -> None:
    cadre_terms_upsert(
        records=[
            {
                "person_id": person.pk,
                "village_id": village.pk,
                "post": post,
                "started_on": started,
                "ended_on": ended,
                "bonus_base": bonus_base,
            }
        ],
        by=None,
    )


def save_commendation(**values: object) -> Commendation:
    """commendation_save with a 2023 优秀村干部 of 镇党委 unless told otherwise, by nobody."""
    base: dict[str, object] = {
        "person": None,
        "village": None,
        "year": 2023,
        "title": "优秀村干部",
        "authority": "镇党委",
        "by": None,
        "scope": Scope.unrestricted(),
    }
    return commendation_save(**{**base, **values})  # type: ignore[arg-type]
