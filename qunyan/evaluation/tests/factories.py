"""Village ratings and commendations for tests."""

from qunyan.core.models import OrgUnit
from qunyan.evaluation.services import commendations_upsert, village_ratings_upsert
from qunyan.people.models import Person

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
