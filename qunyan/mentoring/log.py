"""The mentoring log (帮带记录): meetings of a pair and half-yearly evaluations by both sides and
the town. Village secretaries keep them for their village's pairs."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.models import Account
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope

from .choices import Evaluator, Half
from .models import Evaluation, Meeting, Mentorship


def _pair_in_scope(pair: Mentorship, scope: Scope) -> None:
    if not scope.contains(pair.mentee.unit):
        raise ValidationError({"pair": [_("This person is outside your area.")]})


@transaction.atomic
def meeting_log(
    *,
    pair: Mentorship,
    on: datetime.date,
    topic: str,
    tasks_given: str = "",
    tasks_done: str = "",
    by: Account | None,
    scope: Scope,
    today: datetime.date | None = None,
) -> Meeting:
    """Add a meeting to a pair's log: when, about what, the tasks given and those done."""
    scope.require(Capability.SUPERVISE)
    _pair_in_scope(pair, scope)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if not topic.strip():
        errors["topic"] = [_("Say what the meeting was about.")]
    if on < pair.started_on:
        errors["on"] = [
            _("The date is before the pair started (%(date)s).")
            % {"date": pair.started_on.isoformat()}
        ]
    elif pair.ended_on is not None and on > pair.ended_on:
        errors["on"] = [
            _("The date is after the pair ended (%(date)s).") % {"date": pair.ended_on.isoformat()}
        ]
    elif on > today:
        errors["on"] = [_("The date is in the future.")]
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        pair=pair,
        on=on,
        topic=topic.strip(),
        tasks_given=tasks_given.strip(),
        tasks_done=tasks_done.strip(),
        by=by,
    )
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=meeting,
        target_repr=f"{pair} {on.isoformat()}",
        changes={"topic": [None, meeting.topic]},
    )
    return meeting


def half_year(year: int, half: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a half year."""
    if half == Half.FIRST:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


@transaction.atomic
def evaluation_record(
    *,
    pair: Mentorship,
    year: int,
    half: int,
    evaluator: str,
    score: int,
    comment: str = "",
    by: Account | None,
    scope: Scope,
    today: datetime.date | None = None,
) -> Evaluation:
    """Record (or correct) one side's half-yearly evaluation of a pair, scored 1 to 5.

    The mentee's and the mentor's are written down by whoever collects them (the village or the
    town); the town's own needs the town office.
    """
    scope.require(
        Capability.MANAGE_MENTORING if evaluator == Evaluator.TOWN else Capability.SUPERVISE
    )
    _pair_in_scope(pair, scope)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if evaluator not in Evaluator.values:
        errors["evaluator"] = [_("Choose who evaluates.")]
    if half not in Half.values:
        errors["half"] = [_("Choose the half year.")]
    if not 1 <= score <= 5:
        errors["score"] = [_("A score is from 1 to 5.")]
    if not errors:
        first, last = half_year(year, half)
        if first > today:
            errors["year"] = [_("This half year has not begun.")]
        elif last < pair.started_on or (pair.ended_on is not None and first > pair.ended_on):
            errors["year"] = [_("The pair did not run in this half year.")]
    if errors:
        raise ValidationError(errors)
    evaluation = Evaluation.objects.filter(
        pair=pair, year=year, half=half, evaluator=evaluator
    ).first()
    text = comment.strip()
    values = {"score": score, "comment": text}
    if evaluation is None:
        evaluation = Evaluation.objects.create(
            pair=pair, year=year, half=half, evaluator=evaluator, by=by, **values
        )
        audit_record(
            action=Action.CREATE,
            actor=by,
            target=evaluation,
            changes=diff_fields({}, values),
        )
        return evaluation
    changes = diff_fields({"score": evaluation.score, "comment": evaluation.comment}, values)
    if changes:
        evaluation.score, evaluation.comment, evaluation.by = score, text, by
        evaluation.save()
        audit_record(action=Action.UPDATE, actor=by, target=evaluation, changes=changes)
    return evaluation
