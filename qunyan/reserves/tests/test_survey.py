"""The survey (摸底): per-village counts on a day, shortfall, indicators and the year before."""

import datetime

import pytest

from qunyan.core.scopes import Scope
from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import reserve_strength
from qunyan.reserves.tests.factories import make_reserve

D = datetime.date
ON = D(2023, 12, 31)


ENTERED = D(2022, 1, 1)


def _reserve(unit, *, birth, education="bachelor", gender="M", skills=False, entered=ENTERED):
    person = make_person(unit, birth=birth, education=education, gender=gender)
    if skills:
        person.skills = "农技"
        person.save(update_fields=["skills"])
    return make_reserve(person, entered_on=entered)


def _row(survey, name):
    return next(row for row in survey.villages if row.village.name == name)


@pytest.fixture
def surveyed(tree):
    """牛坪坳村: two reserves (one young with college); 石门村: one older reserve."""
    _reserve(tree.niupingao, birth=D(1990, 1, 1), gender="F", skills=True)
    _reserve(tree.niupingao, birth=D(1970, 1, 1), education="senior")
    _reserve(tree.shimen, birth=D(1975, 5, 5), education="senior")
    return tree


def test_each_village_gets_its_counts_and_what_it_lacks(surveyed, english):
    """牛坪坳村 meets the standard (2 and 1); 石门村 lacks one reserve and one young graduate."""
    from qunyan.reserves.selectors import reserve_survey

    survey = reserve_survey(town=surveyed.yangjiaotang, on=ON, scope=Scope.unrestricted())
    niupingao, shimen = _row(survey, "牛坪坳村"), _row(survey, "石门村")
    assert niupingao.counts["total"] == 2
    assert (niupingao.counts["women"], niupingao.counts["skilled"]) == (1, 1)
    assert niupingao.meets
    assert [str(gap) for gap in shimen.missing] == [
        "1 more reserve",
        "1 more reserve aged 35 or under with college education",
    ]
    assert [row.village.name for row in survey.short] == ["石门村"]


def test_the_indicators_are_shares_and_compare_with_a_year_earlier(tree):
    """年轻化 / 知识化 / 专业化 as shares of the pool; the year before is surveyed the same way."""
    from qunyan.reserves.selectors import reserve_survey

    _reserve(tree.niupingao, birth=D(1995, 1, 1), entered=D(2021, 6, 1))
    _reserve(tree.niupingao, birth=D(1970, 1, 1), education="junior", entered=D(2023, 6, 1))
    survey = reserve_survey(town=tree.yangjiaotang, on=ON, scope=Scope.unrestricted())
    assert survey.indicators["age_35_or_under"] == 0.5
    assert survey.indicators["college_or_above"] == 0.5
    assert survey.previous is not None
    assert survey.previous.on == D(2022, 12, 31)
    assert survey.previous.totals["total"] == 1
    assert survey.previous.indicators["age_35_or_under"] == 1.0


def test_the_survey_agrees_with_the_contract_figures(surveyed):
    """The survey's totals and short villages are those of `qunyan stats`."""
    from qunyan.reserves.selectors import reserve_survey

    survey = reserve_survey(town=surveyed.yangjiaotang, on=ON, scope=Scope.unrestricted())
    stats = reserve_strength([surveyed.yangjiaotang], on=ON)[surveyed.yangjiaotang.pk]
    assert survey.totals["total"] == stats["total"]
    assert survey.totals["young_and_college"] == stats["young_and_college"]
    assert sorted(row.village.name for row in survey.short) == stats["deficient_villages"]


def test_a_birthday_on_the_survey_day_makes_36(tree):
    """Born 1987-12-31: 36 on 2023-12-31 (not young); born 1988-01-01: still 35 (young)."""
    from qunyan.reserves.selectors import reserve_survey

    _reserve(tree.niupingao, birth=D(1987, 12, 31))
    _reserve(tree.niupingao, birth=D(1988, 1, 1))
    survey = reserve_survey(town=tree.yangjiaotang, on=ON, scope=Scope.unrestricted())
    assert _row(survey, "牛坪坳村").counts["age_35_or_under"] == 1


def test_someone_born_on_29_february_turns_36_on_28_february(tree):
    """In a common year the 29 February birthday falls on 28 February."""
    from qunyan.reserves.selectors import reserve_survey

    _reserve(tree.niupingao, birth=D(1988, 2, 29))
    town = tree.yangjiaotang
    before = reserve_survey(town=town, on=D(2024, 2, 28), scope=Scope.unrestricted())
    assert before.totals["age_35_or_under"] == 1
    on_the_day = reserve_survey(town=town, on=D(2024, 2, 29), scope=Scope.unrestricted())
    assert on_the_day.totals["age_35_or_under"] == 0


def test_key_posts_add_to_the_shortfall_when_set(surveyed, settings, english):
    """With RESERVE_KEY_POSTS=secretary every village needs a secretary reserve."""
    from qunyan.reserves.selectors import reserve_survey

    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "RESERVE_KEY_POSTS": ["secretary"]}
    survey = reserve_survey(town=surveyed.yangjiaotang, on=ON, scope=Scope.unrestricted())
    missing = [str(gap) for gap in _row(survey, "牛坪坳村").missing]
    assert "a reserve for the post: Secretary reserve" in missing
    # The contract's figure keeps to the two thresholds.
    assert reserve_strength([surveyed.yangjiaotang], on=ON)[surveyed.yangjiaotang.pk][
        "deficient_villages"
    ] == ["石门村"]


def test_a_secretary_surveys_only_their_village(surveyed, bob):
    """The rows come through the scope: bob sees 牛坪坳村 only."""
    from qunyan.reserves.selectors import reserve_survey

    survey = reserve_survey(town=surveyed.yangjiaotang, on=ON, scope=Scope.for_account(bob))
    assert [row.village.name for row in survey.villages] == ["牛坪坳村"]
