"""Writes to training classes, their sessions, the teacher register and enrolment."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.models import Account, OrgUnit
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.core.versions import require_unchanged
from qunyan.people.models import Person

from .choices import NeedStatus
from .models import Attendance, Enrolment, Session, SessionAttendance, Teacher, TrainingClass


def training_classes_upsert(
    *, records: Sequence[dict[str, Any]], by: Account | None
) -> UpsertCounts:
    """Create or update classes keyed by (town, class number)."""
    return records_upsert(TrainingClass, key=("town_id", "code"), rows=records, by=by)


def attendances_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update attendance keyed by (class, person)."""
    codes = dict(
        TrainingClass.objects.filter(
            pk__in={record["training_class_id"] for record in records}
        ).values_list("pk", "code")
    )
    names = dict(
        Person.objects.filter(pk__in={record["person_id"] for record in records}).values_list(
            "pk", "name"
        )
    )
    return records_upsert(
        Attendance,
        key=("training_class_id", "person_id"),
        rows=records,
        by=by,
        # Described from the two lookups above, not one query per record.
        describe=lambda a: f"{codes[a.training_class_id]} {names[a.person_id]}",
    )


# --- Classes, sessions, teachers and enrolment, as the town office keeps them -----------------

CLASS_FIELDS = ("code", "name", "programme", "category", "starts_on", "ends_on", "hours", "teacher")
SESSION_FIELDS = ("starts_at", "ends_at", "place", "venue", "topic", "hours", "teacher")


def _values(instance: Any, fields: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def _class_problems(town: OrgUnit, data: dict[str, Any], pk: int | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    taken = TrainingClass.objects.filter(town=town, code=data["code"])
    if pk is not None:
        taken = taken.exclude(pk=pk)
    if taken.exists():
        errors["code"] = [_("The town already has a class with this number.")]
    if data.get("ends_on") and data["ends_on"] < data["starts_on"]:
        errors["ends_on"] = [_("The end date is before the start date.")]
    if data.get("hours") is not None and data["hours"] < 0:
        errors["hours"] = [_("Class hours cannot be negative.")]
    return errors


@transaction.atomic
def class_save(
    *,
    town: OrgUnit,
    data: dict[str, Any],
    training_class: TrainingClass | None = None,
    by: Account | None,
    version: str = "",
) -> TrainingClass:
    """Create a class of the town, or change one; numbers are unique within the town.

    `version`: the class as the editor opened it (optimistic locking, core/versions.py).
    """
    if training_class is not None:
        require_unchanged(training_class, version)
    data = {name: data.get(name) for name in CLASS_FIELDS}
    for name in ("category", "teacher"):
        data[name] = (data[name] or "").strip()
    errors = _class_problems(town, data, training_class.pk if training_class else None)
    if errors:
        raise ValidationError(errors)
    if training_class is None:
        training_class = TrainingClass.objects.create(town=town, **data)
        audit_record(action=Action.CREATE, actor=by, target=training_class)
        return training_class
    old = _values(training_class, CLASS_FIELDS)
    for name, value in data.items():
        setattr(training_class, name, value)
    training_class.save()
    audit_record(
        action=Action.UPDATE, actor=by, target=training_class, changes=diff_fields(old, data)
    )
    return training_class


@transaction.atomic
def class_delete(*, training_class: TrainingClass, by: Account | None) -> None:
    """Delete a class with its sessions, enrolment and attendance (its 人次 go with it)."""
    audit_record(
        action=Action.DELETE,
        actor=by,
        target=training_class,
        note=_("%(n)d attendance rows removed with the class.")
        % {"n": training_class.attendances.count()},
    )
    training_class.needs.update(status=NeedStatus.OPEN, training_class=None)
    training_class.delete()


def _session_problems(data: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data["ends_at"] <= data["starts_at"]:
        errors["ends_at"] = [_("A session ends after it starts.")]
    if data["hours"] is None or data["hours"] < 0:
        errors["hours"] = [_("Class hours cannot be negative.")]
    return errors


@transaction.atomic
def session_save(
    *,
    training_class: TrainingClass,
    data: dict[str, Any],
    session: Session | None = None,
    by: Account | None,
) -> Session:
    """Add or change a session; the class's dates widen to cover its sessions."""
    data = {name: data.get(name) for name in SESSION_FIELDS}
    data["place"] = (data["place"] or "").strip()
    data["topic"] = (data["topic"] or "").strip()
    teacher = data["teacher"]
    if teacher is not None and teacher.town_id != training_class.town_id:
        raise ValidationError({"teacher": [_("The teacher is not in the town's register.")]})
    errors = _session_problems(data)
    if errors:
        raise ValidationError(errors)
    created = session is None
    if session is None:
        session = Session.objects.create(training_class=training_class, **data)
        audit_record(action=Action.CREATE, actor=by, target=session)
    else:
        old = _values(session, SESSION_FIELDS)
        for name, value in data.items():
            setattr(session, name, value)
        session.save()
        audit_record(action=Action.UPDATE, actor=by, target=session, changes=diff_fields(old, data))
    _cover_sessions(training_class, by)
    if created:
        # One more session changes who attended all of them (结业).
        from .attendance import attendance_sync

        for person_id in set(
            SessionAttendance.objects.filter(
                session__training_class=training_class, present=True
            ).values_list("person_id", flat=True)
        ):
            attendance_sync(training_class=training_class, person_id=person_id, by=by)
    return session


def _cover_sessions(training_class: TrainingClass, by: Account | None) -> None:
    """Keep 开始日期/结束日期 spanning the sessions (the statistics count by start date)."""
    days = [timezone.localtime(s.starts_at).date() for s in training_class.sessions.all()]
    days += [timezone.localtime(s.ends_at).date() for s in training_class.sessions.all()]
    if not days:
        return
    starts, ends = min(days), max(days)
    old = {"starts_on": training_class.starts_on, "ends_on": training_class.ends_on}
    new = {
        "starts_on": min(starts, training_class.starts_on),
        "ends_on": max(ends, training_class.ends_on or ends),
    }
    if new != old:
        TrainingClass.objects.filter(pk=training_class.pk).update(**new)
        for name, value in new.items():
            setattr(training_class, name, value)
        audit_record(
            action=Action.UPDATE, actor=by, target=training_class, changes=diff_fields(old, new)
        )


@transaction.atomic
def session_delete(*, session: Session, by: Account | None) -> None:
    """Delete a session; people seen only there lose the class's attendance row."""
    from .attendance import attendance_sync

    training_class, people = (
        session.training_class,
        list(session.presences.values_list("person_id", flat=True)),
    )
    audit_record(action=Action.DELETE, actor=by, target=session)
    session.delete()
    for person_id in people:
        attendance_sync(training_class=training_class, person_id=person_id, by=by)


@transaction.atomic
def teacher_save(
    *, town: OrgUnit, data: dict[str, Any], teacher: Teacher | None = None, by: Account | None
) -> Teacher:
    """Add a teacher to the town's register, or change one; names are unique in a town."""
    fields = ("name", "kind", "organisation", "speciality")
    data = {name: (data.get(name) or "").strip() for name in fields}
    taken = Teacher.objects.filter(town=town, name=data["name"])
    if teacher is not None:
        taken = taken.exclude(pk=teacher.pk)
    if taken.exists():
        raise ValidationError({"name": [_("The register already has a teacher of this name.")]})
    if teacher is None:
        teacher = Teacher.objects.create(town=town, **data)
        audit_record(action=Action.CREATE, actor=by, target=teacher)
        return teacher
    old = _values(teacher, fields)
    for name, value in data.items():
        setattr(teacher, name, value)
    teacher.save()
    audit_record(action=Action.UPDATE, actor=by, target=teacher, changes=diff_fields(old, data))
    return teacher


@transaction.atomic
def people_enrol(
    *, training_class: TrainingClass, people: Sequence[Person], by: Account | None
) -> int:
    """Invite people to a class (报名); returns how many were new. Enrolment is not a 人次."""
    if any(person.town_id != training_class.town_id for person in people):
        raise ValidationError(_("Only people of the class's town can be enrolled."))
    known = set(training_class.enrolments.values_list("person_id", flat=True))
    added = 0
    for person in people:
        if person.pk in known:
            continue
        known.add(person.pk)
        enrolment = Enrolment.objects.create(training_class=training_class, person=person)
        audit_record(action=Action.CREATE, actor=by, target=enrolment)
        added += 1
    return added


@transaction.atomic
def enrolment_remove(*, enrolment: Enrolment, by: Account | None) -> None:
    """Take an invitation back; attendance already recorded stays."""
    audit_record(action=Action.DELETE, actor=by, target=enrolment)
    enrolment.delete()
