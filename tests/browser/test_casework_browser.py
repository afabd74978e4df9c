"""On a phone (390×844), bob records a service with a photo, then a mediation case to its end."""

from pathlib import Path

import pytest
from PIL import Image

from qunyan.casework.attachments import file_of
from qunyan.casework.models import Attachment, MediationCase, ServiceRecord
from qunyan.casework.tests.factories import image_bytes, member
from qunyan.core.tests.factories import PASSWORD

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.base_url = live_server.url
    yield tab
    context.close()


def fits_the_screen(tab) -> bool:
    """Nothing wider than the phone: the page never scrolls sideways."""
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_secretary_records_a_service_with_a_photo_and_a_case_on_a_phone(
    phone, bob, tree, tmp_path: Path
):
    liu = member(tree.niupingao, "刘红")
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(image_bytes(3000, 2000))
    log_in(phone, "bob", PASSWORD)

    phone.goto(f"{phone.base_url}/casework/")
    phone.click("#add-service")
    phone.wait_for_selector("#service-form")
    assert fits_the_screen(phone)
    phone.select_option("#id_category", label="为老人代办")
    phone.fill("#id_summary", "帮五保户代办医保缴费")
    phone.fill("#id_served_count", "2")
    phone.fill("#id_hours", "1.5")
    phone.check(f"input[name=servers][value='{liu.pk}']")
    phone.set_input_files("#id_photo", str(photo))
    phone.click("#save-service")
    phone.wait_for_selector("#service-facts")

    record = ServiceRecord.objects.get()
    assert (record.village, record.served_count, list(record.servers.all())) == (
        tree.niupingao,
        2,
        [liu],
    )
    image = phone.wait_for_selector(".qy-attachments img")
    phone.wait_for_function("document.querySelector('.qy-attachments img').naturalWidth > 0")
    assert image.evaluate("img => img.naturalWidth") == 1600  # resized on the server
    stored = Attachment.objects.get()
    with Image.open(file_of(stored)) as kept:
        assert kept.size == (1600, 1067)
    assert fits_the_screen(phone)

    phone.goto(f"{phone.base_url}/casework/cases/")
    phone.click("#add-case")
    phone.wait_for_selector("#case-form")
    phone.fill("#id_title", "宅基地边界纠纷")
    phone.select_option("#id_case_type", "land")
    phone.fill("#id_parties", "张大山 13912345678\n李小河")
    phone.check(f"input[name=mediators][value='{liu.pk}']")
    phone.click("#save-case")
    phone.wait_for_selector("#case-facts")
    assert "张**" in phone.inner_text("#parties") and "张大山" not in phone.inner_text("#parties")

    phone.fill("#step-form input[name=action]", "到现场丈量，分别谈话")
    phone.click("#step-form button[type=submit]")
    phone.wait_for_selector("#steps li:has-text('现场丈量')")
    phone.select_option("#close-form select[name=result]", "settled")
    phone.fill("#close-form textarea[name=agreement]", "以老界桩为准，双方签字")
    phone.click("#close-case")
    phone.wait_for_selector("#case-result:has-text('调解成功')")
    case = MediationCase.objects.get()
    assert case.result == "settled" and case.steps.count() == 1 and case.parties.count() == 2
    assert fits_the_screen(phone)
