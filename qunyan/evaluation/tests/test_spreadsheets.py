"""The 年度考评 and 表彰奖励 sheets: villages of the acting scope, errors, idempotency, round trip."""

import datetime
import io

import pytest

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.services import orgunit_create
from qunyan.evaluation.choices import Rating, RatingSource
from qunyan.evaluation.models import Commendation, VillageRating
from qunyan.people.tests.factories import make_person, new_id_number
from qunyan.spreadsheets.engine import workbook_export, workbook_import

from .factories import COMMENDATION_HEADER, RATING_HEADER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


@pytest.fixture
def secretary(niupingao):
    return make_person(niupingao, name="刘建国", birth=D(1972, 8, 9))


def load(make_workbook, *, ratings=(), honours=(), scope=None):
    sheets = {}
    if ratings:
        sheets["年度考评"] = [RATING_HEADER, *ratings]
    if honours:
        sheets["表彰奖励"] = [COMMENDATION_HEADER, *honours]
    return workbook_import(make_workbook(sheets), scope=scope or Scope.unrestricted(), by=None)


def located(report):
    return [(issue.sheet, issue.row, issue.column) for issue in report.errors]


def test_it_imports_ratings_and_commendations(make_workbook, niupingao, secretary):
    """Rows become records; 红旗村 becomes its code, the year a number."""
    report = load(
        make_workbook,
        ratings=[[2023, "牛坪坳村", "红旗村"]],
        honours=[[secretary.id_number, "2023年", "优秀村干部", "镇党委"]],
    )
    assert report.errors == []
    rating = VillageRating.objects.get()
    assert (rating.village, rating.year, rating.rating) == (niupingao, 2023, Rating.RED_FLAG)
    assert (rating.source, rating.total_score) == (RatingSource.SHEET, None)
    assert Commendation.objects.get().year == 2023


@pytest.mark.parametrize(
    ("row", "column"),
    [
        pytest.param([2023, "牛坪坳村", "优秀"], "等次", id="unknown rating"),
        pytest.param([2023, "桃花村", "一般"], "村社区", id="unknown village"),
        pytest.param([2023, "羊角塘镇", "一般"], "村社区", id="a town is not a village"),
        pytest.param(["去年", "牛坪坳村", "一般"], "年度", id="not a year"),
    ],
)
def test_it_reports_a_bad_rating_row_on_its_column(make_workbook, tree, row, column):
    """Each rating error names the row and the column at fault."""
    assert located(load(make_workbook, ratings=[row])) == [("年度考评", 2, column)]


def test_a_village_outside_the_acting_scope_is_unknown(make_workbook, baishui):
    """Whoever works in 白水镇 cannot rate 羊角塘镇's 牛坪坳村: it is not among their villages."""
    scope = Scope(root_paths=(baishui.path,))
    report = load(make_workbook, ratings=[[2023, "牛坪坳村", "一般"]], scope=scope)
    assert located(report) == [("年度考评", 2, "村社区")]


def test_a_village_name_used_in_two_towns_is_ambiguous(make_workbook, tree):
    """An operator importing for every town must not guess between two 东村."""
    orgunit_create(
        name="东村",
        kind=OrgUnit.Kind.VILLAGE,
        parent=tree.yangjiaotang,
        by=None,
        scope=Scope.unrestricted(),
    )
    report = load(make_workbook, ratings=[[2023, "东村", "一般"]])
    assert located(report) == [("年度考评", 2, "村社区")]
    assert "Several villages" in report.errors[0].message


def test_it_reports_repeated_keys_in_both_sheets(make_workbook, secretary):
    """One rating per village and year; one commendation per person, year and title."""
    report = load(
        make_workbook,
        ratings=[
            [2023, "牛坪坳村", "一般"],
            [2023, "牛坪坳村", "先进村"],
            [2022, "牛坪坳村", "一般"],
        ],
        honours=[
            [secretary.id_number, 2023, "优秀村干部", "镇党委"],
            [secretary.id_number, 2023, "优秀共产党员", "镇党委"],
            [secretary.id_number, 2023, "优秀村干部", "祁阳市委"],
        ],
    )
    assert located(report) == [("年度考评", 3, "村社区"), ("表彰奖励", 4, "表彰名称")]


def test_it_reports_an_unknown_person_and_a_missing_authority(make_workbook, secretary):
    """表彰机关 is required; an unregistered number is an error."""
    report = load(
        make_workbook,
        honours=[
            [new_id_number(), 2023, "优秀村干部", "镇党委"],
            [secretary.id_number, 2023, "优秀村干部", ""],
        ],
    )
    assert sorted(located(report)) == [("表彰奖励", 2, "公民身份号码"), ("表彰奖励", 3, "表彰机关")]


def test_a_second_import_of_the_same_workbook_changes_nothing(make_workbook, secretary):
    """Ratings by (village, year) and commendations by (person, year, title) are unchanged."""
    sheets = {
        "ratings": [[2023, "牛坪坳村", "模范村"]],
        "honours": [[secretary.id_number, 2023, "优秀村干部", "镇党委"]],
    }
    load(make_workbook, **sheets)
    report = load(make_workbook, **sheets)
    for sheet in ("年度考评", "表彰奖励"):
        counts = report.sheets[sheet]
        assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 1)


def test_an_exported_workbook_imports_back_to_the_same_records(
    make_workbook, secretary, yangjiaotang
):
    """Export with full numbers, empty both tables, import: the records are as they were."""
    load(
        make_workbook,
        ratings=[[2022, "牛坪坳村", "先进村"], [2023, "石门村", "一般"]],
        honours=[[secretary.id_number, 2023, "祁阳市乡村振兴担当作为党组织书记", "祁阳市委"]],
    )
    before = (
        sorted(VillageRating.objects.values_list("village", "year", "rating")),
        sorted(Commendation.objects.values_list("person", "year", "title", "authority")),
    )
    book = io.BytesIO()
    workbook_export(book, town=yangjiaotang, scope=Scope.unrestricted(), by=None, reveal=True)
    VillageRating.objects.all().delete()
    Commendation.objects.all().delete()
    book.seek(0)
    assert workbook_import(book, scope=Scope.unrestricted(), by=None).errors == []
    assert (
        sorted(VillageRating.objects.values_list("village", "year", "rating")),
        sorted(Commendation.objects.values_list("person", "year", "title", "authority")),
    ) == before
