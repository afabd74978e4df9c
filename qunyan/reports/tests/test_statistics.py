"""The contract's `villages` and `reserves` figures at their edges."""

import datetime

import pytest

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.services import orgunit_create
from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import reserve_strength, town_statistics
from qunyan.reserves.tests.factories import make_reserve

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2023, 12, 31)
YOUNG = datetime.date(1995, 6, 1)
OLD = datetime.date(1970, 6, 1)


def pool(town, on=AS_OF) -> dict:
    return reserve_strength([town], on=on)[town.pk]


def figures(town, on=AS_OF) -> tuple[int, int, int, int]:
    stats = pool(town, on)
    return (
        stats["total"],
        stats["age_35_or_under"],
        stats["college_or_above"],
        stats["young_and_college"],
    )


def reserve(
    unit,
    *,
    birth=YOUNG,
    education="bachelor",
    entered=datetime.date(2022, 1, 1),
    left=None,
    name="张三",
):
    person = make_person(unit, name=name, birth=birth, education=education)
    make_reserve(person, entered_on=entered, left_on=left)
    return person


def unit(name, kind, parent) -> OrgUnit:
    return orgunit_create(name=name, kind=kind, parent=parent, by=None, scope=Scope.unrestricted())


# --- villages --------------------------------------------------------------------------------


def test_villages_counts_the_towns_villages_and_communities(tree):
    """Villages and communities of the town count; villager groups and other towns do not."""
    unit("新华社区", OrgUnit.Kind.COMMUNITY, tree.yangjiaotang)
    unit("一组", OrgUnit.Kind.GROUP, tree.niupingao)
    stats = town_statistics(
        town=tree.yangjiaotang, period_from=datetime.date(2021, 1, 1), period_to=AS_OF, as_of=AS_OF
    )
    assert stats["villages"] == 3
    assert (stats["town"], stats["from"], stats["to"], stats["as_of"]) == (
        "羊角塘镇",
        "2021-01-01",
        "2023-12-31",
        "2023-12-31",
    )


# --- pool membership on as-of ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entered", "left", "counted"),
    [
        (AS_OF, None, True),
        (AS_OF + datetime.timedelta(days=1), None, False),
        (datetime.date(2022, 1, 1), AS_OF, False),
        (datetime.date(2022, 1, 1), AS_OF + datetime.timedelta(days=1), True),
        (datetime.date(2022, 1, 1), AS_OF - datetime.timedelta(days=1), False),
        (datetime.date(2022, 1, 1), None, True),
    ],
    ids=["entry on as-of", "entry after", "exit on as-of", "exit after", "exit before", "open"],
)
def test_pool_membership_on_as_of(tree, entered, left, counted):
    """In the pool: entered on or before as-of, and left blank or after as-of."""
    reserve(tree.niupingao, entered=entered, left=left)
    assert pool(tree.yangjiaotang)["total"] == (1 if counted else 0)


def test_a_person_with_two_open_stays_counts_once(tree):
    """People are counted, not stays."""
    person = reserve(tree.niupingao, entered=datetime.date(2021, 1, 1))
    make_reserve(person, entered_on=datetime.date(2022, 1, 1))
    assert figures(tree.yangjiaotang) == (1, 1, 1, 1)


def test_a_person_back_in_the_pool_counts_once_on_a_day_between_stays(tree):
    """Left and re-entered: on a day of the first stay, one person."""
    person = reserve(
        tree.niupingao, entered=datetime.date(2021, 1, 1), left=datetime.date(2021, 12, 31)
    )
    make_reserve(person, entered_on=datetime.date(2023, 1, 1))
    assert pool(tree.yangjiaotang, datetime.date(2021, 6, 1))["total"] == 1
    assert pool(tree.yangjiaotang, datetime.date(2022, 6, 1))["total"] == 0
    assert pool(tree.yangjiaotang)["total"] == 1


def test_another_towns_pool_is_not_counted(tree):
    """白水镇's reserves are not 羊角塘镇's."""
    reserve(tree.dongcun)
    assert pool(tree.yangjiaotang)["total"] == 0
    assert pool(tree.baishui)["total"] == 1


# --- age -------------------------------------------------------------------------------------


def test_35_counts_until_the_day_before_the_36th_birthday(tree):
    """Born 1988-01-01: 35 on 2023-12-31 (counts), 36 on 2024-01-01 (does not)."""
    reserve(tree.niupingao, birth=datetime.date(1988, 1, 1))
    assert pool(tree.yangjiaotang, datetime.date(2023, 12, 31))["age_35_or_under"] == 1
    assert pool(tree.yangjiaotang, datetime.date(2024, 1, 1))["age_35_or_under"] == 0


def test_a_36th_birthday_on_as_of_does_not_count(tree):
    """Born on as-of's day 36 years earlier: 36 full years, not ≤ 35."""
    reserve(tree.niupingao, birth=datetime.date(1987, 12, 31))
    assert pool(tree.yangjiaotang)["age_35_or_under"] == 0


def test_a_35th_birthday_on_as_of_counts(tree):
    """Turning 35 on as-of is 35, which counts."""
    reserve(tree.niupingao, birth=datetime.date(1988, 12, 31))
    assert pool(tree.yangjiaotang)["age_35_or_under"] == 1


def test_someone_born_on_29_february_turns_36_on_29_february(tree):
    """Born 1988-02-29: still 35 on 2024-02-28, 36 on 2024-02-29."""
    reserve(tree.niupingao, birth=datetime.date(1988, 2, 29))
    assert pool(tree.yangjiaotang, datetime.date(2024, 2, 28))["age_35_or_under"] == 1
    assert pool(tree.yangjiaotang, datetime.date(2024, 2, 29))["age_35_or_under"] == 0


def test_someone_born_on_29_february_is_35_all_through_a_common_year(tree):
    """Born 1988-02-29: 35 on 2023-03-01 and on 2023-12-31, both counted."""
    reserve(tree.niupingao, birth=datetime.date(1988, 2, 29))
    assert pool(tree.yangjiaotang, datetime.date(2023, 3, 1))["age_35_or_under"] == 1
    assert pool(tree.yangjiaotang, datetime.date(2023, 12, 31))["age_35_or_under"] == 1


def test_as_of_29_february_measures_against_29_february(tree):
    """As-of 2024-02-29: born 1988-03-01 is 35 (counts), born 1988-02-28 is 36 (does not)."""
    reserve(tree.niupingao, birth=datetime.date(1988, 3, 1), name="甲")
    reserve(tree.niupingao, birth=datetime.date(1988, 2, 28), name="乙")
    assert pool(tree.yangjiaotang, datetime.date(2024, 2, 29))["age_35_or_under"] == 1


def test_the_young_age_limit_is_a_setting(tree, settings):
    """YOUNG_MAX_AGE 40 moves the limit: born 1983-03-01 is 40 on 2024-02-29."""
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "YOUNG_MAX_AGE": 40}
    reserve(tree.niupingao, birth=datetime.date(1983, 3, 1), name="甲")
    reserve(tree.niupingao, birth=datetime.date(1983, 2, 28), name="乙")
    assert pool(tree.yangjiaotang, datetime.date(2024, 2, 29))["age_35_or_under"] == 1


# --- education -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("education", "college"),
    [
        ("college", True),
        ("bachelor", True),
        ("master", True),
        ("doctor", True),
        ("vocational", False),
        ("senior", False),
        ("junior", False),
        ("primary", False),
        ("", False),
    ],
)
def test_college_or_above_is_college_bachelor_master_and_doctor(tree, education, college):
    """大专以上 is 大专, 本科, 硕士研究生 and 博士研究生; 中专 and below, or unknown, are not."""
    reserve(tree.niupingao, education=education)
    assert pool(tree.yangjiaotang)["college_or_above"] == (1 if college else 0)


def test_young_and_college_needs_both(tree):
    """Four reserves, one of each kind: one is both young and college."""
    reserve(tree.niupingao, birth=YOUNG, education="bachelor", name="甲")
    reserve(tree.niupingao, birth=YOUNG, education="senior", name="乙")
    reserve(tree.niupingao, birth=OLD, education="master", name="丙")
    reserve(tree.niupingao, birth=OLD, education="junior", name="丁")
    assert figures(tree.yangjiaotang) == (4, 2, 2, 1)


# --- deficient villages -----------------------------------------------------------------------


@pytest.fixture
def villages(tree):
    """羊角塘镇 with more villages: some strong, some short, one with no reserve at all."""
    town = tree.yangjiaotang
    made = {name: unit(name, OrgUnit.Kind.VILLAGE, town) for name in ("竹山村", "长冲村", "阳光村")}
    made["向阳社区"] = unit("向阳社区", OrgUnit.Kind.COMMUNITY, town)
    made.update(牛坪坳村=tree.niupingao, 石门村=tree.shimen)
    # 牛坪坳村: two, one young with college — meets both defaults.
    reserve(made["牛坪坳村"], name="甲")
    reserve(made["牛坪坳村"], birth=OLD, education="senior", name="乙")
    # 石门村: three, none young with college — short of the young-college minimum.
    for name in ("丙", "丁", "戊"):
        reserve(made["石门村"], birth=OLD, name=name)
    # 向阳社区: one young with college — short of the total minimum.
    reserve(made["向阳社区"], name="己")
    # 阳光村: two young with college.
    reserve(made["阳光村"], name="庚")
    reserve(made["阳光村"], name="辛")
    # 长冲村: two, one of whom left on as-of.
    reserve(made["长冲村"], name="壬")
    reserve(made["长冲村"], name="癸", left=AS_OF)
    # 竹山村: nobody.
    return made


def test_deficient_villages_are_listed_in_code_point_order(tree, villages):
    """Short of either minimum (2 reserves, 1 young with college), sorted as sorted() does."""
    deficient = pool(tree.yangjiaotang)["deficient_villages"]
    assert deficient == sorted(["向阳社区", "石门村", "竹山村", "长冲村"])
    assert deficient == ["向阳社区", "石门村", "竹山村", "长冲村"]


def test_a_village_without_any_reserve_is_deficient(tree):
    """A village nobody has entered the pool from is on the list."""
    assert pool(tree.yangjiaotang)["deficient_villages"] == ["牛坪坳村", "石门村"]


def test_the_minimum_per_village_is_a_setting(tree, villages, settings):
    """RESERVE_MIN_PER_VILLAGE 3 adds the villages with two."""
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "RESERVE_MIN_PER_VILLAGE": 3}
    assert pool(tree.yangjiaotang)["deficient_villages"] == [
        "向阳社区",
        "牛坪坳村",
        "石门村",
        "竹山村",
        "长冲村",
        "阳光村",
    ]


def test_the_young_college_minimum_is_a_setting(tree, villages, settings):
    """RESERVE_MIN_YOUNG_COLLEGE_PER_VILLAGE 0 and minimum 1: only the empty village is short."""
    settings.QUNYAN_RULES = {
        **settings.QUNYAN_RULES,
        "RESERVE_MIN_PER_VILLAGE": 1,
        "RESERVE_MIN_YOUNG_COLLEGE_PER_VILLAGE": 0,
    }
    assert pool(tree.yangjiaotang)["deficient_villages"] == ["竹山村"]


def test_a_town_office_reserve_counts_in_the_total_but_for_no_village(tree):
    """Town-level staff in the pool count for the town, not for any village."""
    reserve(tree.yangjiaotang)
    stats = pool(tree.yangjiaotang)
    assert stats["total"] == 1
    assert stats["deficient_villages"] == ["牛坪坳村", "石门村"]


def test_the_reserve_figures_are_the_contracts_keys(tree):
    """The reserves object has exactly the contract's keys."""
    assert set(pool(tree.yangjiaotang)) == {
        "total",
        "age_35_or_under",
        "college_or_above",
        "young_and_college",
        "deficient_villages",
    }
