"""The second factor (TOTP, django-otp) and the password's age: what a login must pass.

Accounts of the roles in QUNYAN_TOTP_REQUIRED_ROLES (the separated admin roles by default) must
enrol an authenticator app before they do anything else; any other account may enrol, and once
enrolled is asked for a code at every login. A password older than QUNYAN_PASSWORD_MAX_AGE_DAYS
must be changed first.
"""

import base64
import datetime

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from .access import account_of
from .audit import Action, audit_record
from .models import Account


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Code from the authenticator app"),
        regex=r"^\d{6}$",
        error_messages={"invalid": gettext_lazy("Enter the 6 digits the app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def second_factor_required(account: Account) -> bool:
    return account.role in settings.QUNYAN_TOTP_REQUIRED_ROLES


def password_expired(account: Account, *, now: datetime.datetime | None = None) -> bool:
    days = settings.QUNYAN_PASSWORD_MAX_AGE_DAYS
    if not days or account.password_changed_at is None:
        return False
    return (now or timezone.now()) - account.password_changed_at > datetime.timedelta(days=days)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if safe else "/"


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Ask an enrolled account for the current code after the password."""
    account = account_of(request)
    device = TOTPDevice.objects.devices_for_user(account, confirmed=True).first()
    if device is None:
        return redirect("core:two-factor")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # verify_token throttles repeated failures itself (django-otp's back-off).
        if device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_next(request))
        audit_record(
            action=Action.LOGIN_FAILED,
            actor=account,
            target_repr=account.username,
            note="second factor",
        )
        form.add_error("code", _("The code is wrong or has expired."))
    return render(request, "core/twofactor_verify.html", {"form": form, "next": _next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Pair an authenticator app: scan the QR code, confirm with one code."""
    account = account_of(request)
    if user_has_device(account, confirmed=True):
        messages.info(request, _("Two-factor login is already on for this account."))
        return redirect("core:home")
    device, _created = TOTPDevice.objects.get_or_create(
        user=account, confirmed=False, defaults={"name": "authenticator"}
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_record(action=Action.UPDATE, actor=account, target=account, note="two-factor on")
            messages.success(request, _("Two-factor login is on."))
            return redirect(_next(request))
        form.add_error("code", _("The code is wrong or has expired."))
    context = {
        "form": form,
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
        # Base32, as authenticator apps take a key typed by hand.
        "secret": base64.b32encode(device.bin_key).decode(),
        "required": second_factor_required(account),
        "next": _next(request),
    }
    return render(request, "core/twofactor_enrol.html", context)
