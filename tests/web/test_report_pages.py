"""The dashboard, the county view and the year report through the pages, against the sample."""

import datetime
import io
import json
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from qunyan.core.models import AuditEntry, OrgUnit
from qunyan.core.roles import Role
from qunyan.core.scopes import Scope
from qunyan.core.tests.factories import make_account
from qunyan.reports.figures import flatten, label_of, show
from qunyan.reports.selectors import town_statistics
from qunyan.spreadsheets.engine import workbook_import

from .conftest import login

SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples"
WORKBOOK = SAMPLES / "yangjiaotang-2021-2023.xlsx"
EXPECTED = SAMPLES / "yangjiaotang-2021-2023.expected.json"
needs_sample = pytest.mark.skipif(
    not (WORKBOOK.exists() and EXPECTED.exists()),
    reason=f"the shared sample is not checked out next to the project ({SAMPLES})",
)
PERIOD = {"from": "2021-01-01", "to": "2023-12-31"}


@pytest.fixture
def sample(tree) -> dict:
    """The sample imported into 羊角塘镇 of the test tree; its expected statistics."""
    report = workbook_import(WORKBOOK, scope=Scope.unrestricted(), by=None)
    assert [str(error) for error in report.errors] == []
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def _html_stats(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-stat="([^"]+)"[^>]*>([^<]*)<', html))


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@needs_sample
def test_the_dashboard_shows_every_expected_figure(alice, sample):
    """Every figure of the expected JSON is on the dashboard, exactly, and the cards agree."""
    response = login(alice).get(reverse("core:home"), PERIOD)
    html = response.content.decode()
    shown = _html_stats(html)
    for path, value in flatten(sample):
        assert shown[path] == show(value), path
    assert f'data-figure="reserves">{sample["reserves"]["total"]}<' in html
    new = sample["party_development"]["new_probationary_members"]
    assert f'data-figure="new-members">{new}<' in html
    assert 'id="dashboard-data"' in html
    assert "<script>" not in html  # data only through json_script, code only in static files


@needs_sample
def test_the_dashboard_renders_fast_with_few_queries(alice, sample, django_assert_max_num_queries):
    """Aggregates only: the number of queries does not grow with the town's 35 villages."""
    client = login(alice)
    client.get(reverse("core:home"), PERIOD)
    with django_assert_max_num_queries(60):
        started = datetime.datetime.now()
        response = client.get(reverse("core:home"), PERIOD)
        elapsed = datetime.datetime.now() - started
    assert response.status_code == 200
    assert elapsed.total_seconds() < 1.5


@needs_sample
def test_the_report_text_and_both_files_hold_every_figure(alice, sample):
    """The report's sentences, its docx (python-docx) and PDF (pypdf text) carry the figures."""
    client = login(alice)
    town = OrgUnit.objects.get(name=sample["town"])
    query = {"town": town.pk, **PERIOD}
    html = client.get(reverse("reports:report"), query).content.decode()
    sentence = (
        f"全镇新发展农村党员{sample['party_development']['new_probationary_members']}人，"
        f"动员{sample['returnees']['started_business']}名优秀乡土人才回乡创业。"
    )
    pool = (
        f"建立{sample['reserves']['total']}人的镇级村后备力量资源库，其中35岁以下、大专以上学历的"
        f"优秀青年{sample['reserves']['young_and_college']}人"
    )
    mentoring = (
        f"共聘请“导师”{sample['mentoring']['mentors']}人，"
        f"结对帮带年轻镇村干部{sample['mentoring']['mentees']}名"
    )
    for text in (sentence, pool, mentoring):
        assert text in html

    docx = client.get(reverse("reports:report-download", args=["docx"]), query)
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert "filename*=UTF-8''%E7%BE%8A%E8%A7%92%E5%A1%98%E9%95%87" in docx["Content-Disposition"]
    document = Document(io.BytesIO(docx.content))
    words = "\n".join(paragraph.text for paragraph in document.paragraphs)
    for text in (sentence, pool, mentoring, "精引优储", "提质强能", "强化作用发挥"):
        assert text in words
    cells = {
        tuple(cell.text for cell in row.cells) for table in document.tables for row in table.rows
    }
    with_zh = {}
    for path, value in flatten(sample):
        from django.utils import translation

        with translation.override("zh-hans"):
            with_zh[path] = (label_of(path), show(value))
    for path, row in with_zh.items():
        assert row in cells, path

    pdf = client.get(reverse("reports:report-download", args=["pdf"]), query)
    assert pdf["Content-Type"] == "application/pdf"
    text = _compact(
        "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    )
    for phrase in (sentence, pool, mentoring, "坚持精引优储", "注重提质强能", "强化作用发挥"):
        assert _compact(phrase) in text
    for path, (label, value) in with_zh.items():
        assert _compact(label + value) in text, path
    assert (
        AuditEntry.objects.filter(actor_name="alice", action=AuditEntry.Action.EXPORT).count() == 2
    )


def test_a_module_without_records_reads_no_data_not_zero(alice, tree):
    """An empty town: the report and the dashboard say 暂无数据 where a module has no records."""
    client = login(alice)
    html = client.get(reverse("core:home"), PERIOD).content.decode()
    assert re.search(r'data-figure="classes"\s+data-missing="1">暂无数据<', html)
    assert 'data-figure="villages">2<' in html
    report = client.get(reverse("reports:report"), PERIOD).content.decode()
    assert "培训暂无数据。" in report
    assert "发展农村党员暂无数据。" in report
    assert "新发展农村党员0人" not in report


@needs_sample
def test_the_report_command_writes_a_pdf_quickly(sample, tmp_path):
    """`qunyan report … --format pdf` writes the whole report in well under ten seconds."""
    out = tmp_path / "report.pdf"
    started = datetime.datetime.now()
    call_command(
        "report",
        town=sample["town"],
        period_from="2021-01-01",
        period_to="2023-12-31",
        format="pdf",
        output=str(out),
        stdout=io.StringIO(),
    )
    assert (datetime.datetime.now() - started).total_seconds() < 10
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 3
    # The same figures as `qunyan stats`.
    town = OrgUnit.objects.get(name=sample["town"])
    stats = town_statistics(
        town=town,
        period_from=datetime.date(2021, 1, 1),
        period_to=datetime.date(2023, 12, 31),
        as_of=datetime.date(2023, 12, 31),
    )
    text = _compact("".join(page.extract_text() for page in reader.pages))
    assert f"新发展农村党员{stats['party_development']['new_probationary_members']}人" in text


@needs_sample
def test_the_county_view_sorts_and_exports(dora, sample, tree):
    """Both towns side by side, sorted by any figure; a town without the data comes last."""
    client = login(dora)
    url = reverse("reports:county")

    def order(sort: str) -> list[str]:
        html = client.get(url, {**PERIOD, "sort": sort}).content.decode()
        return re.findall(r'data-town="([^"]+)"', html)

    assert order("villages") == ["白水镇", "羊角塘镇"]
    assert order("-villages") == ["羊角塘镇", "白水镇"]
    # 白水镇 has no reserve pool at all: 暂无数据, after the towns with figures either way.
    assert order("reserves.total") == ["羊角塘镇", "白水镇"]
    assert order("-reserves.total") == ["羊角塘镇", "白水镇"]
    response = client.get(reverse("reports:county-export"), {**PERIOD, "sort": "-reserves.total"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[1]
    yangjiaotang = rows[2]
    assert yangjiaotang[0] == "羊角塘镇"
    assert yangjiaotang[header.index("后备力量资源库人数")] == sample["reserves"]["total"]
    assert rows[3][0] == "白水镇"
    assert rows[3][header.index("培训班期数")] == "暂无数据"


@pytest.mark.parametrize(
    ("persona", "town", "status"),
    [
        ("alice", "羊角塘镇", 200),
        ("alice", "白水镇", 404),
        ("leader", "白水镇", 404),
        ("bob", "羊角塘镇", 404),
        ("dora", "白水镇", 200),
        ("baishui_officer", "羊角塘镇", 404),
        ("auditor", "羊角塘镇", 403),
    ],
)
def test_a_report_opens_only_for_accounts_of_the_town(request, tree, persona, town, status):
    """A secretary or another town's officer gets 404 for a town's report and its files."""
    if persona == "baishui_officer":
        account = make_account("baishui", Role.TOWN_OFFICER, tree.baishui)
    else:
        account = request.getfixturevalue(persona)
    client = login(account)
    pk = OrgUnit.objects.get(name=town).pk
    for url in (
        reverse("reports:report"),
        reverse("reports:report-download", args=["docx"]),
        reverse("reports:screen"),
        reverse("reports:dashboard"),
    ):
        assert client.get(url, {"town": pk, **PERIOD}).status_code == status, url


def test_a_secretary_starts_on_the_village_registry(bob, tree):
    """The home page of a village secretary is their registry, not a town's figures."""
    response = login(bob).get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person-list")


def test_the_big_screen_has_the_figures_and_the_charts(alice, tree):
    """数据大屏: the same cards and chart holders, with its script from the static files."""
    html = login(alice).get(reverse("reports:screen"), PERIOD).content.decode()
    assert 'data-figure="villages">2<' in html
    assert 'id="reserve-chart"' in html
    assert "qunyan/reports/dashboard.js" in html
    assert "数据大屏" in html


def test_the_dashboard_speaks_the_readers_language(alice, tree):
    """Chinese by default; after switching, the labels are English and the report stays Chinese."""
    client = login(alice)
    assert "后备力量资源库人数" in client.get(reverse("core:home"), PERIOD).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("core:home"), PERIOD).content.decode()
    assert "Reserves in the pool" in html
    assert "No data yet" in html
    report = client.get(reverse("reports:report"), PERIOD).content.decode()
    assert "坚持精引优储" in report


@needs_sample
@time_machine.travel(datetime.datetime(2024, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_the_report_of_the_articles_years_reads_like_the_article(alice, sample):
    """Written in 2024 for 2021–2023, the report has the article's own sentences and figures."""
    html = login(alice).get(reverse("reports:report"), PERIOD).content.decode()
    for sentence in (
        "近三年来，全镇新发展农村党员75人，动员14名优秀乡土人才回乡创业。",
        "建立72人的镇级村后备力量资源库，其中35岁以下、大专以上学历的优秀青年48人",
        "共聘请“导师”51人，结对帮带年轻镇村干部93名",
        "5名村级后备力量被发展为预备党员",
        "2023年，牛坪坳村",
    ):
        assert sentence in html


def test_the_dashboard_is_cached_until_the_data_changes(alice, tree, django_assert_max_num_queries):
    """The second view reads the cache (a handful of queries); a change of the data, through a
    service and its audit entry, shows at once."""
    from qunyan.core.services import orgunit_create

    client = login(alice)
    first = _html_stats(client.get(reverse("reports:dashboard"), PERIOD).content.decode())
    with django_assert_max_num_queries(10):
        again = _html_stats(client.get(reverse("reports:dashboard"), PERIOD).content.decode())
    assert again == first
    orgunit_create(
        name="新村", kind=OrgUnit.Kind.VILLAGE, parent=tree.yangjiaotang, by=None,
        scope=Scope.unrestricted(),
    )  # fmt: skip
    after = _html_stats(client.get(reverse("reports:dashboard"), PERIOD).content.decode())
    assert int(after["villages"]) == int(first["villages"]) + 1
