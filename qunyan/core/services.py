"""Writes for org units and accounts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .audit import Action, audit_record, diff_fields
from .models import Account, OrgUnit
from .roles import Capability
from .scopes import Scope

_CHILD_KINDS: dict[str | None, tuple[str, ...]] = {
    None: (OrgUnit.Kind.COUNTY, OrgUnit.Kind.TOWN),
    OrgUnit.Kind.COUNTY: (OrgUnit.Kind.TOWN,),
    OrgUnit.Kind.TOWN: (OrgUnit.Kind.VILLAGE, OrgUnit.Kind.COMMUNITY),
    OrgUnit.Kind.VILLAGE: (OrgUnit.Kind.GROUP,),
    OrgUnit.Kind.COMMUNITY: (OrgUnit.Kind.GROUP,),
}


def _validate_unit(
    *, name: str, kind: str, parent: OrgUnit | None, scope: Scope, unit: OrgUnit | None = None
) -> None:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("A name is required.")]
    elif len(name) > 60:
        errors["name"] = [_("A name has at most 60 characters.")]
    allowed = _CHILD_KINDS.get(parent.kind if parent else None, ())
    if kind not in allowed:
        errors["kind"] = [_("This kind of unit cannot be placed there.")]
    target = parent if unit is None else unit
    outside = not scope.is_unrestricted if target is None else not scope.contains(target)
    if outside:
        errors["parent"] = [_("This unit is outside your area.")]
    clash = OrgUnit.objects.filter(parent=parent, name=name.strip())
    if unit is not None:
        clash = clash.exclude(pk=unit.pk)
    if clash.exists():
        errors["name"] = [_("A unit with this name already exists here.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def orgunit_create(
    *, name: str, kind: str, parent: OrgUnit | None, by: Account | None, scope: Scope
) -> OrgUnit:
    """Create a unit below `parent` (None for a top-level county or town)."""
    scope.require(Capability.CHANGE_UNITS)
    _validate_unit(name=name, kind=kind, parent=parent, scope=scope)
    unit = OrgUnit.objects.create(name=name.strip(), kind=kind, parent=parent)
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    if kind == OrgUnit.Kind.TOWN:
        unit.town = unit
    elif parent is not None:
        unit.town_id = parent.town_id
    unit.save(update_fields=["path", "town"])
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=unit,
        changes={"name": [None, unit.name], "kind": [None, unit.kind]},
    )
    return unit


@transaction.atomic
def orgunit_update(
    *, unit: OrgUnit, name: str, kind: str, by: Account | None, scope: Scope
) -> OrgUnit:
    """Rename a unit or change between village and community."""
    scope.require(Capability.CHANGE_UNITS)
    _validate_unit(name=name, kind=kind, parent=unit.parent, scope=scope, unit=unit)
    changes = diff_fields(
        {"name": unit.name, "kind": unit.kind}, {"name": name.strip(), "kind": kind}
    )
    if changes:
        unit.name, unit.kind = name.strip(), kind
        unit.save(update_fields=["name", "kind", "updated_at"])
        audit_record(action=Action.UPDATE, actor=by, target=unit, changes=changes)
    return unit


@transaction.atomic
def account_create(
    *,
    username: str,
    password: str,
    role: str,
    unit: OrgUnit | None,
    display_name: str = "",
    by: Account | None,
) -> Account:
    """Create a login after checking the password rules and the role's unit."""
    from django.contrib.auth.password_validation import validate_password

    account = Account(username=username, role=role, unit=unit, display_name=display_name)
    account.full_clean(exclude=["password"])
    try:
        validate_password(password, account)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    account.set_password(password)
    account.save()
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=account,
        changes={"role": [None, role], "unit": [None, str(unit) if unit else ""]},
    )
    return account


@transaction.atomic
def account_update(
    *, account: Account, role: str, unit: OrgUnit | None, is_active: bool, by: Account | None
) -> Account:
    """Change an account's role, unit or active flag (the security admin's work)."""
    before = {"role": account.role, "unit": str(account.unit or ""), "is_active": account.is_active}
    account.role, account.unit, account.is_active = role, unit, is_active
    account.full_clean(exclude=["password"])
    changes = diff_fields(before, {"role": role, "unit": str(unit or ""), "is_active": is_active})
    if changes:
        account.save(update_fields=["role", "unit", "is_active"])
        audit_record(action=Action.UPDATE, actor=by, target=account, changes=changes)
    return account


def account_unlock(*, account: Account, by: Account | None) -> None:
    """Lift a lockout after failed logins; the audit entry itself resets the count."""
    audit_record(action=Action.UNLOCK, actor=by, target=account, target_repr=account.username)
