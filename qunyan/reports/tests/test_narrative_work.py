"""The year report's sentences on duties, three-chief teams, services and mediation."""

import datetime

from qunyan.casework.tests.factories import make_case, make_service
from qunyan.duties.choices import DivisionStatus
from qunyan.duties.models import Division
from qunyan.reports.narrative_work import duties_sentence, services_sentence

YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def test_without_records_the_report_says_there_is_no_data(tree):
    assert "暂无数据" in duties_sentence(tree.yangjiaotang)
    assert "暂无数据" in services_sentence(tree.yangjiaotang, *YEAR, "今年")


def test_services_and_cases_are_counted_for_the_town_and_period(tree):
    make_service(tree.niupingao, hours="2", served_count=5)
    make_service(tree.shimen, hours="1.5", served_count=3)
    make_service(tree.dongcun, hours="9", served_count=9)  # another town
    make_service(tree.niupingao, date=datetime.date(2025, 6, 1))  # another year
    make_case(tree.niupingao)
    text = services_sentence(tree.yangjiaotang, *YEAR, "今年")
    assert "贴近服务2次、服务8人次、用时3.5小时" in text
    assert "排解矛盾纠纷1件，其中调解成功0件" in text


def test_villages_with_a_division_in_force_are_counted(tree):
    for village in (tree.niupingao, tree.shimen):
        Division.objects.create(
            village=village, version=1, status=DivisionStatus.CURRENT, total_score=10
        )
    assert "为2个村（社区）“两委”干部科学分工" in duties_sentence(tree.yangjiaotang)
