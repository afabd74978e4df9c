"""Bearer-token authentication: the token stands for its account, with the account's scope."""

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from qunyan.core.models import Account

from .models import ApiToken
from .services import token_digest


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Account | None:
        found = (
            ApiToken.objects.select_related("account__unit")
            .filter(digest=token_digest(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not found.account.is_active:
            return None
        now = timezone.now()
        # One write a minute at most: the time is for the owner, not an access log.
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.account
        return found.account
