"""A town officer changes a cadre's wish, sees the village re-solved and explained, confirms."""

import pytest

from qunyan.core.tests.factories import PASSWORD
from qunyan.duties.models import Division
from qunyan.duties.services import catalogue_ensure
from qunyan.duties.tests.factories import committee

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_change_a_wish_resolve_see_the_explanation_change_and_confirm(page, alice, tree):
    catalogue_ensure(town=tree.yangjiaotang, by=alice)
    members = committee(tree.niupingao, "F", "M", "M", "M")
    log_in(page, "alice", PASSWORD)

    page.goto(f"{page.base_url}/duties/villages/{tree.niupingao.pk}/")
    row = page.locator("#proposal tr[data-duty=宣传文化]")
    row.wait_for()
    assert row.locator(".wish").count() == 0
    before = row.locator(".explanation").inner_text()
    assert "意愿" not in before

    page.locator(f"#member-table tr[data-person={members[2].name}] a.edit-profile").click()
    page.select_option("#id_wish_1", label="宣传文化")
    page.click("#save-profile")
    page.wait_for_selector("#proposal")
    row = page.locator("#proposal tr[data-duty=宣传文化]")
    assert row.get_attribute("data-person") == members[2].name
    assert row.locator(".wish").inner_text() == "第1意愿"
    after = row.locator(".explanation").inner_text()
    assert "意愿 +30" in after and after != before
    assert not Division.objects.exists()

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#confirm-division")
    page.wait_for_selector("#current-version >> text=第1版")
    division = Division.objects.get()
    assert division.assignments.get(duty__name="宣传文化").person == members[2]
