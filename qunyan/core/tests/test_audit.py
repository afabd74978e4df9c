"""The audit log: append-only, and who logged in, out or failed to, from where."""

import datetime

import pytest
import time_machine
from django.contrib.auth import authenticate, login, logout
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.context import client_address
from qunyan.core.forms import LoginForm
from qunyan.core.lockout import is_locked_out
from qunyan.core.middleware import ClientAddressMiddleware
from qunyan.core.models import AuditEntry
from qunyan.core.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "10.20.30.40"
START = datetime.datetime(2024, 3, 1, 9, 0, tzinfo=datetime.UTC)


def through_middleware(view, address: str = ADDRESS) -> HttpRequest:
    """Run `view(request)` the way a real request runs: sessions and the address middleware."""
    request = RequestFactory().post("/login/", REMOTE_ADDR=address)
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)

    def handler(req: HttpRequest) -> HttpResponse:
        view(req)
        return HttpResponse()

    ClientAddressMiddleware(handler)(request)
    return request


def attempt(username: str, password: str, address: str = ADDRESS) -> None:
    """One login attempt from `address`; a correct one logs in."""

    def view(request):
        user = authenticate(request, username=username, password=password)
        if user is not None:
            login(request, user)

    through_middleware(view, address)


@pytest.fixture
def entry(db):
    return audit_record(action=Action.CREATE, actor=None, target_repr="张三")


# --- Append-only ------------------------------------------------------------------------------


def test_an_entry_cannot_be_saved_again(entry):
    """Changing an existing entry through the model is refused."""
    entry.note = "改过"
    with pytest.raises(PermissionError):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


def test_an_entry_cannot_be_deleted(entry):
    """Deleting one entry is refused."""
    with pytest.raises(PermissionError):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_entries_cannot_be_updated_in_bulk(entry):
    """queryset.update() is refused."""
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(note="改过")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(action=Action.DELETE)


def test_entries_cannot_be_deleted_in_bulk(entry):
    """queryset.delete() is refused, so the log can only grow."""
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() >= 1


def test_postgresql_refuses_changes_from_outside_the_application(entry):
    """On PostgreSQL a trigger refuses UPDATE and DELETE even in raw SQL."""
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    for sql in (
        "UPDATE core_auditentry SET note = 'x' WHERE id = %s",
        "DELETE FROM core_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


def test_deleting_an_account_keeps_its_entries(alice):
    """The log outlives an account: refused or not, alice's entries stay with her name."""
    audit_record(action=Action.EXPORT, actor=alice, target_repr="羊角塘镇")
    try:
        with transaction.atomic():
            alice.delete()
    except Exception:  # noqa: S110 — refusing is an acceptable answer
        pass
    entries = AuditEntry.objects.filter(actor_name="alice", action=Action.EXPORT)
    assert entries.count() == 1


def test_an_account_with_audit_entries_is_refused_deletion_on_every_database(alice):
    """An account that acted is protected by its history: deactivate it instead of deleting."""
    audit_record(action=Action.EXPORT, actor=alice, target_repr="羊角塘镇")
    with pytest.raises(ProtectedError), transaction.atomic():
        alice.delete()
    assert AuditEntry.objects.filter(actor=alice).count() == 1


def test_diff_fields_lists_only_changes_as_old_and_new():
    """{field: [old, new]} for the fields that differ, dates as ISO text."""
    old = {"name": "张三", "born": datetime.date(1990, 1, 1), "unit_id": 3}
    new = {"name": "张三", "born": datetime.date(1990, 1, 2), "unit_id": 4}
    assert diff_fields(old, new) == {"born": ["1990-01-01", "1990-01-02"], "unit_id": [3, 4]}


# --- Logins ---------------------------------------------------------------------------------


def test_a_login_is_logged_with_the_address(alice):
    """A successful login writes a login entry with who and from where."""
    attempt("alice", PASSWORD)
    entry = AuditEntry.objects.get(action=Action.LOGIN)
    assert (entry.actor, entry.actor_name, entry.target_repr, entry.address) == (
        alice,
        "alice",
        "alice",
        ADDRESS,
    )


def test_a_failed_login_is_logged_with_the_name_tried_and_the_address(alice):
    """A wrong password writes a failed-login entry without an actor."""
    attempt("alice", "wrong-password")
    entry = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert (entry.actor, entry.target_repr, entry.address) == (None, "alice", ADDRESS)


def test_a_login_with_an_unknown_name_is_logged_as_failed(db):
    """Trying a name that does not exist is a failed login too."""
    attempt("mallory", "whatever")
    assert AuditEntry.objects.get(action=Action.LOGIN_FAILED).target_repr == "mallory"


def test_a_logout_is_logged_with_the_address(alice):
    """Logging out writes a logout entry naming the account and its address."""
    attempt("alice", PASSWORD)

    def view(request):
        request.user = alice
        logout(request)

    through_middleware(view, "10.0.0.9")
    entry = AuditEntry.objects.get(action=Action.LOGOUT)
    assert (entry.actor, entry.address) == (alice, "10.0.0.9")


def test_the_address_does_not_leak_into_later_work(alice):
    """After the request, entries written by commands carry no address."""
    attempt("alice", PASSWORD)
    assert client_address.get() is None
    assert audit_record(action=Action.EXPORT, actor=None).address is None


# --- Lockout --------------------------------------------------------------------------------


def test_an_account_is_locked_after_the_allowed_failures(alice, settings):
    """QUNYAN_LOCKOUT_ATTEMPTS failures lock the name; one fewer does not."""
    limit = settings.QUNYAN_LOCKOUT_ATTEMPTS
    for _ in range(limit - 1):
        attempt("alice", "wrong-password")
    assert not is_locked_out(username="alice", address=ADDRESS)
    attempt("alice", "wrong-password")
    assert is_locked_out(username="alice", address=ADDRESS)
    assert is_locked_out(username="alice", address="10.9.9.9")
    assert not is_locked_out(username="bob", address="10.9.9.9")


def test_the_number_of_attempts_is_a_setting(alice, settings):
    """A stricter office sets 2 attempts."""
    settings.QUNYAN_LOCKOUT_ATTEMPTS = 2
    attempt("alice", "wrong-password")
    attempt("alice", "wrong-password")
    assert is_locked_out(username="alice", address=ADDRESS)


def test_a_lockout_expires_after_the_window(alice, settings):
    """Locked within QUNYAN_LOCKOUT_MINUTES of the failures, free again after."""
    window = datetime.timedelta(minutes=settings.QUNYAN_LOCKOUT_MINUTES)
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(settings.QUNYAN_LOCKOUT_ATTEMPTS):
            attempt("alice", "wrong-password")
        clock.shift(window - datetime.timedelta(seconds=1))
        assert is_locked_out(username="alice", address=ADDRESS)
        clock.shift(datetime.timedelta(seconds=2))
        assert not is_locked_out(username="alice", address=ADDRESS)


def test_old_failures_do_not_add_up_with_new_ones(alice, settings):
    """Failures spread over more than the window never lock the account."""
    limit = settings.QUNYAN_LOCKOUT_ATTEMPTS
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(limit - 1):
            attempt("alice", "wrong-password")
        clock.shift(datetime.timedelta(minutes=settings.QUNYAN_LOCKOUT_MINUTES, seconds=1))
        attempt("alice", "wrong-password")
        assert not is_locked_out(username="alice", address=ADDRESS)


def test_a_successful_login_clears_earlier_failures(alice, settings):
    """Failures before a success do not count toward the next lockout."""
    limit = settings.QUNYAN_LOCKOUT_ATTEMPTS
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(limit - 1):
            attempt("alice", "wrong-password")
        clock.shift(datetime.timedelta(seconds=1))
        attempt("alice", PASSWORD)
        clock.shift(datetime.timedelta(seconds=1))
        attempt("alice", "wrong-password")
        assert not is_locked_out(username="alice", address=ADDRESS)


def test_an_address_trying_many_names_is_locked(db, settings):
    """Four times the limit of failures from one address, whatever names, locks the address."""
    names = [f"user{n}" for n in range(settings.QUNYAN_LOCKOUT_ATTEMPTS * 4)]
    for name in names[:-1]:
        attempt(name, "guess")
    assert not is_locked_out(username="newname", address=ADDRESS)
    attempt(names[-1], "guess")
    assert is_locked_out(username="newname", address=ADDRESS)
    assert not is_locked_out(username="newname", address="10.9.9.9")


def test_the_login_form_refuses_a_locked_out_account(alice, settings):
    """Even the right password does not get in while locked."""
    for _ in range(settings.QUNYAN_LOCKOUT_ATTEMPTS):
        attempt("alice", "wrong-password")
    request = RequestFactory().post("/login/", REMOTE_ADDR=ADDRESS)
    form = LoginForm(request, data={"username": "alice", "password": PASSWORD})
    assert not form.is_valid()
    assert form.has_error("__all__", code="locked_out")
