"""Check-in (签到) per session: signed QR tokens, the organiser's corrections, and the class's
attendance rows (人次) that follow from them.

A class's 参训记录 row exists while the person is present at one of its sessions at least, so
person-times and hours count attendance, never enrolment. Classes without sessions (imported
from the workbook) keep the rows the workbook gave them.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.models import Account
from qunyan.people.models import Person

from .choices import CheckInMethod
from .models import Attendance, Enrolment, Session, SessionAttendance, TrainingClass
from .workflow import checkin_problem

_SALT = "qunyan.training.checkin"


def checkin_token(session: Session, person: Person) -> str:
    """The signed text a sign-in sheet's QR code carries for one person at one session."""
    return signing.dumps({"s": session.pk, "p": person.pk}, salt=_SALT, compress=True)


@dataclass(frozen=True)
class TokenSubject:
    session_id: int
    person_id: int


def token_read(token: str) -> TokenSubject:
    """The session and person a token names; ValidationError when it was not signed by us."""
    try:
        data = signing.loads(token, salt=_SALT)
        return TokenSubject(session_id=int(data["s"]), person_id=int(data["p"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ValidationError(_("This QR code is not a valid sign-in code.")) from None


def qr_refusal(session: Session, person: Person, now: datetime.datetime) -> str:
    """Why the QR code of this person at this session cannot be used now ("" when it can)."""
    if not Enrolment.objects.filter(
        training_class=session.training_class_id, person=person
    ).exists():
        return _("%(name)s is not enrolled in this class.") % {"name": person.name}
    presence = SessionAttendance.objects.filter(session=session, person=person).first()
    if presence is not None and presence.qr_used_at is not None:
        return _("This QR code was already used at %(time)s; a code signs in only once.") % {
            "time": _clock(presence.qr_used_at)
        }
    if presence is not None and presence.present:
        return _("%(name)s is already signed in to this session.") % {"name": person.name}
    return checkin_problem(session, now)


@transaction.atomic
def qr_check_in(
    *, session: Session, person: Person, now: datetime.datetime, by: Account | None
) -> SessionAttendance:
    """Sign a person in by their QR code: only inside the session's window, and only once."""
    # The lock makes two scans of the same code at once sign in once.
    Session.objects.select_for_update().filter(pk=session.pk).first()
    refusal = qr_refusal(session, person, now)
    if refusal:
        raise ValidationError(refusal)
    try:
        with transaction.atomic():
            presence, _created = SessionAttendance.objects.update_or_create(
                session=session,
                person=person,
                defaults={
                    "present": True,
                    "method": CheckInMethod.QR,
                    "checked_in_at": now,
                    "qr_used_at": now,
                    "by": by,
                },
            )
    except IntegrityError:
        raise ValidationError(
            _("This QR code was already used; a code signs in only once.")
        ) from None
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=presence,
        note=_("Signed in by QR code."),
    )
    attendance_sync(training_class=session.training_class, person_id=person.pk, by=by)
    return presence


@transaction.atomic
def presence_correct(
    *,
    session: Session,
    person: Person,
    present: bool,
    reason: str,
    now: datetime.datetime,
    by: Account | None,
) -> SessionAttendance:
    """The organiser marks someone present or absent, with a reason kept in the audit log."""
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the attendance is corrected.")]})
    if person.town_id != session.training_class.town_id:
        raise ValidationError(_("Only people of the class's town can attend."))
    presence = SessionAttendance.objects.filter(session=session, person=person).first()
    old = {"present": presence.present if presence else False}
    if presence is None:
        presence = SessionAttendance.objects.create(
            session=session,
            person=person,
            present=present,
            method=CheckInMethod.MANUAL,
            checked_in_at=now if present else None,
            by=by,
        )
    else:
        presence.present = present
        presence.method = CheckInMethod.MANUAL
        presence.checked_in_at = now if present else presence.checked_in_at
        presence.by = by
        presence.save()
    if present:
        # Someone the organiser adds was invited from then on: the sheet lists them.
        Enrolment.objects.get_or_create(training_class=session.training_class, person=person)
    audit_record(
        action=Action.UPDATE,
        actor=by,
        target=presence,
        changes=diff_fields(old, {"present": present}),
        note=_("Corrected by the organiser: %(reason)s") % {"reason": reason.strip()},
    )
    attendance_sync(training_class=session.training_class, person_id=person.pk, by=by)
    return presence


def attendance_sync(*, training_class: TrainingClass, person_id: int, by: Account | None) -> None:
    """Make the class's attendance row (a 人次) follow the person's presence at its sessions.

    结业 (completed) means present at every session of the class.
    """
    sessions = training_class.sessions.count()
    if not sessions:
        return
    present = SessionAttendance.objects.filter(
        session__training_class=training_class, person_id=person_id, present=True
    ).count()
    row = Attendance.objects.filter(training_class=training_class, person_id=person_id).first()
    if present == 0:
        if row is not None:
            audit_record(action=Action.DELETE, actor=by, target=row)
            row.delete()
        return
    completed = present >= sessions
    if row is None:
        row = Attendance.objects.create(
            training_class=training_class, person_id=person_id, completed=completed
        )
        audit_record(action=Action.CREATE, actor=by, target=row)
    elif row.completed != completed:
        old = {"completed": row.completed}
        row.completed = completed
        row.save(update_fields=["completed", "updated_at"])
        audit_record(
            action=Action.UPDATE,
            actor=by,
            target=row,
            changes=diff_fields(old, {"completed": completed}),
        )


def _clock(moment: datetime.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
