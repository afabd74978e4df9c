"""Personal API tokens: what a program shows instead of a password."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import Account


class ApiToken(models.Model):
    """A bearer token of one account; only its SHA-256 is stored, the clear value is shown once."""

    account = models.ForeignKey(
        Account, models.CASCADE, related_name="api_tokens", verbose_name=_("account")
    )
    name = models.CharField(_("name"), max_length=60)
    # The first characters, so that a user can tell tokens apart without the secret.
    prefix = models.CharField(_("prefix"), max_length=12)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
