"""Services and mediation pages: the phone form, scope by URL, uploads, summaries."""

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qunyan.casework.models import Attachment, MediationCase, ServiceRecord
from qunyan.casework.tests.factories import (
    PDF_BYTES,
    category,
    image_bytes,
    make_case,
    make_service,
    member,
)
from qunyan.core.models import AuditEntry

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to(datetime.datetime(2026, 5, 20, 10, 0), tick=False)


def _upload(client: Any, record: Any, data: bytes, name: str) -> Any:
    url = reverse("casework:attachment-upload", args=[record._meta.label_lower, record.pk])
    return client.post(
        url, {"file": SimpleUploadedFile(name, data)}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_a_secretary_records_a_service_with_a_photo_in_one_form(
    tree: SimpleNamespace, bob: Any
) -> None:
    client = login(bob)
    liu = member(tree.niupingao, "刘红")
    page = client.get(reverse("casework:service-add"))
    assert page.status_code == 200 and "刘红" in page.content.decode()
    response = client.post(
        reverse("casework:service-add"),
        {
            "village": tree.niupingao.pk,
            "category": category(tree.yangjiaotang, "为老人代办").pk,
            "date": "2026-05-19",
            "summary": "帮五保户代办医保",
            "served_count": "1",
            "hours": "1.5",
            "servers": [liu.pk],
            "photo": SimpleUploadedFile("IMG_0001.JPG", image_bytes(2400, 1800)),
        },
    )
    record = ServiceRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    assert record.recorded_by == bob and list(record.servers.all()) == [liu]
    (attachment,) = Attachment.objects.all()
    detail = client.get(record.get_absolute_url()).content.decode()
    assert reverse("casework:attachment-file", args=[attachment.pk]) in detail
    served = client.get(reverse("casework:attachment-file", args=[attachment.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"


def test_a_bad_photo_leaves_no_service_behind(tree: SimpleNamespace, bob: Any) -> None:
    client = login(bob)
    response = client.post(
        reverse("casework:service-add"),
        {
            "village": tree.niupingao.pk,
            "category": category(tree.yangjiaotang).pk,
            "date": "2026-05-19",
            "summary": "宣讲",
            "served_count": "3",
            "hours": "1",
            "photo": SimpleUploadedFile("photo.jpg", b"#!/bin/sh\nrm -rf /\n"),
        },
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not ServiceRecord.objects.exists() and not Attachment.objects.exists()


def test_another_village_gets_404_for_a_case_and_its_photo(
    tree: SimpleNamespace, bob: Any, charlie: Any
) -> None:
    case = make_case(tree.niupingao)
    _upload(login(bob), case, image_bytes(100, 100), "现场.jpg")
    attachment = Attachment.objects.get()
    outsider = login(charlie)
    for url in (
        case.get_absolute_url(),
        reverse("casework:case-edit", args=[case.pk]),
        reverse("casework:attachment-file", args=[attachment.pk]),
    ):
        assert outsider.get(url).status_code == 404
    assert outsider.post(reverse("casework:case-close", args=[case.pk])).status_code == 404
    assert (
        outsider.post(reverse("casework:attachment-delete", args=[attachment.pk])).status_code
        == 404
    )
    url = reverse("casework:attachment-upload", args=["casework.mediationcase", case.pk])
    assert outsider.post(url, {"file": SimpleUploadedFile("a.pdf", PDF_BYTES)}).status_code == 404
    assert Attachment.objects.count() == 1
    listing = outsider.get(reverse("casework:case-list")).content.decode()
    assert case.title not in listing


def test_an_unregistered_model_takes_no_attachments(tree: SimpleNamespace, alice: Any) -> None:
    url = reverse("casework:attachment-upload", args=["core.account", alice.pk])
    response = login(alice).post(url, {"file": SimpleUploadedFile("a.pdf", PDF_BYTES)})
    assert response.status_code == 404


def test_uploads_over_the_limit_or_of_the_wrong_type_are_refused(
    tree: SimpleNamespace, bob: Any, settings: Any
) -> None:
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "ATTACHMENT_MAX_BYTES": 1024 * 1024}
    record = make_service(tree.niupingao)
    client = login(bob)
    too_big = _upload(client, record, PDF_BYTES + b"x" * (1024 * 1024), "big.pdf")
    assert "larger than 1 MB" in too_big.content.decode()
    disguised = _upload(client, record, b"MZ\x90\x00\x03", "photo.jpg")
    assert "Only photos" in disguised.content.decode()
    assert not Attachment.objects.exists()
    assert "was attached" in _upload(client, record, PDF_BYTES, "协议.pdf").content.decode()


def test_parties_are_masked_until_revealed_and_the_reveal_is_logged(
    tree: SimpleNamespace, alice: Any, bob: Any
) -> None:
    case = make_case(tree.niupingao)
    page = login(bob).get(case.get_absolute_url()).content.decode()
    assert "张**" in page and "张大山" not in page and "13912345678" not in page
    assert "reveal-parties" not in page  # a secretary cannot reveal
    assert login(bob).post(reverse("casework:case-reveal", args=[case.pk])).status_code == 403
    revealed = login(alice).post(reverse("casework:case-reveal", args=[case.pk]))
    assert "张大山" in revealed.content.decode() and "13912345678" in revealed.content.decode()
    assert AuditEntry.objects.filter(action="reveal", target_id=str(case.pk)).count() == 1


def test_a_case_is_received_logged_and_closed(tree: SimpleNamespace, bob: Any) -> None:
    client = login(bob)
    response = client.post(
        reverse("casework:case-add"),
        {
            "village": tree.niupingao.pk,
            "title": "宅基地纠纷",
            "case_type": "land",
            "received_on": "2026-05-10",
            "parties": "赵一 13800001111\n钱二",
        },
    )
    case = MediationCase.objects.get()
    assert response.status_code == 302 and case.parties.count() == 2
    client.post(
        reverse("casework:case-step", args=[case.pk]), {"date": "2026-05-11", "action": "现场丈量"}
    )
    client.post(
        reverse("casework:case-close", args=[case.pk]),
        {
            "result": "settled",
            "closed_on": "2026-05-12",
            "agreement": "以老界为准",
            "follow_up_on": "2026-06-12",
        },
    )
    case.refresh_from_db()
    assert case.result == "settled" and case.steps.count() == 1
    bad = client.post(
        reverse("casework:case-close", args=[case.pk]),
        {"result": "settled", "closed_on": "2026-05-01"},
    )
    assert bad.status_code == 200 and "is-invalid" in bad.content.decode()


def test_an_old_open_case_stands_out_in_the_list(tree: SimpleNamespace, alice: Any) -> None:
    old = make_case(tree.niupingao, received_on=datetime.date(2026, 3, 1))
    make_case(tree.niupingao, received_on=datetime.date(2026, 5, 15), title="新")
    page = login(alice).get(reverse("casework:case-list") + "?status=overdue").content.decode()
    assert f'data-case="{old.pk}"' in page and page.count("data-case=") == 1
    assert "table-danger" in page


def test_the_summary_page_counts_per_village(tree: SimpleNamespace, alice: Any, bob: Any) -> None:
    make_service(tree.niupingao, hours="2", date=datetime.date(2026, 2, 1))
    make_service(tree.niupingao, hours="1.5", date=datetime.date(2026, 3, 1))
    make_service(tree.shimen, hours="3", date=datetime.date(2026, 3, 1))
    page = login(alice).get(reverse("casework:summary") + "?since=2026-01-01&until=2026-05-20")
    html = page.content.decode()
    assert page.status_code == 200 and 'data-label="牛坪坳村"' in html
    assert "3.5" in html and 'id="summary-total"' in html
    mine = login(bob).get(reverse("casework:summary")).content.decode()
    assert 'data-label="牛坪坳村"' in mine and 'data-label="石门村"' not in mine


def test_pages_render_in_chinese(tree: SimpleNamespace, bob: Any) -> None:
    make_service(tree.niupingao)
    client = login(bob)
    assert "记录服务" in client.get(reverse("casework:service-list")).content.decode()
    assert "记录调解案件" in client.get(reverse("casework:case-list")).content.decode()


def test_readers_without_record_service_cannot_write(
    tree: SimpleNamespace, dora: Any, leader: Any
) -> None:
    for account in (dora, leader):
        client = login(account)
        assert client.get(reverse("casework:service-list")).status_code == 200
        assert client.get(reverse("casework:service-add")).status_code == 403


def test_the_town_officer_edits_the_category_list(
    tree: SimpleNamespace, alice: Any, bob: Any
) -> None:
    response = login(alice).post(
        reverse("casework:category-list"), {"name": "防汛", "is_active": "on"}
    )
    assert response.status_code == 302
    assert login(bob).get(reverse("casework:category-list")).status_code == 403


def test_outreach_contacts_take_attachments_in_their_scope(
    tree: SimpleNamespace, alice: Any, charlie: Any
) -> None:
    from qunyan.talents.choices import Occasion, OutreachWay
    from qunyan.talents.models import Outreach
    from qunyan.talents.tests.factories import make_talent

    talent = make_talent(tree.niupingao)
    contact = Outreach.objects.create(
        person=talent.person,
        town=talent.town,
        date=datetime.date(2026, 2, 1),
        way=OutreachWay.HOME_VISIT,
        occasion=Occasion.SPRING_FESTIVAL,
    )
    assert (
        "was attached"
        in _upload(login(alice), contact, image_bytes(80, 80), "a.jpg").content.decode()
    )
    attachment = Attachment.objects.get()
    assert (
        login(charlie).get(reverse("casework:attachment-file", args=[attachment.pk])).status_code
        == 404
    )
    page = login(alice).get(reverse("talents:outreach-edit", args=[contact.pk])).content.decode()
    assert reverse("casework:attachment-file", args=[attachment.pk]) in page


def test_the_person_page_lists_services_given_and_cases_mediated(
    tree: SimpleNamespace, alice: Any
) -> None:
    liu = member(tree.niupingao, "刘红")
    make_service(tree.niupingao, servers=[liu], summary="帮老人代缴医保")
    make_case(tree.niupingao, mediators=[liu], title="排水沟纠纷")
    page = login(alice).get(liu.get_absolute_url()).content.decode()
    assert "贴近服务" in page and "帮老人代缴医保" in page and "排水沟纠纷" in page
