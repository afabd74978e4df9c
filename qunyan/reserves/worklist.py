"""The work list (工作清单): surveys open, close and re-open items; people add supervision."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.dates import day
from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.rules import rule_int
from qunyan.core.scopes import Scope
from qunyan.people.models import CadreTerm

from .models import Supervision, SurveyRun, WorkItem
from .selectors import Survey, reserve_survey

SECRETARY_POSTS = ("党组织书记", "书记兼主任", "党支部书记", "党总支书记", "村党组织书记", "书记")


def _secretary_name(village: OrgUnit, on: datetime.date) -> str:
    """The village secretary serving on the day: the default person responsible for an item."""
    term = (
        CadreTerm.objects.filter(village=village, post__in=SECRETARY_POSTS, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .select_related("person")
        .order_by("-started_on")
        .first()
    )
    return term.person.name if term else ""


@transaction.atomic
def survey_generate(
    *, town: OrgUnit, on: datetime.date, by: Account | None, scope: Scope
) -> tuple[SurveyRun, Survey]:
    """Take the survey on a day and bring the work list in line with it.

    A village short of reserves gets an open item (created, or re-opened if it was closed); a
    village that now meets the standard has its open item closed.
    """
    scope.require(Capability.MANAGE_RESERVES)
    if not scope.contains(town):
        raise ValidationError(_("This town is outside your area."))
    survey = reserve_survey(town=town, on=on, scope=scope, compare=False)
    items = {
        item.village_id: item
        for item in WorkItem.objects.filter(village__in=[row.village for row in survey.villages])
    }
    deadline = on + datetime.timedelta(days=rule_int("WORKLIST_DEADLINE_DAYS"))
    for row in survey.villages:
        item = items.get(row.village.pk)
        missing = [gap.as_json() for gap in row.missing]
        if row.missing and item is None:
            item = WorkItem.objects.create(
                village=row.village,
                shortfall=missing,
                opened_on=on,
                checked_on=on,
                deadline=deadline,
                responsible=_secretary_name(row.village, on),
            )
            audit_record(
                action=Action.CREATE,
                actor=by,
                target=item,
                changes={"shortfall": [None, _words(row.missing)]},
            )
        elif row.missing and item is not None:
            _reopen_or_update(item, missing=missing, on=on, deadline=deadline, by=by)
        elif item is not None and item.status == WorkItem.Status.OPEN:
            item.status, item.closed_on, item.checked_on = WorkItem.Status.CLOSED, on, on
            item.save()
            audit_record(
                action=Action.UPDATE,
                actor=by,
                target=item,
                changes={"status": [WorkItem.Status.OPEN, WorkItem.Status.CLOSED]},
                note=_("The village meets the standard."),
            )
        elif item is not None:
            WorkItem.objects.filter(pk=item.pk).update(checked_on=on)
    run = SurveyRun.objects.create(
        town=town, on=on, by=by, villages_short=len(survey.short), totals=survey.totals
    )
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=run,
        note=ngettext("%(n)d village short", "%(n)d villages short", len(survey.short))
        % {"n": len(survey.short)},
    )
    return run, survey


def _reopen_or_update(
    item: WorkItem,
    *,
    missing: list[dict[str, Any]],
    on: datetime.date,
    deadline: datetime.date,
    by: Account | None,
) -> None:
    before = {"status": item.status, "shortfall": _words(item.gaps)}
    if item.status == WorkItem.Status.CLOSED:
        item.status, item.opened_on, item.closed_on = WorkItem.Status.OPEN, on, None
        item.deadline = deadline
        item.times_opened += 1
    item.shortfall, item.checked_on = missing, on
    item.save()
    changes = diff_fields(before, {"status": item.status, "shortfall": _words(item.gaps)})
    if changes:
        audit_record(action=Action.UPDATE, actor=by, target=item, changes=changes)


@transaction.atomic
def work_item_update(
    *,
    item: WorkItem,
    responsible: str,
    deadline: datetime.date | None,
    by: Account | None,
    scope: Scope,
) -> WorkItem:
    """Set who is responsible for an item and by when."""
    scope.require(Capability.MANAGE_RESERVES)
    if not scope.contains(item.village):
        raise ValidationError(_("This village is outside your area."))
    changes = diff_fields(
        {"responsible": item.responsible, "deadline": item.deadline},
        {"responsible": responsible.strip(), "deadline": deadline},
    )
    if changes:
        item.responsible, item.deadline = responsible.strip(), deadline
        item.save(update_fields=["responsible", "deadline", "updated_at"])
        audit_record(action=Action.UPDATE, actor=by, target=item, changes=changes)
    return item


@transaction.atomic
def supervision_add(
    *, item: WorkItem, on: datetime.date, way: str, agreed: str, by: Account | None, scope: Scope
) -> Supervision:
    """Record a supervision (督促) of a work item: when, how, and what was agreed."""
    scope.require(Capability.SUPERVISE)
    errors: dict[str, list[str]] = {}
    if not scope.contains(item.village):
        errors["item"] = [_("This village is outside your area.")]
    if not agreed.strip():
        errors["agreed"] = [_("Write down what was agreed.")]
    if on < item.opened_on:
        errors["on"] = [
            _("The date is before the item was opened (%(date)s).") % {"date": day(item.opened_on)}
        ]
    if errors:
        raise ValidationError(errors)
    record = Supervision.objects.create(item=item, on=on, way=way, agreed=agreed.strip(), by=by)
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=record,
        changes={"way": [None, way], "agreed": [None, record.agreed]},
    )
    return record


def _words(gaps: Sequence[Any]) -> str:
    """Gaps in words for the audit log, which keeps text (in the actor's language)."""
    return pgettext("list separator", "; ").join(str(gap) for gap in gaps)


def is_overdue(item: WorkItem, today: datetime.date) -> bool:
    return (
        item.status == WorkItem.Status.OPEN and item.deadline is not None and item.deadline < today
    )
