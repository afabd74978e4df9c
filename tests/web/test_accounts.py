"""Login protection and the separated administrators (三员分立)."""

import datetime
import os
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from qunyan.core.models import AuditEntry
from qunyan.core.roles import Role
from qunyan.core.tests.factories import PASSWORD

from .conftest import login


def _try(username: str, password: str, address: str = "10.0.0.1") -> int:
    response = Client(REMOTE_ADDR=address).post(
        reverse("core:login"), {"username": username, "password": password}
    )
    return response.status_code


def test_the_login_is_refused_after_repeated_failures_even_with_the_right_password(alice):
    """After QUNYAN_LOCKOUT_ATTEMPTS failures the account is locked for a while."""
    for _ in range(settings.QUNYAN_LOCKOUT_ATTEMPTS):
        assert _try("alice", "wrong-password") == 200
    assert _try("alice", PASSWORD) == 200  # the form again, with the lockout message
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN).exists()


def test_the_security_admin_unlocks_an_account(alice, secadmin):
    """An unlock by the security admin starts the failure count afresh."""
    for _ in range(settings.QUNYAN_LOCKOUT_ATTEMPTS):
        _try("alice", "wrong-password")
    login(secadmin).post(reverse("core:account-unlock", args=[alice.pk]))
    assert _try("alice", PASSWORD) == 302
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.UNLOCK, actor_name="secadmin"
    ).exists()


def test_failed_logins_are_audited_with_the_address(alice):
    """Each failure is an audit entry naming the account tried and the client address."""
    _try("alice", "nope", address="192.0.2.7")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED)
    assert (entry.target_repr, entry.address) == ("alice", "192.0.2.7")


def test_the_security_admin_assigns_roles_and_the_change_is_audited(alice, secadmin, tree):
    """Making the officer a village secretary needs a village as unit, and is logged."""
    client = login(secadmin)
    url = reverse("core:account-role", args=[alice.pk])
    response = client.post(
        url, {"role": Role.VILLAGE_SECRETARY, "unit": tree.yangjiaotang.pk, "is_active": "on"}
    )
    assert response.status_code == 200  # a town is not a village: refused
    alice.refresh_from_db()
    assert alice.role == Role.TOWN_OFFICER
    client.post(url, {"role": Role.VILLAGE_SECRETARY, "unit": tree.niupingao.pk, "is_active": "on"})
    alice.refresh_from_db()
    assert (alice.role, alice.unit) == (Role.VILLAGE_SECRETARY, tree.niupingao)
    entry = AuditEntry.objects.filter(
        action=AuditEntry.Action.UPDATE, target_type="core.Account"
    ).latest("id")
    assert entry.changes["role"] == [Role.TOWN_OFFICER, Role.VILLAGE_SECRETARY]


def test_the_system_admin_creates_accounts_but_cannot_assign_roles(sysadmin, alice, tree):
    """Creating accounts and assigning roles are separate duties."""
    client = login(sysadmin)
    response = client.post(
        reverse("core:account-create"),
        {
            "username": "erin",
            "role": Role.TOWN_LEADER,
            "unit": tree.yangjiaotang.pk,
            "password": "short",
        },
    )
    assert response.status_code == 200  # the password rules apply
    response = client.post(
        reverse("core:account-create"),
        {
            "username": "erin",
            "role": Role.TOWN_LEADER,
            "unit": tree.yangjiaotang.pk,
            "password": "Erin#Leader2024",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("core:account-role", args=[alice.pk])).status_code == 403


def test_sessions_end_after_the_idle_timeout(alice):
    """Half an hour idle ends a session; using it renews it, written at most once a minute."""
    from django.contrib.sessions.models import Session

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = login(alice)
        assert client.get(reverse("people:person-list")).status_code == 200
        key = client.session.session_key

        def expires() -> datetime.datetime:
            return Session.objects.get(session_key=key).expire_date

        first = expires()
        clock.shift(datetime.timedelta(seconds=30))
        assert client.get(reverse("people:person-list")).status_code == 200
        assert expires() == first  # not written again within the minute
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get(reverse("people:person-list")).status_code == 200
        assert expires() == start + datetime.timedelta(minutes=29, seconds=30 + 30 * 60)
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get(reverse("people:person-list"))
        assert response.status_code == 302 and reverse("core:login") in response["Location"]


def test_passwords_are_hashed_with_argon2_in_real_settings():
    """The base settings put Argon2 first (tests swap in a fast hasher)."""
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.parametrize(
    "deployment",
    [
        {},
        # Several app servers: pooled PostgreSQL, shared Redis, the background import queue on.
        {
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
            "REDIS_URL": "redis://127.0.0.1:6379/15",
            "QUNYAN_TASKS_BACKEND": "immediate",
            "QUNYAN_BACKGROUND_IMPORT": "1",
        },
    ],
    ids=["one-server", "pooled-redis"],
)
def test_the_production_settings_pass_the_deploy_checks(deployment):
    """`check --deploy` finds nothing with the production settings."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "x" * 60 + "-production-grade-secret-0123456789",
        **deployment,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by browser tests; refused in deployment
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
