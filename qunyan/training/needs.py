"""Training needs (因需开班): villages ask by topic; the town opens a class from a need list."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.models import Account, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.models import Person

from .choices import NeedStatus
from .models import TrainingClass, TrainingNeed
from .services import class_save, people_enrol, session_save


def _topic(text: str) -> str:
    # One spelling per topic, so demand adds up: no inner or outer blanks.
    return "".join(text.split())


@transaction.atomic
def need_submit(
    *, person: Person, topic: str, note: str = "", by: Account | None, scope: Scope
) -> TrainingNeed:
    """A village asks training on a topic for one of its people (their own village only)."""
    if not scope.contains(person.unit):
        raise ValidationError(_("This person is not in your area."))
    topic = _topic(topic)
    if not topic:
        raise ValidationError({"topic": [_("Name the topic.")]})
    if TrainingNeed.objects.filter(person=person, topic=topic, status=NeedStatus.OPEN).exists():
        raise ValidationError(
            {
                "topic": [
                    _("%(name)s already waits for a class on this topic.") % {"name": person.name}
                ]
            }
        )
    need = TrainingNeed.objects.create(
        person=person, topic=topic, note=note.strip(), submitted_by=by
    )
    audit_record(action=Action.CREATE, actor=by, target=need)
    return need


@transaction.atomic
def need_withdraw(*, need: TrainingNeed, by: Account | None) -> None:
    if need.status != NeedStatus.OPEN:
        raise ValidationError(_("Only a need still waiting for a class can be withdrawn."))
    need.status = NeedStatus.WITHDRAWN
    need.save(update_fields=["status"])
    audit_record(
        action=Action.UPDATE,
        actor=by,
        target=need,
        changes=diff_fields({"status": NeedStatus.OPEN}, {"status": NeedStatus.WITHDRAWN}),
    )


@transaction.atomic
def class_open_from_needs(
    *,
    town: OrgUnit,
    needs: Sequence[TrainingNeed],
    class_data: dict[str, Any],
    session_data: dict[str, Any],
    by: Account | None,
) -> TrainingClass:
    """In one step: the class, its first session, and everyone who asked enrolled (invited)."""
    needs = [need for need in needs if need.status == NeedStatus.OPEN]
    if not needs:
        raise ValidationError(_("Choose at least one need that still waits for a class."))
    if any(need.person.town_id != town.pk for need in needs):
        raise ValidationError(_("Every need must come from the town's villages."))
    first_day = session_data["starts_at"].date()
    data = {
        "starts_on": first_day,
        "ends_on": first_day,
        "category": class_data.get("category") or needs[0].topic,
        **{k: v for k, v in class_data.items() if k != "category"},
    }
    training_class = class_save(town=town, data=data, by=by)
    session = session_save(training_class=training_class, data=session_data, by=by)
    if session.teacher and not training_class.teacher:
        training_class.teacher = session.teacher.name
        training_class.save(update_fields=["teacher", "updated_at"])
    people_enrol(training_class=training_class, people=[need.person for need in needs], by=by)
    for need in needs:
        need.status, need.training_class = NeedStatus.INVITED, training_class
        need.save(update_fields=["status", "training_class"])
        audit_record(
            action=Action.UPDATE,
            actor=by,
            target=need,
            changes={"status": [NeedStatus.OPEN, NeedStatus.INVITED]},
            note=str(training_class),
        )
    return training_class
