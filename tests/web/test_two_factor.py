"""The login policy: a second factor (TOTP) for the admin roles, and the password's age."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from qunyan.core.models import AuditEntry
from qunyan.core.tests.factories import PASSWORD

from .conftest import login


@pytest.fixture
def admin_roles_need_a_second_factor(settings):
    settings.QUNYAN_TOTP_REQUIRED_ROLES = ["system_admin", "security_admin", "auditor"]


def code(device: TOTPDevice, *, later: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=later):06d}"


def test_an_admin_without_a_second_factor_is_sent_to_set_it_up_first(
    admin_roles_need_a_second_factor, sysadmin
):
    client = login(sysadmin)
    response = client.get(reverse("core:account-list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("core:two-factor"))
    page = client.get(response.url)
    assert page.status_code == 200 and b"data:image/svg+xml" in page.content


def test_enrolment_needs_a_right_code_and_then_opens_the_pages(
    admin_roles_need_a_second_factor, sysadmin
):
    client = login(sysadmin)
    client.get(reverse("core:two-factor"))
    device = TOTPDevice.objects.get(user=sysadmin)
    wrong = client.post(
        reverse("core:two-factor"), {"code": "000000" if code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    # django-otp backs off after a failure (1 s, then 2, 4 …): the next try comes later.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=3), tick=False):
        device.refresh_from_db()
        done = client.post(reverse("core:two-factor"), {"code": code(device), "next": "/accounts/"})
    assert done.status_code == 302 and done.url == "/accounts/"
    assert client.get(reverse("core:account-list")).status_code == 200
    assert AuditEntry.objects.filter(note="two-factor on", target_repr=str(sysadmin)).exists()


def test_an_enrolled_account_gives_a_code_at_every_login(alice):
    device = TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)
    client = login(alice)
    response = client.get(reverse("people:person-list"))
    assert response.url.startswith(reverse("core:two-factor-verify"))
    refused = client.post(reverse("core:two-factor-verify"), {"code": "12345"})
    assert refused.status_code == 200
    assert client.get(reverse("people:person-list")).status_code == 302
    client.post(reverse("core:two-factor-verify"), {"code": code(device)})
    assert client.get(reverse("people:person-list")).status_code == 200


def test_a_wrong_second_factor_is_logged_as_a_failed_login(alice):
    device = TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)
    client = login(alice)
    bad = "000000" if code(device) != "000000" else "111111"
    client.post(reverse("core:two-factor-verify"), {"code": bad})
    failed = AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED, target_repr="alice")
    assert failed.filter(note="second factor").count() == 1


def test_other_roles_go_on_without_a_second_factor(admin_roles_need_a_second_factor, alice):
    assert login(alice).get(reverse("people:person-list")).status_code == 200


def age_password(account, days: int) -> None:
    """Make the account's password `days` old (moving the clock would end the session too)."""
    type(account).objects.filter(pk=account.pk).update(
        password_changed_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_a_password_older_than_the_limit_must_be_changed_first(settings, alice):
    settings.QUNYAN_PASSWORD_MAX_AGE_DAYS = 90
    client = login(alice)
    age_password(alice, 89)
    assert client.get(reverse("people:person-list")).status_code == 200
    age_password(alice, 91)
    response = client.get(reverse("people:person-list"))
    assert response.status_code == 302 and response.url == reverse("core:password-change")
    assert client.get(reverse("core:password-change")).status_code == 200
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        client.post(
            reverse("core:password-change"),
            {
                "old_password": PASSWORD,
                "new_password1": "Fresh-Pass#2027",
                "new_password2": "Fresh-Pass#2027",
            },
        )
    alice.refresh_from_db()
    assert alice.password_changed_at == now
    assert client.get(reverse("people:person-list")).status_code == 200


def test_the_age_limit_can_be_switched_off(settings, alice):
    settings.QUNYAN_PASSWORD_MAX_AGE_DAYS = 0
    client = login(alice)
    age_password(alice, 400)
    assert client.get(reverse("people:person-list")).status_code == 200
