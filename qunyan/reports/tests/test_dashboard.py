"""The dashboard's breakdowns agree with the contract's figures; the report's words for periods."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.evaluation.tests.factories import make_cadre
from qunyan.people.tests.factories import make_person
from qunyan.reports.dashboard import dashboard_charts, presence
from qunyan.reports.narrative import build_report
from qunyan.reports.periods import span_words
from qunyan.reports.selectors import town_statistics
from qunyan.reports.structure import structure
from qunyan.reserves.tests.factories import make_reserve
from qunyan.spreadsheets.engine import workbook_import

SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples"
WORKBOOK = SAMPLES / "yangjiaotang-2021-2023.xlsx"
EXPECTED = SAMPLES / "yangjiaotang-2021-2023.expected.json"
TODAY = datetime.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2021-01-01", "2023-12-31", "近三年来"),
        ("2022-01-01", "2023-12-31", "近两年来"),
        ("2023-01-01", "2023-12-31", "2023年"),
        ("2015-01-01", "2017-12-31", "2015年至2017年"),
        ("2023-03-01", "2023-09-30", "2023年3月1日至2023年9月30日"),
    ],
)
def test_a_period_is_named_as_the_article_names_it(start, end, words):
    """Whole years up to last year read 近N年来; older spans and part years are spelled out."""
    day = datetime.date.fromisoformat
    assert span_words(day(start), day(end), TODAY) == words


@pytest.mark.django_db
def test_structure_counts_people_serving_or_pooled_on_each_day(tree):
    """A cadre who left before the day and a reserve who left on it are not counted that day."""
    village = tree.niupingao
    young = make_cadre(village, name="甲", birth=datetime.date(1995, 1, 1))
    make_cadre(
        village, name="乙", birth=datetime.date(1960, 1, 1), ended=datetime.date(2022, 6, 30)
    )
    make_reserve(young, entered_on=datetime.date(2022, 1, 1), left_on=datetime.date(2023, 12, 31))
    days = [datetime.date(2022, 12, 31), datetime.date(2023, 12, 31)]
    result = structure(town=tree.yangjiaotang, days=days)
    assert [point["total"] for point in result["cadres"]] == [1, 1]
    assert result["cadres"][0]["age"]["to35"] == 1
    assert result["cadres"][0]["education"]["bachelor_or_above"] == 1
    # The exit date is the first day out of the pool (the contract's 出库日期 rule).
    assert [point["total"] for point in result["reserves"]] == [1, 0]


@pytest.mark.django_db
def test_an_empty_module_is_absent_not_zero(tree):
    """presence() is false until a module holds a record of the town, and the report says so."""
    town = tree.yangjiaotang
    assert not any(presence(town).values())
    make_reserve(make_person(tree.shimen, name="丙"))
    assert presence(town)["reserves"]
    assert not presence(tree.baishui)["reserves"]
    text = build_report(
        town=town,
        period_from=datetime.date(2021, 1, 1),
        period_to=datetime.date(2023, 12, 31),
        today=TODAY,
    ).text
    assert "建立1人的镇级村后备力量资源库" in text
    assert "培训暂无数据。" in text
    assert "导师帮带暂无数据。" in text


@pytest.mark.django_db
@pytest.mark.skipif(
    not (WORKBOOK.exists() and EXPECTED.exists()),
    reason=f"the shared sample is not checked out next to the project ({SAMPLES})",
)
def test_the_breakdowns_add_up_to_the_contracts_figures():
    """On the sample, every chart's totals equal the matching figure of `qunyan stats`."""
    assert workbook_import(WORKBOOK, scope=Scope.unrestricted(), by=None).ok
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    town = OrgUnit.objects.get(name=expected["town"])
    start, end = datetime.date(2021, 1, 1), datetime.date(2023, 12, 31)
    stats = town_statistics(town=town, period_from=start, period_to=end, as_of=end)
    charts = dashboard_charts(
        town=town, period_from=start, period_to=end, as_of=end, scope=Scope.unrestricted()
    )
    pool = charts["structure"]["reserves"][-1]
    assert pool["total"] == stats["reserves"]["total"] == expected["reserves"]["total"]
    assert pool["age"]["to35"] == expected["reserves"]["age_35_or_under"]
    college = pool["education"]["college"] + pool["education"]["bachelor_or_above"]
    assert college == expected["reserves"]["college_or_above"]
    short = sorted(row["name"] for row in charts["villages"] if row["short"])
    assert short == expected["reserves"]["deficient_villages"]
    assert sum(row["total"] for row in charts["villages"]) == expected["reserves"]["total"]
    admitted = [values[3] for values in charts["party"]["series"].values()]
    assert admitted == list(expected["party_development"]["by_source"].values())
    for word, figures in expected["training"]["by_programme"].items():
        assert sum(charts["training"]["series"][word]) == figures["person_times"]
    assert sum(charts["mentoring"]["principles"].values()) >= expected["mentoring"]["mentees"]
    ratings = {word: values[-1] for word, values in charts["ratings"]["series"].items()}
    assert {word: ratings[word] for word in expected["ratings"]} == expected["ratings"]
    steps = dict(zip(charts["outreach"]["labels"], charts["outreach"]["values"], strict=True))
    assert list(steps.values())[3] == expected["returnees"]["started_business"]
