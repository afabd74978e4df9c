"""农民大学生: nominations with the entry rules checked, followed through study to graduation."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.models import Account
from qunyan.core.scopes import Scope
from qunyan.people.models import Person

from .choices import NominationStatus
from .models import Nomination
from .workflow import college_eligibility, nomination_move_problems


@transaction.atomic
def nomination_add(
    *,
    person: Person,
    track: str,
    nominated_on: datetime.date,
    school: str = "",
    note: str = "",
    by: Account | None,
    scope: Scope,
) -> Nomination:
    """Nominate a person to a track; refused unless they meet its education and age rules."""
    if not scope.contains(person.unit):
        raise ValidationError(_("This person is not in your area."))
    problems = college_eligibility(person, track, nominated_on)
    if problems:
        raise ValidationError(problems)
    running = Nomination.objects.filter(person=person, track=track).exclude(
        status=NominationStatus.WITHDRAWN
    )
    if running.exists():
        raise ValidationError(
            _("%(name)s already has a nomination on this track.") % {"name": person.name}
        )
    nomination = Nomination.objects.create(
        town_id=person.town_id,
        person=person,
        track=track,
        nominated_on=nominated_on,
        school=school.strip(),
        note=note.strip(),
    )
    audit_record(action=Action.CREATE, actor=by, target=nomination)
    return nomination


@transaction.atomic
def nomination_move(
    *, nomination: Nomination, to: str, on: datetime.date, by: Account | None
) -> Nomination:
    """Move a nomination on: studying (from the start date), then graduated, or withdrawn."""
    since = nomination.study_started_on or nomination.nominated_on
    problems = nomination_move_problems(status=nomination.status, to=to, on=on, since=since)
    if problems:
        raise ValidationError(problems)
    old = {
        "status": nomination.status,
        "study_started_on": nomination.study_started_on,
        "finished_on": nomination.finished_on,
    }
    nomination.status = to
    if to == NominationStatus.STUDYING:
        nomination.study_started_on = on
    else:
        nomination.finished_on = on
    nomination.save()
    new = {
        "status": to,
        "study_started_on": nomination.study_started_on,
        "finished_on": nomination.finished_on,
    }
    audit_record(action=Action.UPDATE, actor=by, target=nomination, changes=diff_fields(old, new))
    return nomination
