"""Writes to the reserve pool: stays and their life cycle, surveys and the work list."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_bulk, audit_entry, audit_record
from qunyan.core.models import Account
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.people.models import Person
from qunyan.people.services import person_names

from .choices import Stage
from .models import Reserve, StageChange
from .workflow import ENDED, IN_POOL, move_error, stage_for_dates


def reserves_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update pool stays keyed by (person, entry date), as the 后备力量 sheet gives them.

    The sheet knows entry and exit only, so each stay's history gets the matching changes
    (储备 on entry, 使用 or 退出 on exit) where they are missing.
    """
    names = person_names(record["person_id"] for record in records)
    rows = [
        {**record, "stage": stage_for_dates(record["left_on"], record["leave_reason"])}
        for record in records
    ]
    counts = records_upsert(
        Reserve,
        key=("person_id", "entered_on"),
        rows=rows,
        by=by,
        describe=lambda stay: f"{names[stay.person_id]} ({stay.entered_on})",
    )
    _complete_history(rows, by=by)
    return counts


def _complete_history(rows: Sequence[dict[str, Any]], *, by: Account | None) -> None:
    stays = {
        (stay.person_id, stay.entered_on): stay
        for stay in Reserve.objects.filter(person_id__in={row["person_id"] for row in rows})
    }
    existing = set(
        StageChange.objects.filter(reserve__in=stays.values()).values_list(
            "reserve_id", "stage", "on"
        )
    )
    missing: list[StageChange] = []
    for row in rows:
        stay = stays[(row["person_id"], row["entered_on"])]
        wanted = [(Stage.RESERVED.value, row["entered_on"], "")]
        if row["left_on"] is not None:
            wanted.append((row["stage"], row["left_on"], row["leave_reason"]))
        for stage, on, reason in wanted:
            if (stay.pk, stage, on) not in existing:
                missing.append(StageChange(reserve=stay, stage=stage, on=on, reason=reason, by=by))
                existing.add((stay.pk, stage, on))
    StageChange.objects.bulk_create(missing, batch_size=1000)


@transaction.atomic
def reserve_add(
    *,
    person: Person,
    stage: str,
    on: datetime.date,
    source_category: str,
    reserved_for: str,
    recommended_by: str = "",
    recommendation: str = "",
    by: Account | None,
    scope: Scope,
) -> Reserve:
    """Start a stay for a person: surveyed (摸排) or straight into the pool (储备)."""
    scope.require(Capability.MANAGE_RESERVES)
    errors: dict[str, list[str]] = {}
    if not scope.contains(person.unit):
        errors["person"] = [_("This person is outside your area.")]
    problem = move_error(None, stage, since=None, on=on)
    if problem:
        errors["stage"] = [problem]
    if Reserve.objects.filter(person=person).exclude(stage__in=ENDED).exists():
        errors.setdefault("person", []).append(_("This person already has an open stay."))
    if Reserve.objects.filter(person=person, entered_on=on).exists():
        errors.setdefault("on", []).append(_("This person already had a stay starting that day."))
    if errors:
        raise ValidationError(errors)
    stay = Reserve.objects.create(
        person=person,
        town_id=person.town_id,
        stage=stage,
        entered_on=on if stage in IN_POOL else None,
        source_category=source_category,
        reserved_for=reserved_for,
        recommended_by=recommended_by,
        recommendation=recommendation,
    )
    StageChange.objects.create(reserve=stay, stage=stage, on=on, by=by)
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=stay,
        target_repr=person.name,
        changes={"stage": [None, stage], "on": [None, on.isoformat()]},
    )
    return stay


@transaction.atomic
def reserve_move(
    *,
    reserve: Reserve,
    stage: str,
    on: datetime.date,
    reason: str = "",
    by: Account | None,
    scope: Scope,
) -> StageChange:
    """Move a stay along its life cycle; entering and leaving the pool set its dates."""
    scope.require(Capability.MANAGE_RESERVES)
    reserve = Reserve.objects.select_for_update().select_related("person__unit").get(pk=reserve.pk)
    if not scope.contains(reserve.person.unit):
        raise ValidationError({"reserve": [_("This person is outside your area.")]})
    last = reserve.changes.order_by("-on", "-id").first()
    problem = move_error(
        reserve.stage, stage, since=last.on if last else None, on=on, reason=reason
    )
    if problem:
        raise ValidationError({"stage": [problem]})
    before = {"stage": reserve.stage, "entered_on": reserve.entered_on, "left_on": reserve.left_on}
    reserve.stage = stage
    if stage in IN_POOL and reserve.entered_on is None:
        reserve.entered_on = on
    if stage in ENDED:
        # A surveyed person who never entered leaves without a pool stay to close.
        reserve.left_on = on if reserve.entered_on is not None else None
        reserve.leave_reason = reason.strip()
    reserve.save()
    change = StageChange.objects.create(reserve=reserve, stage=stage, on=on, reason=reason, by=by)
    after = {"stage": reserve.stage, "entered_on": reserve.entered_on, "left_on": reserve.left_on}
    audit_bulk(
        [
            audit_entry(
                action=Action.UPDATE,
                actor=by,
                target=reserve,
                target_repr=reserve.person.name,
                changes={
                    key: [str(before[key] or ""), str(value or "")]
                    for key, value in after.items()
                    if before[key] != value
                },
                note=reason,
            )
        ]
    )
    return change
