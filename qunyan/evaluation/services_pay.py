"""Writes to pay standards, the subsidy rule table, subsidy stops and the monthly ledger."""

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_bulk, audit_entry, audit_record, diff_fields
from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.people.models import Person

from .choices import DISQUALIFIER_KINDS, StopKind
from .models import CadreStop, PayStandard, SubsidyPayment, SubsidyRule
from .subsidies import departed_cadres


def _manage(unit: OrgUnit, scope: Scope) -> None:
    scope.require(Capability.MANAGE_EVALUATION)
    if not scope.contains(unit):
        raise ValidationError(_("This unit is outside your area."))


@transaction.atomic
def pay_standard_save(
    *,
    town: OrgUnit,
    year: int,
    post: str,
    base_monthly: Decimal,
    bonus_base: Decimal,
    by: Account | None,
    scope: Scope,
) -> PayStandard:
    """Set a post's base pay and bonus base for a town and year."""
    _manage(town, scope)
    post = post.strip()
    errors: dict[str, list[str]] = {}
    if not post:
        errors["post"] = [_("This field is required.")]
    for name, value in (("base_monthly", base_monthly), ("bonus_base", bonus_base)):
        if value < 0:
            errors[name] = [_("An amount cannot be negative.")]
    if errors:
        raise ValidationError(errors)
    values = {"base_monthly": base_monthly, "bonus_base": bonus_base}
    standard = PayStandard.objects.filter(town=town, year=year, post=post).first()
    if standard is None:
        standard = PayStandard.objects.create(town=town, year=year, post=post, **values)
        audit_record(
            action=Action.CREATE,
            actor=by,
            target=standard,
            changes=diff_fields({}, {"post": post, **values}),
        )
        return standard
    changes = diff_fields({k: getattr(standard, k) for k in values}, values)
    if changes:
        for name, value in values.items():
            setattr(standard, name, value)
        standard.save()
        audit_record(action=Action.UPDATE, actor=by, target=standard, changes=changes)
    return standard


@transaction.atomic
def pay_standard_delete(*, standard: PayStandard, by: Account | None, scope: Scope) -> None:
    _manage(standard.town, scope)
    audit_record(action=Action.DELETE, actor=by, target=standard)
    standard.delete()


@transaction.atomic
def subsidy_rule_save(
    *,
    unit: OrgUnit,
    eligible_posts: Sequence[str],
    min_years: int,
    male_age: int,
    female_age: int,
    disqualifiers: Sequence[str],
    tiers: Sequence[tuple[int, Decimal]],
    by: Account | None,
    scope: Scope,
) -> SubsidyRule:
    """Save a town's or county's rule table (a town's own table wins over its county's)."""
    _manage(unit, scope)
    errors: dict[str, list[str]] = {}
    if unit.kind not in (OrgUnit.Kind.TOWN, OrgUnit.Kind.COUNTY):
        errors["__all__"] = [_("Only a town or a county keeps a rule table.")]
    posts = [p.strip() for p in eligible_posts if p.strip()]
    if not posts:
        errors["eligible_posts"] = [_("Name at least one eligible post.")]
    if set(disqualifiers) - set(DISQUALIFIER_KINDS):
        errors["disqualifiers"] = [_("Unknown disqualifier.")]
    if not tiers:
        errors["tiers"] = [_("Give at least one tier: years served and yuan per month.")]
    elif any(years < 0 or amount <= 0 for years, amount in tiers):
        errors["tiers"] = [_("Years cannot be negative and amounts must be positive.")]
    elif len({years for years, _amount in tiers}) != len(tiers):
        errors["tiers"] = [_("Each tier starts at a different number of years.")]
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {
        "eligible_posts": posts,
        "min_years": min_years,
        "male_age": male_age,
        "female_age": female_age,
        "disqualifiers": [k for k in DISQUALIFIER_KINDS if k in set(disqualifiers)],
        "tiers": [[years, str(amount)] for years, amount in sorted(tiers)],
    }
    table = SubsidyRule.objects.filter(unit=unit).first()
    if table is None:
        table = SubsidyRule.objects.create(unit=unit, **values)
        audit_record(action=Action.CREATE, actor=by, target=table, changes=diff_fields({}, values))
        return table
    changes = diff_fields({k: getattr(table, k) for k in values}, values)
    if changes:
        for name, value in values.items():
            setattr(table, name, value)
        table.save()
        audit_record(action=Action.UPDATE, actor=by, target=table, changes=changes)
    return table


@transaction.atomic
def cadre_stop_add(
    *, person: Person, kind: str, on: datetime.date, note: str, by: Account | None, scope: Scope
) -> CadreStop:
    """Record a death or a disqualifying event; the ledger stops from the next month it covers."""
    _manage(person.unit, scope)
    StopKind(kind)
    if CadreStop.objects.filter(person=person, kind=kind).exists():
        raise ValidationError({"kind": [_("This event is already recorded for this person.")]})
    stop = CadreStop.objects.create(person=person, kind=kind, on=on, note=note.strip())
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=stop,
        changes=diff_fields({}, {"kind": kind, "on": on, "note": stop.note}),
    )
    return stop


@transaction.atomic
def cadre_stop_delete(*, stop: CadreStop, by: Account | None, scope: Scope) -> None:
    _manage(stop.person.unit, scope)
    audit_record(action=Action.DELETE, actor=by, target=stop)
    stop.delete()


@transaction.atomic
def ledger_generate(
    *, town: OrgUnit, month: datetime.date, by: Account | None, scope: Scope
) -> int:
    """Write the month's payments for everyone payable on its first day; the count added.

    Running it again adds only who is missing, so a month can be completed after a correction.
    """
    _manage(town, scope)
    first = month.replace(day=1)
    paid = set(SubsidyPayment.objects.filter(month=first).values_list("person_id", flat=True))
    payments = [
        SubsidyPayment(
            person=entry.person,
            town=town,
            month=first,
            amount=entry.amount,
            years_served=entry.years,
        )
        for entry in departed_cadres(town)
        if entry.payable_on(first) and entry.person.pk not in paid and entry.amount is not None
    ]
    SubsidyPayment.objects.bulk_create(payments)
    made = SubsidyPayment.objects.filter(
        month=first, town=town, person__in=[p.person for p in payments]
    )
    audit_bulk(
        audit_entry(
            action=Action.CREATE,
            actor=by,
            target=payment,
            target_repr=f"{first:%Y-%m} {payment.person.name}",
            changes={"amount": [None, str(payment.amount)]},
        )
        for payment in made.select_related("person")
    )
    return len(payments)
