"""QR check-in: valid only inside the session's window, once; corrections are audited; 人次 and
completion follow attendance, never enrolment."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from qunyan.core.models import AuditEntry
from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import training
from qunyan.training.attendance import (
    checkin_token,
    presence_correct,
    qr_check_in,
    qr_refusal,
    token_read,
)
from qunyan.training.models import Attendance, SessionAttendance

from .factories import enrol, make_class, make_session, moment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def setup(yangjiaotang, niupingao):
    training_class = make_class(yangjiaotang)
    session = make_session(training_class, "2026-03-02 09:00", "2026-03-02 12:00")
    person = make_person(niupingao, name="刘建国")
    enrol(training_class, person)
    return training_class, session, person


def check_in_at(session, person, when):
    with time_machine.travel(moment(when), tick=False):
        from django.utils import timezone

        return qr_check_in(session=session, person=person, now=timezone.now(), by=None)


@pytest.mark.parametrize("when", ["2026-03-02 09:00", "2026-03-02 10:30", "2026-03-02 12:00"])
def test_a_code_signs_in_from_the_start_to_the_end_of_the_session(setup, when):
    _class, session, person = setup
    presence = check_in_at(session, person, when)
    assert presence.present and presence.qr_used_at == moment(when)


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("2026-03-02 08:59", "has not opened yet"),
        ("2026-03-02 12:01", "no longer valid"),
        ("2026-03-03 09:30", "no longer valid"),
    ],
)
def test_a_code_is_refused_outside_the_window(setup, when, message):
    _class, session, person = setup
    with pytest.raises(ValidationError, match=message):
        check_in_at(session, person, when)
    assert not SessionAttendance.objects.exists()
    assert not Attendance.objects.exists()


def test_the_setting_opens_check_in_earlier(setup, settings):
    _class, session, person = setup
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "TRAINING_CHECKIN_OPENS_MINUTES": 30}
    assert check_in_at(session, person, "2026-03-02 08:30").present
    with pytest.raises(ValidationError):
        check_in_at(
            make_session(session.training_class, "2026-03-03 09:00", "2026-03-03 10:00"),
            person,
            "2026-03-03 08:29",
        )


def test_a_code_cannot_be_used_twice_even_after_a_correction(setup):
    _class, session, person = setup
    check_in_at(session, person, "2026-03-02 09:05")
    with pytest.raises(ValidationError, match="already used"):
        check_in_at(session, person, "2026-03-02 09:06")
    presence_correct(
        session=session,
        person=person,
        present=False,
        reason="提前离场",
        now=moment("2026-03-02 09:30"),
        by=None,
    )
    with pytest.raises(ValidationError, match="already used"):
        check_in_at(session, person, "2026-03-02 09:40")


def test_a_person_not_enrolled_is_refused(setup, niupingao):
    _class, session, _person = setup
    stranger = make_person(niupingao, name="未报名")
    assert "not enrolled" in qr_refusal(session, stranger, moment("2026-03-02 10:00"))


def test_a_token_names_its_session_and_person_and_cannot_be_forged(setup):
    _class, session, person = setup
    token = checkin_token(session, person)
    subject = token_read(token)
    assert (subject.session_id, subject.person_id) == (session.pk, person.pk)
    # One character of the signature changed (to another character: comparing with the last
    # one left the token whole once in 64 runs).
    forged = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    assert forged != token
    with pytest.raises(ValidationError):
        token_read(forged)
    with pytest.raises(ValidationError):
        token_read("not-a-token")


def test_person_times_count_attendance_not_enrolment(setup, niupingao, yangjiaotang):
    """Enrolment alone adds no 人次; the first presence does, a second session does not."""
    training_class, session, person = setup
    other = make_person(niupingao, name="周丽")
    enrol(training_class, other)
    period = {
        "period_from": datetime.date(2026, 1, 1),
        "period_to": datetime.date(2026, 12, 31),
    }
    assert training([yangjiaotang], **period)[yangjiaotang.pk]["person_times"] == 0
    check_in_at(session, person, "2026-03-02 09:10")
    second = make_session(training_class, "2026-03-03 09:00", "2026-03-03 12:00")
    check_in_at(second, person, "2026-03-03 09:10")
    assert training([yangjiaotang], **period)[yangjiaotang.pk]["person_times"] == 1
    assert Attendance.objects.get(person=person).completed is True


def test_a_correction_is_audited_and_moves_the_attendance_row(setup):
    training_class, session, person = setup
    presence_correct(
        session=session,
        person=person,
        present=True,
        reason="纸质签到补录",
        now=moment("2026-03-02 13:00"),
        by=None,
    )
    assert Attendance.objects.filter(training_class=training_class, person=person).exists()
    presence_correct(
        session=session,
        person=person,
        present=False,
        reason="误录",
        now=moment("2026-03-02 13:05"),
        by=None,
    )
    assert not Attendance.objects.filter(training_class=training_class, person=person).exists()
    notes = list(
        AuditEntry.objects.filter(target_type="training.SessionAttendance").values_list(
            "note", flat=True
        )
    )
    assert any("纸质签到补录" in note for note in notes) and any("误录" in note for note in notes)


def test_a_correction_needs_a_reason(setup):
    _class, session, person = setup
    with pytest.raises(ValidationError):
        presence_correct(
            session=session,
            person=person,
            present=True,
            reason=" ",
            now=moment("2026-03-02 13:00"),
            by=None,
        )


def test_a_new_session_takes_completion_away_until_attended(setup):
    """结业 means present at every session: adding one more reopens it."""
    training_class, session, person = setup
    check_in_at(session, person, "2026-03-02 09:10")
    assert Attendance.objects.get(person=person).completed is True
    second = make_session(training_class, "2026-03-03 09:00", "2026-03-03 12:00")
    assert Attendance.objects.get(person=person).completed is False
    check_in_at(second, person, "2026-03-03 09:10")
    assert Attendance.objects.get(person=person).completed is True
