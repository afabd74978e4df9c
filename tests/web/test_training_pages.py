"""Training through the web, per role: lists, a class, a session's roll and QR check-in,
the sign-in sheets, needs, compliance, 农民大学生 and a person's record."""

import datetime
import io
import re

import pytest
import segno
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from qunyan.core.models import AuditEntry
from qunyan.core.scopes import Scope
from qunyan.mentoring.tests.factories import make_cadre
from qunyan.people.tests.factories import make_person
from qunyan.training.models import Attendance, SessionAttendance, Teacher, TrainingClass
from qunyan.training.needs import need_submit
from qunyan.training.tests.factories import enrol, make_class, make_session, moment

from .conftest import login

D = datetime.date


@pytest.fixture
def town(tree):
    training_class = make_class(tree.yangjiaotang, "PX-1", starts=D(2026, 3, 2))
    session = make_session(training_class, "2026-03-02 09:00", "2026-03-02 12:00")
    ours = make_person(tree.niupingao, name="刘建国", phone="13812345678")
    theirs = make_person(tree.shimen, name="周丽")
    enrol(training_class, ours, theirs)
    return {"class": training_class, "session": session, "ours": ours, "theirs": theirs}


def qr_urls(html):
    return re.findall(r'data-checkin-url="([^"]+)"', html)


def test_the_pages_render_in_chinese_for_the_officer(alice, town):
    client = login(alice)
    pages = [
        reverse("training:class-list"),
        reverse("training:class-detail", args=[town["class"].pk]),
        reverse("training:session-detail", args=[town["session"].pk]),
        reverse("training:signin-sheet", args=[town["session"].pk]),
        reverse("training:need-list"),
        reverse("training:class-open") + "?topic=电商",
        reverse("training:compliance"),
        reverse("training:nomination-list"),
        reverse("training:teacher-list"),
        reverse("training:class-add"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "培训" in response.content.decode(), url


def test_the_empty_lists_say_so(alice, tree):
    html = login(alice).get(reverse("training:class-list")).content.decode()
    assert "还没有培训班" in html


def test_the_sign_in_sheet_carries_one_qr_per_person_and_masks_numbers(alice, town):
    html = (
        login(alice)
        .get(reverse("training:signin-sheet", args=[town["session"].pk]))
        .content.decode()
    )
    urls = qr_urls(html)
    assert len(urls) == 2
    # The picture encodes exactly the address beside it.
    svg = segno.make(urls[0], error="m", micro=False).svg_inline(scale=3, border=2)
    assert svg in html
    assert town["ours"].id_number not in html
    assert town["ours"].masked_id_number in html


def test_the_xlsx_sheet_masks_numbers_and_is_audited(alice, town):
    response = login(alice).get(
        reverse("training:signin-sheet", args=[town["session"].pk]), {"format": "xlsx"}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    cells = [str(c) for row in rows for c in row if c]
    assert "刘建国" in cells
    assert town["ours"].id_number not in cells and "13812345678" not in cells
    assert town["ours"].masked_id_number in cells
    assert AuditEntry.objects.filter(action="export", target_type="training.Session").exists()


def test_qr_check_in_inside_the_window_then_refused_on_reuse(alice, town):
    client = login(alice)
    url = qr_urls(
        client.get(reverse("training:signin-sheet", args=[town["session"].pk])).content.decode()
    )[0]
    with time_machine.travel(moment("2026-03-02 09:10"), tick=False):
        assert "签到" in client.get(url).content.decode()
        response = client.post(url)
        assert response.status_code == 200 and 'id="checkin-done"' in response.content.decode()
        again = client.post(url)
    assert again.status_code == 409
    assert "只能使用一次" in again.content.decode()
    assert Attendance.objects.count() == 1


def test_qr_check_in_is_refused_after_the_session_in_chinese(alice, town):
    client = login(alice)
    url = qr_urls(
        client.get(reverse("training:signin-sheet", args=[town["session"].pk])).content.decode()
    )[0]
    with time_machine.travel(moment("2026-03-02 12:30"), tick=False):
        response = client.post(url)
    assert response.status_code == 409
    assert "已失效" in response.content.decode()
    assert not SessionAttendance.objects.exists()


def test_a_forged_code_is_refused(alice, town):
    response = login(alice).get(reverse("training:check-in", args=["forged:token"]))
    assert response.status_code == 400
    assert "不是有效的签到码" in response.content.decode()


def test_a_secretary_cannot_check_in_or_manage(bob, town):
    client = login(bob)
    assert (
        client.get(reverse("training:signin-sheet", args=[town["session"].pk])).status_code == 403
    )
    assert client.post(reverse("training:class-delete", args=[town["class"].pk])).status_code == 403


def test_a_secretary_sees_only_their_villages_people_in_a_class(bob, town):
    html = (
        login(bob).get(reverse("training:class-detail", args=[town["class"].pk])).content.decode()
    )
    assert "刘建国" in html and "周丽" not in html


def test_another_towns_class_is_not_found(alice, tree):
    other = make_class(tree.baishui, "BS-1")
    assert login(alice).get(reverse("training:class-detail", args=[other.pk])).status_code == 404


def test_the_organiser_corrects_attendance_with_a_reason(alice, town):
    client = login(alice)
    url = reverse("training:presence-correct", args=[town["session"].pk])
    client.post(url, {"person": town["theirs"].pk, "present": "1", "reason": "纸质签到补录"})
    assert Attendance.objects.filter(person=town["theirs"]).exists()
    entry = AuditEntry.objects.filter(target_type="training.SessionAttendance").latest("at")
    assert "纸质签到补录" in entry.note and entry.actor == alice


def test_deleting_a_class_asks_first(alice, town):
    client = login(alice)
    html = client.get(reverse("training:class-detail", args=[town["class"].pk])).content.decode()
    assert "data-confirm" in html
    client.post(reverse("training:class-delete", args=[town["class"].pk]))
    assert not TrainingClass.objects.filter(pk=town["class"].pk).exists()


def test_a_secretary_submits_a_need_and_the_officer_opens_a_class(alice, bob, tree):
    person = make_person(tree.niupingao, name="陈明", political_status="cpc")
    response = login(bob).post(
        reverse("training:need-list"), {"person": person.pk, "topic": "电商"}
    )
    assert response.status_code == 302
    client = login(alice)
    html = client.get(reverse("training:need-list")).content.decode()
    assert 'data-topic="电商"' in html
    need = person.training_needs.get()
    response = client.post(
        reverse("training:class-open") + "?topic=电商",
        {
            "needs": [need.pk],
            "code": "DS-1",
            "name": "电商培训班",
            "programme": "village_school",
            "starts_at": "2026-05-06T09:00",
            "ends_at": "2026-05-06T17:00",
            "place": "电商产业园",
            "venue": "on_site",
            "hours": "8",
        },
    )
    training_class = TrainingClass.objects.get(code="DS-1")
    assert response.status_code == 302
    assert list(training_class.enrolments.values_list("person", flat=True)) == [person.pk]


def test_the_compliance_list_is_scoped_and_lists_who_is_short(bob, tree):
    make_cadre(make_person(tree.niupingao, name="本村委员"))
    make_cadre(make_person(tree.shimen, name="邻村委员"))
    html = login(bob).get(reverse("training:compliance")).content.decode()
    assert 'data-person="本村委员"' in html and "邻村委员" not in html


def test_an_ineligible_nomination_shows_the_reason(alice, tree):
    too_old = make_cadre(
        make_person(tree.niupingao, name="老委员", birth=D(1970, 1, 1), education="senior")
    )
    response = login(alice).post(
        reverse("training:nomination-list"),
        {"person": too_old.pk, "track": "diploma", "nominated_on": "2026-03-01"},
    )
    assert response.status_code == 200
    assert "45" in response.content.decode()


def test_the_person_page_shows_the_record_and_exports_it(alice, town):
    from qunyan.training.attendance import presence_correct

    presence_correct(
        session=town["session"],
        person=town["ours"],
        present=True,
        reason="补录",
        now=moment("2026-03-02 12:00"),
        by=None,
    )
    client = login(alice)
    html = client.get(town["ours"].get_absolute_url()).content.decode()
    assert 'id="section-training"' in html and "PX-1培训班" in html and "2026" in html
    response = client.get(reverse("training:person-record", args=[town["ours"].pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert [row for row in book.worksheets[1].iter_rows(values_only=True)][1] == (2026, 4)


def test_needs_are_scoped_for_secretaries(bob, charlie, tree):
    need_submit(
        person=make_person(tree.shimen, name="邻村学员"),
        topic="电商",
        by=None,
        scope=Scope.unrestricted(),
    )
    assert "邻村学员" not in login(bob).get(reverse("training:need-list")).content.decode()
    assert "邻村学员" in login(charlie).get(reverse("training:need-list")).content.decode()


def test_the_officer_keeps_the_teacher_register_and_uses_it_in_sessions(alice, town, tree):
    client = login(alice)
    client.post(
        reverse("training:teacher-list"),
        {"name": "李农", "kind": "agriculture", "organisation": "市农业农村局"},
    )

    teacher = Teacher.objects.get(name="李农")
    assert teacher.town == tree.yangjiaotang
    response = client.post(
        reverse("training:class-detail", args=[town["class"].pk]),
        {
            "add-session": "1",
            "starts_at": "2026-03-03T14:00",
            "ends_at": "2026-03-03T17:00",
            "place": "油茶基地",
            "venue": "on_site",
            "hours": "3",
            "teacher": teacher.pk,
        },
    )
    assert response.status_code == 302
    session = town["class"].sessions.get(place="油茶基地")
    assert session.teacher == teacher
    town["class"].refresh_from_db()
    assert town["class"].ends_on == D(2026, 3, 3)  # the class now spans both days
