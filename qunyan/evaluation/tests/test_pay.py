"""The bonus: base × grade share × (1 + village uplift), exact, rounded once half up to the fen."""

import datetime
from decimal import Decimal

import pytest

from qunyan.core.scopes import Scope
from qunyan.evaluation.choices import Grade, Rating
from qunyan.evaluation.models import CadreGrade
from qunyan.evaluation.pay import bonus_amount, bonuses, plain
from qunyan.evaluation.services import grades_save
from qunyan.evaluation.services_pay import pay_standard_save

from .factories import make_cadre, make_rating

D = datetime.date
pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("base", "share", "uplift", "exact", "amount"),
    [
        pytest.param("24000", 120, 30, "37440", "37440.00", id="excellent in a red-flag village"),
        # 100.15 × 110 % = 110.165 exactly: half up gives .17 (banker's rounding would give .16).
        pytest.param("100.15", 100, 10, "110.165", "110.17", id="a half fen rounds up"),
        pytest.param("100.14", 100, 10, "110.154", "110.15", id="under half a fen rounds down"),
        pytest.param("33333.33", 80, 20, "31999.9968", "32000.00", id="basic in a model village"),
        pytest.param("24000", 0, 30, "0", "0.00", id="incompetent gets nothing"),
    ],
)
def test_bonus_arithmetic(base, share, uplift, exact, amount):
    """The product is exact; the amount is that product rounded half up to the fen."""
    got_exact, got_amount = bonus_amount(Decimal(base), Decimal(share), Decimal(uplift))
    assert got_exact == Decimal(exact)
    assert str(got_amount) == amount


@pytest.mark.django_db
def test_bonuses_take_the_own_base_else_the_post_standard_and_show_the_trail(
    yangjiaotang, niupingao, shimen
):
    own = make_cadre(niupingao, post="书记兼主任", bonus_base=Decimal("100.15"), name="甲")
    standard = make_cadre(niupingao, post="委员", name="乙")
    missing = make_cadre(shimen, post="报账员", name="丙")
    scope = Scope.unrestricted()
    pay_standard_save(
        town=yangjiaotang,
        year=2023,
        post="委员",
        base_monthly=Decimal("2000"),
        bonus_base=Decimal("24000.00"),
        by=None,
        scope=scope,
    )
    make_rating(niupingao, 2023, Rating.ADVANCED)
    grades_save(
        village=niupingao,
        year=2023,
        grades={own.pk: Grade.COMPETENT, standard.pk: Grade.COMPETENT},
        by=None,
        scope=scope,
    )
    grades_save(
        village=shimen, year=2023, grades={missing.pk: Grade.COMPETENT}, by=None, scope=scope
    )
    result = {
        b.person.name: b
        for b in bonuses(town=yangjiaotang, year=2023, grades=list(CadreGrade.objects.all()))
    }
    assert result["甲"].amount == Decimal("110.17")
    assert "own record" in result["甲"].trail[0]
    assert result["乙"].amount == Decimal("26400.00")
    assert "standard for 委员" in result["乙"].trail[0]
    assert result["丙"].amount is None
    assert "no pay standard" in result["丙"].trail[0]
    assert "110.165" in result["甲"].trail[-1] and "110.17" in result["甲"].trail[-1]


@pytest.mark.parametrize(("value", "shown"), [("36000.0000", "36000"), ("110.1650", "110.165")])
def test_the_trail_shows_the_exact_product_plainly(value, shown):
    assert plain(Decimal(value)) == shown
