import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from .context import client_address


class ClientAddressMiddleware:
    """Remember the client's address so services can write it into audit entries."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = client_address.set(request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            client_address.reset(token)


class SessionRefreshMiddleware:
    """Keep a session alive while it is used: its idle timeout (SESSION_COOKIE_AGE) starts
    again at the next request, written at most once a minute.

    Django's SESSION_SAVE_EVERY_REQUEST wrote the session to the database on every request, a
    transaction per page view; the timeout is now 29 to 30 idle minutes instead of 30.
    """

    REFRESH_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty() and response.status_code < 500:
            now = int(time.time())
            if now - session.get("refreshed_at", 0) >= self.REFRESH_SECONDS:
                session["refreshed_at"] = now  # modified: SessionMiddleware saves it
        return response


class LoginPolicyMiddleware:
    """Before anything else: the second factor (when enrolled or required) and a fresh password.

    Runs after django-otp's middleware, which gives `request.user.is_verified()`.
    """

    # What a half-logged-in account may still reach.
    OPEN = frozenset(
        {
            "core:logout",
            "core:login",
            "core:password-change",
            "core:two-factor",
            "core:two-factor-verify",
            "set_language",
        }
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and self._guarded(request):
            from django_otp import user_has_device

            from .twofactor import password_expired, second_factor_required

            # is_verified is put on the user by django-otp's middleware.
            if not user.is_verified():  # type: ignore[attr-defined]
                if user_has_device(user, confirmed=True):
                    return self._to("core:two-factor-verify", request)
                if second_factor_required(user):
                    return self._to("core:two-factor", request)
            if password_expired(user):
                messages.warning(
                    request,
                    _("Your password is older than %(days)d days; change it to go on.")
                    % {"days": settings.QUNYAN_PASSWORD_MAX_AGE_DAYS},
                )
                return redirect("core:password-change")
        return self.get_response(request)

    def _guarded(self, request: HttpRequest) -> bool:
        if request.path_info.startswith(("/static/", "/api/v1/")):
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name not in self.OPEN

    @staticmethod
    def _to(view_name: str, request: HttpRequest) -> HttpResponse:
        return redirect(f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}")
