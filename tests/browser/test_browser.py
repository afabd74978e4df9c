"""What a town officer and a village secretary do, in a real browser."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from qunyan.core.tests.factories import PASSWORD
from qunyan.demo.generator import build_workbook

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(settings.BASE_DIR).parent / "shared" / "samples" / "yangjiaotang-2021-2023"


def _workbook_and_expected(tmp_path: Path) -> tuple[Path, dict]:
    """The shared sample when present (CI has it), else the demo town for 2023."""
    if SAMPLE.with_suffix(".xlsx").exists():
        expected = json.loads(SAMPLE.with_suffix(".expected.json").read_text())
        return SAMPLE.with_suffix(".xlsx"), expected
    path = tmp_path / "demo.xlsx"
    path.write_bytes(build_workbook(2023))
    return path, {"villages": 35, "reserves": {"total": 72, "young_and_college": 48}}


def test_an_officer_imports_the_workbook_and_sees_the_figures(page, alice, tmp_path):
    """Upload, preview, confirm; the overview then shows the villages and the reserve pool."""
    workbook, expected = _workbook_and_expected(tmp_path)
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/workbook/import/")
    page.set_input_files("#id_file", str(workbook))
    page.click("#check-button")
    page.wait_for_selector("#confirm-button")
    assert page.locator("#import-counts").is_visible()
    page.click("#confirm-button")
    page.wait_for_selector("#import-result.alert-success")
    page.goto(f"{page.base_url}/?from=2021-01-01&to=2023-12-31")
    assert page.inner_text("[data-figure=villages]") == str(expected["villages"])
    assert page.inner_text("[data-figure=reserves]") == str(expected["reserves"]["total"])
    young = page.inner_text("[data-figure=young-and-college]")
    assert young == str(expected["reserves"]["young_and_college"])
    assert page.locator("#reserve-chart canvas").count() == 1


def test_a_secretary_cannot_open_another_villages_person(page, bob, residents_for_browser):
    """Typing the URL of a person in 石门村 gives the not-found page to 牛坪坳村's secretary."""
    own, other = residents_for_browser
    log_in(page, "bob", PASSWORD)
    page.goto(f"{page.base_url}/people/{own.pk}/")
    assert own.name in page.inner_text("h1")
    response = page.goto(f"{page.base_url}/people/{other.pk}/")
    assert response.status == 404
    assert other.name not in page.content()


def test_the_interface_is_chinese_by_default_and_switches_to_english(page, alice):
    """A first visit is in Chinese; the footer switch turns the same page into English."""
    log_in(page, "alice", PASSWORD)
    assert "退出" in page.inner_text("nav")
    page.click("button[value=en]")
    page.wait_for_load_state("networkidle")
    assert "Log out" in page.inner_text("nav")


@pytest.fixture
def residents_for_browser(tree):
    from tests.web.conftest import add_person

    return add_person("张三", tree.niupingao, 1), add_person("李四", tree.shimen, 2)
