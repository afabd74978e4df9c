"""A town officer scores a village, rates the villages, grades the committee and reads the bonus."""

import datetime
from decimal import Decimal

import pytest

from qunyan.core.tests.factories import PASSWORD
from qunyan.evaluation.choices import Grade, Rating
from qunyan.evaluation.models import CadreGrade, VillageRating
from qunyan.evaluation.tests.factories import make_cadre

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_scores_to_rating_to_grades_to_bonus_trail(page, alice, tree):
    secretary = make_cadre(
        tree.niupingao,
        name="刘建国",
        post="书记兼主任",
        bonus_base=Decimal("100.15"),
        started=datetime.date(2020, 1, 1),
    )
    for i in range(4):
        make_cadre(tree.niupingao, name=f"委员{i}", started=datetime.date(2020, 1, 1))
    log_in(page, "alice", PASSWORD)

    page.goto(f"{page.base_url}/evaluation/?year=2023")
    page.click(f"tr[data-village='{tree.niupingao.pk}'] a")
    for name, score in (
        ("party_building", "75"),
        ("economy", "72"),
        ("governance", "74"),
        ("services", "70"),
    ):
        page.fill(f"#id_s-{name}", score)
    page.click("#save-scores")
    page.wait_for_selector("#rating-table")

    # The computation asks first; dismissing the question changes nothing.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#compute-ratings")
    assert not VillageRating.objects.exists()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#compute-ratings")
    page.wait_for_selector(".alert-success")
    assert VillageRating.objects.get(village=tree.niupingao).rating == Rating.ADVANCED

    page.goto(f"{page.base_url}/evaluation/grades/?year=2023")
    page.click(f"tr[data-village='{tree.niupingao.pk}'] a")
    # 5 assessed in an advanced village: 5 × 30 % = 1.5, rounded half up to 2.
    assert "2" in page.inner_text("#quota")
    page.select_option(f"#id_p{secretary.pk}", Grade.EXCELLENT)
    page.click("#save-grades")
    page.wait_for_selector("#grade-table")
    assert CadreGrade.objects.get().grade == Grade.EXCELLENT

    page.goto(f"{page.base_url}/evaluation/pay/?year=2023")
    row = page.locator("#bonus-table tbody tr").first
    # 100.15 × 120 % × 110 % = 132.198 → 132.20
    assert "132.20" in row.inner_text()
    page.click("#bonus-table summary")
    assert "132.198" in page.inner_text("#bonus-table details")
