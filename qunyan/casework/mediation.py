"""Writes to mediation cases: receipt, parties, steps, closing and the follow-up visit."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.core.versions import require_unchanged
from qunyan.people.models import Person

from .models import MediationCase, MediationParty, MediationStep, mask_name
from .services import where_errors
from .workflow import case_errors, close_errors, step_errors


@dataclass
class CaseData:
    village: OrgUnit
    title: str
    case_type: str
    received_on: datetime.date
    description: str = ""
    group: OrgUnit | None = None


def _check_case(case: MediationCase | None, scope: Scope) -> None:
    scope.require(Capability.RECORD_SERVICE)
    if case is not None and not scope.contains(case.village):
        raise ValidationError(_("This case is outside your area."))


@transaction.atomic
def case_save(
    *,
    data: CaseData,
    mediators: Sequence[Person],
    parties: Sequence[tuple[str, str]] = (),
    by: Account | None,
    scope: Scope,
    case: MediationCase | None = None,
    version: str = "",
) -> MediationCase:
    """Record a case received (with its parties), or correct what was recorded.

    `version`: the case as the editor opened it (optimistic locking, core/versions.py).
    """
    _check_case(case, scope)
    if case is not None:
        require_unchanged(case, version)
    errors = where_errors(
        village=data.village, group=data.group, people=mediators, scope=scope, field="mediators"
    )
    errors.update(case_errors(received_on=data.received_on, today=timezone.localdate()))
    if case is not None and case.closed_on and data.received_on > case.closed_on:
        errors["received_on"] = [_("A case is received before it is closed.")]
    if not data.title.strip():
        errors["title"] = [_("Say what the dispute is about.")]
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {
        "village": data.village,
        "group": data.group,
        "title": data.title.strip(),
        "case_type": data.case_type,
        "received_on": data.received_on,
        "description": data.description.strip(),
    }
    names = sorted(person.name for person in mediators)
    if case is None:
        case = MediationCase.objects.create(recorded_by=by, **values)
        case.mediators.set(mediators)
        for name, phone in parties:
            MediationParty.objects.create(case=case, name=name.strip(), phone=phone.strip())
        audit_record(
            action=Action.CREATE,
            actor=by,
            target=case,
            changes={
                **diff_fields({}, values),
                "mediators": [None, "、".join(names)],
                # Parties are personal data: the log keeps them masked, like ID numbers.
                "parties": [None, "、".join(mask_name(name) for name, _phone in parties)],
            },
        )
        return case
    old_names = sorted(person.name for person in case.mediators.all())
    changes = diff_fields({name: getattr(case, name) for name in values}, values)
    if old_names != names:
        changes["mediators"] = ["、".join(old_names), "、".join(names)]
    if changes:
        for name, value in values.items():
            setattr(case, name, value)
        case.save()
        case.mediators.set(mediators)
        audit_record(action=Action.UPDATE, actor=by, target=case, changes=changes)
    return case


@transaction.atomic
def party_add(
    *, case: MediationCase, name: str, phone: str = "", by: Account | None, scope: Scope
) -> MediationParty:
    _check_case(case, scope)
    if not name.strip():
        raise ValidationError({"name": [_("Give the party's name.")]})
    party = MediationParty.objects.create(case=case, name=name.strip(), phone=phone.strip())
    audit_record(
        action=Action.UPDATE,
        actor=by,
        target=case,
        changes={"parties": [None, party.masked_name]},
    )
    return party


@transaction.atomic
def party_remove(*, party: MediationParty, by: Account | None, scope: Scope) -> None:
    _check_case(party.case, scope)
    audit_record(
        action=Action.UPDATE,
        actor=by,
        target=party.case,
        changes={"parties": [party.masked_name, None]},
    )
    party.delete()


@transaction.atomic
def step_add(
    *, case: MediationCase, date: datetime.date, action: str, by: Account | None, scope: Scope
) -> MediationStep:
    """Add a step taken on the case to its log."""
    _check_case(case, scope)
    errors = step_errors(date=date, received_on=case.received_on, today=timezone.localdate())
    if not action.strip():
        errors["action"] = [_("Say what was done.")]
    if errors:
        raise ValidationError(errors)
    step = MediationStep.objects.create(case=case, date=date, action=action.strip(), recorded_by=by)
    audit_record(
        action=Action.UPDATE,
        actor=by,
        target=case,
        changes={"steps": [None, f"{date} {step.action}"]},
    )
    return step


@transaction.atomic
def case_close(
    *,
    case: MediationCase,
    result: str,
    closed_on: datetime.date | None,
    agreement: str = "",
    follow_up_on: datetime.date | None = None,
    by: Account | None,
    scope: Scope,
) -> MediationCase:
    """Record how the case ended (or correct it), and when to visit the parties again."""
    _check_case(case, scope)
    errors = close_errors(
        received_on=case.received_on,
        result=result,
        closed_on=closed_on,
        follow_up_on=follow_up_on,
        today=timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)
    values = {
        "result": result,
        "closed_on": closed_on,
        "agreement": agreement.strip(),
        "follow_up_on": follow_up_on,
    }
    changes = diff_fields({name: getattr(case, name) for name in values}, values)
    if changes:
        for name, value in values.items():
            setattr(case, name, value)
        case.save()
        audit_record(action=Action.UPDATE, actor=by, target=case, changes=changes)
    return case


@transaction.atomic
def follow_up_record(
    *, case: MediationCase, on: datetime.date, note: str, by: Account | None, scope: Scope
) -> MediationCase:
    """Record the follow-up visit made to the parties after the case was closed."""
    _check_case(case, scope)
    if case.closed_on is None:
        raise ValidationError({"on": [_("Close the case before the follow-up visit.")]})
    if on < case.closed_on or on > timezone.localdate():
        raise ValidationError({"on": [_("The visit is made between the closing day and today.")]})
    values: dict[str, Any] = {"follow_up_done_on": on, "follow_up_note": note.strip()}
    changes = diff_fields({name: getattr(case, name) for name in values}, values)
    if changes:
        case.follow_up_done_on, case.follow_up_note = on, values["follow_up_note"]
        case.save()
        audit_record(action=Action.UPDATE, actor=by, target=case, changes=changes)
    return case


@transaction.atomic
def case_delete(*, case: MediationCase, by: Account | None, scope: Scope) -> None:
    from .attachments import attachment_delete, attachments_of

    _check_case(case, scope)
    for attachment in attachments_of(case):
        attachment_delete(attachment=attachment, by=by, scope=scope)
    audit_record(action=Action.DELETE, actor=by, target=case)
    case.delete()
