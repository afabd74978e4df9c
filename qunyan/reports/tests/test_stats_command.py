"""`qunyan stats`: the contract's JSON on stdout, and clear errors."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.services import orgunit_create
from qunyan.people.tests.factories import make_person
from qunyan.reserves.tests.factories import make_reserve

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def stats(*args: str) -> dict:
    out = io.StringIO()
    call_command("stats", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def pool(tree):
    """Two reserves in 牛坪坳村: one young with college, one who leaves at the end of 2022."""
    young = make_person(tree.niupingao, name="甲", birth=datetime.date(1995, 1, 1))
    make_reserve(young, entered_on=datetime.date(2021, 5, 1))
    old = make_person(
        tree.niupingao, name="乙", birth=datetime.date(1970, 1, 1), education="senior"
    )
    make_reserve(old, entered_on=datetime.date(2021, 5, 1), left_on=datetime.date(2022, 12, 31))
    return tree


def test_it_prints_the_contracts_json(pool):
    """town, from, to, as_of (defaulting to `to`), villages and reserves."""
    result = stats("--town", "羊角塘镇", "--from", "2021-01-01", "--to", "2023-12-31", "--json")
    assert result == {
        "town": "羊角塘镇",
        "from": "2021-01-01",
        "to": "2023-12-31",
        "as_of": "2023-12-31",
        "villages": 2,
        "reserves": {
            "total": 1,
            "age_35_or_under": 1,
            "college_or_above": 1,
            "young_and_college": 1,
            "deficient_villages": ["牛坪坳村", "石门村"],
        },
    } | {
        key: value
        for key, value in result.items()
        if key not in {"town", "from", "to", "as_of", "villages", "reserves"}
    }


def test_as_of_takes_the_stock_on_another_day(pool):
    """--as-of 2022-06-30 sees both reserves; 2022-12-31 (an exit day) sees one."""
    args = ("--town", "羊角塘镇", "--from", "2021-01-01", "--to", "2023-12-31")
    assert stats(*args, "--as-of", "2022-06-30")["reserves"]["total"] == 2
    result = stats(*args, "--as-of", "2022-12-31")
    assert (result["as_of"], result["reserves"]["total"]) == ("2022-12-31", 1)


def test_the_json_keeps_chinese_characters_readable(pool):
    """Names are printed as characters, not \\u escapes."""
    out = io.StringIO()
    call_command(
        "stats", "--town", "羊角塘镇", "--from", "2021-01-01", "--to", "2023-12-31", stdout=out
    )
    assert "羊角塘镇" in out.getvalue() and "\\u" not in out.getvalue()


def test_the_town_may_be_left_out_when_there_is_one(db):
    """A database with one town needs no --town."""
    county = orgunit_create(
        name="祁阳市", kind=OrgUnit.Kind.COUNTY, parent=None, by=None, scope=Scope.unrestricted()
    )
    orgunit_create(
        name="羊角塘镇", kind=OrgUnit.Kind.TOWN, parent=county, by=None, scope=Scope.unrestricted()
    )
    assert stats("--from", "2021-01-01", "--to", "2023-12-31")["town"] == "羊角塘镇"


def test_several_towns_need_a_town_name(tree):
    """Two towns and no --town: an error asking for one."""
    with pytest.raises(CommandError, match="Several towns match"):
        stats("--from", "2021-01-01", "--to", "2023-12-31")


def test_an_unknown_town_is_an_error(tree):
    """A town name that is not in the database is refused."""
    with pytest.raises(CommandError, match="No such town"):
        stats("--town", "不存在镇", "--from", "2021-01-01", "--to", "2023-12-31")


def test_an_empty_database_has_no_town(db):
    """Without any town the command says so instead of printing figures."""
    with pytest.raises(CommandError, match="No such town"):
        stats("--from", "2021-01-01", "--to", "2023-12-31")


@pytest.mark.parametrize(
    ("option", "value"),
    [("--from", "2021-13-01"), ("--to", "2023/12/31"), ("--as-of", "昨天"), ("--from", "")],
)
def test_a_bad_date_is_an_error(tree, option, value):
    """Dates are YYYY-MM-DD; anything else is a command error naming the value."""
    args = {"--town": "羊角塘镇", "--from": "2021-01-01", "--to": "2023-12-31", option: value}
    with pytest.raises(CommandError, match="is not a date"):
        stats(*[part for pair in args.items() for part in pair])


def test_a_period_ending_before_it_starts_is_an_error(tree):
    """--to before --from is refused."""
    with pytest.raises(CommandError, match="before its start"):
        stats("--town", "羊角塘镇", "--from", "2023-12-31", "--to", "2021-01-01")


def test_errors_are_in_chinese_by_default(tree):
    """The operator reads the command's errors in zh-hans, the default language."""
    with translation.override("zh-hans"), pytest.raises(CommandError) as caught:
        stats("--town", "不存在镇", "--from", "2021-01-01", "--to", "2023-12-31")
    assert any("\u4e00" <= char <= "\u9fff" for char in str(caught.value).replace("不存在镇", ""))
