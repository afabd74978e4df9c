from collections.abc import Collection

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import ROLE_UNIT_KINDS, Role, role_can


class OrgUnit(models.Model):
    """A node of the org tree: county → town → village/community → villager group."""

    class Kind(models.TextChoices):
        COUNTY = "county", _("County")
        TOWN = "town", _("Town")
        VILLAGE = "village", _("Village")
        COMMUNITY = "community", _("Community")
        GROUP = "group", _("Villager group")

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Materialised path ("/3/17/") so a subtree is one indexed prefix match.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    town = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="orgunit_unique_name_in_parent"
            ),
        ]
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_village_unit(self) -> bool:
        return self.kind in (self.Kind.VILLAGE, self.Kind.COMMUNITY)

    def contains(self, other: "OrgUnit") -> bool:
        return other.path.startswith(self.path)


VILLAGE_KINDS = (OrgUnit.Kind.VILLAGE, OrgUnit.Kind.COMMUNITY)

# The towns a selector reads: one (`[town]`), a county's or a province's, or a queryset of them;
# figures are grouped by town in one query however many there are.
Towns = Collection[OrgUnit] | models.QuerySet[OrgUnit]


class Account(AbstractUser):
    """A login. What it may do comes from its role, what it may see from its unit."""

    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    unit = models.ForeignKey(
        OrgUnit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
        verbose_name=_("unit"),
    )
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    # Null for accounts made before the password's age was kept: they are not forced to change.
    password_changed_at = models.DateTimeField(_("password changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self) -> None:
        kinds = ROLE_UNIT_KINDS.get(self.role)
        if kinds and (self.unit is None or self.unit.kind not in kinds):
            raise ValidationError({"unit": _("This role needs a unit of the right kind.")})

    def can(self, capability: str) -> bool:
        return self.is_active and role_can(self.role, capability)

    def set_password(self, raw_password: str | None) -> None:
        # Every way a password is set (account creation, change, reset) starts its age afresh.
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One thing that happened: append-only (a PostgreSQL trigger refuses changes as well)."""

    class Action(models.TextChoices):
        CREATE = "create", _("Create")
        UPDATE = "update", _("Update")
        DELETE = "delete", _("Delete")
        LOGIN = "login", _("Log in")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGOUT = "logout", _("Log out")
        IMPORT = "import", _("Import")
        IMPORT_FAILED = "import_failed", _("Failed import")
        EXPORT = "export", _("Export")
        REVEAL = "reveal", _("Reveal")
        UNLOCK = "unlock", _("Unlock")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # PROTECT: an account with history is deactivated, never deleted (the log cannot change).
    actor = models.ForeignKey(
        Account,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    target_type = models.CharField(_("record type"), max_length=60, blank=True)
    target_id = models.CharField(_("record"), max_length=40, blank=True)
    target_repr = models.CharField(_("description"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        # action: a plain b-tree (no pattern-ops twin on PostgreSQL; filters are by equality).
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["action"], name="audit_action_index"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_repr}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")
