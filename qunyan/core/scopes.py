"""Data scopes: the one place that decides which org units an account may see.

Every selector, view, export, statistic and API narrows its querysets through a Scope, so a
new view cannot forget the rule. An account sees its unit's subtree; roles without personal-data
access (system admin, security admin, auditor) see no units at all.
"""

from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

from .models import Account, OrgUnit
from .roles import Capability

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Scope:
    # None means unrestricted (management commands run by the operator); () means nothing.
    root_paths: tuple[str, ...] | None
    account: Account | None = None

    @classmethod
    def for_account(cls, account: Account) -> "Scope":
        if not account.is_authenticated or not account.can(Capability.VIEW_PEOPLE):
            return cls(root_paths=(), account=account)
        if account.unit is None:
            return cls(root_paths=(), account=account)
        return cls(root_paths=(account.unit.path,), account=account)

    @classmethod
    def unrestricted(cls) -> "Scope":
        return cls(root_paths=None)

    @property
    def is_unrestricted(self) -> bool:
        return self.root_paths is None

    def filter(
        self, queryset: "models.QuerySet[M]", unit_field: str = "unit"
    ) -> "models.QuerySet[M]":
        """Narrow a queryset to rows whose unit (reached through `unit_field`) is in scope."""
        if self.root_paths is None:
            return queryset
        if not self.root_paths:
            return queryset.none()
        prefix = f"{unit_field}__path__startswith" if unit_field else "path__startswith"
        condition = Q()
        for path in self.root_paths:
            condition |= Q(**{prefix: path})
        return queryset.filter(condition)

    def units(self) -> "models.QuerySet[OrgUnit]":
        return self.filter(OrgUnit.objects.all(), unit_field="")

    def towns(self) -> "models.QuerySet[OrgUnit]":
        """Towns the account works in: those inside its subtree, or the town above its village."""
        towns = self.units().filter(kind=OrgUnit.Kind.TOWN)
        if self.account is not None and self.account.unit is not None and self.root_paths:
            unit = self.account.unit
            if unit.kind not in (OrgUnit.Kind.COUNTY, OrgUnit.Kind.TOWN) and unit.town_id:
                return OrgUnit.objects.filter(pk=unit.town_id)
        return towns

    def contains(self, unit: OrgUnit | None) -> bool:
        if self.root_paths is None:
            return True
        if unit is None:
            return False
        return any(unit.path.startswith(path) for path in self.root_paths)

    def require(self, capability: str) -> None:
        """Raise PermissionDenied unless the acting account has the capability."""
        if self.account is None:
            return
        if not self.account.can(capability):
            raise PermissionDenied

    def can(self, capability: str) -> bool:
        return self.account is None or self.account.can(capability)
