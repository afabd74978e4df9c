"""Issuing and revoking API tokens (audited like every other write)."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_record
from qunyan.core.models import Account

from .models import ApiToken

PREFIX = "qy_"
MAX_ACTIVE = 5


def token_digest(clear: str) -> str:
    return hashlib.sha256(clear.encode()).hexdigest()


@transaction.atomic
def token_issue(*, account: Account, name: str) -> tuple[ApiToken, str]:
    """A new token for the account and its clear value (never stored, shown once)."""
    name = name.strip()
    if not name:
        raise ValidationError(
            {"name": _("Give the token a name, such as the program that uses it.")}
        )
    active = ApiToken.objects.filter(account=account, revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE:
        raise ValidationError(
            _("An account may hold at most %(count)d active tokens; revoke one first.")
            % {"count": MAX_ACTIVE}
        )
    clear = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        account=account, name=name[:60], prefix=clear[:10], digest=token_digest(clear)
    )
    audit_record(action=Action.CREATE, actor=account, target=token)
    return token, clear


@transaction.atomic
def token_revoke(*, token: ApiToken, by: Account) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(action=Action.DELETE, actor=by, target=token, note="revoked")
