"""Individual grades: the 优秀 quota (rounding, rated-village uplift) and two 不称职 in a row."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from qunyan.core.scopes import Scope
from qunyan.evaluation.choices import Grade, Rating
from qunyan.evaluation.selectors import grade_sheet
from qunyan.evaluation.services import grades_save
from qunyan.evaluation.workflow import excellent_quota

from .factories import make_cadre, make_rating

D = datetime.date
E, C, I = Grade.EXCELLENT, Grade.COMPETENT, Grade.INCOMPETENT  # noqa: E741
pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("assessed", "rating", "rounding", "quota"),
    [
        (5, None, "half_up", 1),  # 5 × 20 % = 1
        (5, Rating.ORDINARY, "half_up", 1),  # 一般 adds nothing
        (5, Rating.ADVANCED, "half_up", 2),  # 5 × 30 % = 1.5 → 2
        (5, Rating.ADVANCED, "down", 1),  # 1.5 → 1
        (7, None, "half_up", 1),  # 1.4 → 1
        (8, None, "half_up", 2),  # 1.6 → 2
        (2, None, "half_up", 0),  # 0.4 → 0
        (10, Rating.RED_FLAG, "down", 3),  # exactly 3
        (0, Rating.RED_FLAG, "half_up", 0),
    ],
)
def test_the_excellent_quota_rounds_as_set(settings, assessed, rating, rounding, quota):
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "EXCELLENT_QUOTA_ROUNDING": rounding}
    assert excellent_quota(assessed, rating) == quota


def test_the_percentages_are_settings(settings):
    settings.QUNYAN_RULES = {
        **settings.QUNYAN_RULES,
        "EXCELLENT_QUOTA_PERCENT": 40,
        "EXCELLENT_QUOTA_RATED_UPLIFT_POINTS": 20,
    }
    assert excellent_quota(5, None) == 2
    assert excellent_quota(5, Rating.MODEL) == 3


@pytest.fixture
def committee(niupingao):
    return [make_cadre(niupingao, name=f"委员{i}") for i in range(5)]


@pytest.mark.django_db
def test_a_second_excellent_is_refused_in_an_unrated_village(niupingao, committee):
    scope = Scope.unrestricted()
    grades_save(village=niupingao, year=2023, grades={committee[0].pk: E}, by=None, scope=scope)
    with pytest.raises(ValidationError, match="Only 1 of those assessed"):
        grades_save(village=niupingao, year=2023, grades={committee[1].pk: E}, by=None, scope=scope)
    assert grade_sheet(village=niupingao, year=2023).excellent == 1


@pytest.mark.django_db
def test_a_rated_village_may_have_one_more(niupingao, committee):
    make_rating(niupingao, 2023, Rating.ADVANCED)
    scope = Scope.unrestricted()
    grades_save(
        village=niupingao, year=2023, grades={p.pk: E for p in committee[:2]}, by=None, scope=scope
    )
    with pytest.raises(ValidationError):
        grades_save(village=niupingao, year=2023, grades={committee[2].pk: E}, by=None, scope=scope)
    sheet = grade_sheet(village=niupingao, year=2023)
    assert (sheet.quota, sheet.percent, sheet.excellent) == (2, 30, 2)


@pytest.mark.django_db
def test_only_the_years_committee_members_are_graded(niupingao, shimen, committee):
    outsider = make_cadre(shimen)
    left_before = make_cadre(niupingao, started=D(2018, 1, 1), ended=D(2022, 12, 31))
    with pytest.raises(ValidationError):
        grades_save(
            village=niupingao,
            year=2023,
            grades={outsider.pk: C},
            by=None,
            scope=Scope.unrestricted(),
        )
    with pytest.raises(ValidationError):
        grades_save(
            village=niupingao,
            year=2023,
            grades={left_before.pk: C},
            by=None,
            scope=Scope.unrestricted(),
        )


@pytest.mark.django_db
def test_two_incompetent_years_in_a_row_are_flagged(niupingao, committee):
    scope = Scope.unrestricted()
    first, second = committee[0], committee[1]
    grades_save(
        village=niupingao, year=2021, grades={first.pk: I, second.pk: I}, by=None, scope=scope
    )
    grades_save(
        village=niupingao, year=2022, grades={first.pk: I, second.pk: C}, by=None, scope=scope
    )
    grades_save(village=niupingao, year=2023, grades={second.pk: I}, by=None, scope=scope)
    assert grade_sheet(village=niupingao, year=2022).flagged == {first.pk}
    # 2021 and 2023 are not in a row.
    assert grade_sheet(village=niupingao, year=2023).flagged == set()


@pytest.mark.django_db
def test_grading_needs_the_capability_and_the_village_in_scope(
    niupingao, shimen, committee, bob, alice, baishui
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        grades_save(
            village=niupingao,
            year=2023,
            grades={committee[0].pk: C},
            by=bob,
            scope=Scope.for_account(bob),
        )
    other_town = Scope(root_paths=(baishui.path,))
    with pytest.raises(ValidationError):
        grades_save(
            village=niupingao, year=2023, grades={committee[0].pk: C}, by=None, scope=other_town
        )
    grades_save(
        village=niupingao,
        year=2023,
        grades={committee[0].pk: C},
        by=alice,
        scope=Scope.for_account(alice),
    )
