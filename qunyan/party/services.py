"""Writes to party member development records.

Every writer — the 发展党员 sheet, the officer's forms, the demo — comes through here, and here
the rules of workflow.py are asked before anything is written, inside one transaction.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_record
from qunyan.core.dates import day as day_text
from qunyan.core.models import Account, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.core.versions import require_unchanged
from qunyan.people.choices import PoliticalStatus
from qunyan.people.models import Person

from .choices import DocumentKind, MeetingPurpose, ParticipantRole
from .models import (
    BranchMeeting,
    DevelopmentPlan,
    DevelopmentRecord,
    DevelopmentStep,
    Document,
    Participant,
    Publicity,
    VisitCounter,
)
from .steps import STAGE_STEPS
from .workflow import (
    STAGE_FIELDS,
    Outcome,
    RecordState,
    StageDates,
    StepEntry,
    Votes,
    development_violations,
    step_violations,
)
from .workflow import (
    Participant as Named,
)

# Documents a step puts on file by being recorded.
STEP_DOCUMENTS = {
    1: DocumentKind.APPLICATION,
    10: DocumentKind.REVIEW,
    11: DocumentKind.TRAINING,
    14: DocumentKind.FORM,
    22: DocumentKind.CONVERSION,
}
STEP_ROLES = {
    2: ParticipantRole.TALKER,
    5: ParticipantRole.CONTACT,
    9: ParticipantRole.SPONSOR,
    16: ParticipantRole.REVIEWER,
}


def development_records_upsert(
    *, records: Sequence[dict[str, Any]], by: Account | None
) -> UpsertCounts:
    """Create or update development records keyed by person; refuse any that breaks a rule."""
    people = {
        pk: (name, birth_date)
        for pk, name, birth_date in Person.objects.filter(
            pk__in={record["person_id"] for record in records}
        ).values_list("pk", "name", "birth_date")
    }
    for record in records:
        dates = StageDates(**{name: record.get(name) for name in STAGE_FIELDS})
        birth_date = people[record["person_id"]][1]
        violations = development_violations(dates, birth_date=birth_date)
        if violations:
            raise ValidationError([message for _column, message in violations])
    conflicts = stage_conflicts(records)
    if conflicts:
        raise ValidationError([message for found in conflicts.values() for _f, message in found])
    return records_upsert(
        DevelopmentRecord,
        key=("person_id",),
        rows=records,
        by=by,
        describe=lambda record: f"{people[record.person_id][0]} ({record.applied_on})",
    )


def stage_conflicts(records: Sequence[dict[str, Any]]) -> dict[int, list[tuple[str, str]]]:
    """Stage dates of rows that contradict steps recorded on the record's page, by person id.

    A record taken step by step keeps its dates in its steps; a workbook may fill in a stage
    not reached yet, but not move one that a step fixed.
    """
    wanted = {record["person_id"]: record for record in records}
    # A cancellation is a step 23 without a conversion date: nothing to compare.
    recorded = (
        DevelopmentStep.objects.filter(record__person_id__in=wanted, number__in=STAGE_STEPS)
        .exclude(number=23, record__cancelled_on__isnull=False)
        .values_list("record__person_id", "number", "done_on")
    )
    conflicts: dict[int, list[tuple[str, str]]] = {}
    for person_id, number, done_on in recorded:
        name = STAGE_STEPS[number]
        given = wanted[person_id].get(name)
        if given != done_on:
            message = _(
                "Step %(number)d was recorded on the record's page as %(day)s; correct it there."
            ) % {"number": number, "day": day_text(done_on)}
            conflicts.setdefault(person_id, []).append((name, message))
    return conflicts


def is_full_member(person: Person) -> bool:
    """A full party member: so registered, or converted through a record here."""
    if person.political_status == PoliticalStatus.CPC_MEMBER:
        return True
    return DevelopmentRecord.objects.filter(
        person=person, converted_on__isnull=False, cancelled_on__isnull=True
    ).exists()


def record_state(record: DevelopmentRecord) -> RecordState:
    """What the rules need to know of a record: steps done, people, training, publicity."""
    done = {number: getattr(record, name) for number, name in STAGE_STEPS.items()}
    done = {number: day for number, day in done.items() if day}
    done.update(dict(record.steps.values_list("number", "done_on")))
    publicity = {}
    for purpose, step in ((MeetingPurpose.ADMISSION, 12), (MeetingPurpose.CONVERSION, 22)):
        latest = record.publicities.filter(purpose=purpose).order_by("-starts_on").first()
        if latest:
            publicity[step] = (latest.starts_on, latest.ends_on)
    sponsors = [
        p.person
        for p in record.participants.filter(role=ParticipantRole.SPONSOR).select_related("person")
    ]
    extension = record.meetings.filter(outcome=Outcome.EXTEND).order_by("-held_on").first()
    return RecordState(
        birth_date=record.person.birth_date,
        done=done,
        sponsors=sum(is_full_member(person) for person in sponsors),
        review_passed=record.review_passed,
        training_days=float(record.training_days or 0),
        training_hours=float(record.training_hours or 0),
        publicity=publicity,
        extension_months=record.extension_months,
        last_extension_on=extension.held_on if extension else None,
        cancelled=record.cancelled_on is not None,
    )


def _check_scope(scope: Scope, person: Person) -> None:
    if not scope.contains(person.unit):
        raise PermissionDenied


@transaction.atomic
def development_start(
    *,
    person: Person,
    applied_on: datetime.date,
    source_category: str,
    by: Account | None,
    scope: Scope,
) -> DevelopmentRecord:
    """Open a person's record with the application (step 1), if the applicant may apply."""
    _check_scope(scope, person)
    if DevelopmentRecord.objects.filter(person=person).exists():
        raise ValidationError(_("This person already has a development record."))
    state = RecordState(birth_date=person.birth_date)
    problems = step_violations(state, StepEntry(1, applied_on), timezone.localdate())
    problems += [
        message
        for _column, message in development_violations(
            StageDates(applied_on=applied_on), birth_date=person.birth_date
        )
    ]
    if problems:
        raise ValidationError(problems)
    record = DevelopmentRecord.objects.create(
        person=person, town=person.town, applied_on=applied_on, source_category=source_category
    )
    DevelopmentStep.objects.create(record=record, number=1, done_on=applied_on, recorded_by=by)
    Document.objects.create(
        record=record, kind=DocumentKind.APPLICATION, received_on=applied_on, recorded_by=by
    )
    audit_record(action=Action.CREATE, actor=by, target=record, changes={"step": [None, 1]})
    return record


@dataclass
class StepInput:
    """A step as the officer gives it: people are registry records."""

    number: int
    on: datetime.date
    note: str = ""
    people: list[Person] = field(default_factory=list)
    review_passed: bool | None = None
    training_days: Decimal | None = None
    training_hours: Decimal | None = None
    publicity_from: datetime.date | None = None
    publicity_to: datetime.date | None = None
    publicity_contact: str = ""
    votes: Votes | None = None
    outcome: str = ""
    extension_months: int | None = None
    special_case: bool = False
    leaves_unit_on: datetime.date | None = None

    def entry(self) -> StepEntry:
        return StepEntry(
            number=self.number,
            on=self.on,
            people=tuple(Named(p.name, is_full_member(p)) for p in self.people),
            review_passed=self.review_passed,
            training_days=float(self.training_days) if self.training_days is not None else None,
            training_hours=float(self.training_hours) if self.training_hours is not None else None,
            publicity_from=self.publicity_from,
            publicity_to=self.publicity_to,
            votes=self.votes,
            outcome=self.outcome,
            extension_months=self.extension_months,
            special_case=self.special_case,
            leaves_unit_on=self.leaves_unit_on,
        )


def _violations(record: DevelopmentRecord, data: StepInput) -> list[str]:
    state = record_state(record)
    problems = step_violations(state, data.entry(), timezone.localdate())
    if problems:
        return problems
    stage_field = STAGE_STEPS.get(data.number)
    if stage_field and not (data.number == 23 and data.outcome != Outcome.CONVERT):
        dates = {**{name: getattr(record, name) for name in STAGE_FIELDS}, stage_field: data.on}
        problems += [
            message
            for _column, message in development_violations(
                StageDates(**dates), birth_date=record.person.birth_date
            )
        ]
    if data.publicity_from and not data.publicity_contact.strip():
        problems.append(_("Say how the public can send comments on the notice."))
    return problems


@transaction.atomic
def development_step_record(
    *,
    record: DevelopmentRecord,
    data: StepInput,
    by: Account | None,
    scope: Scope,
    version: str = "",
) -> DevelopmentRecord:
    """Record the next step of a record, or refuse it with the rules it breaks.

    `version`: the record as the officer saw it; a step recorded since is a conflict.
    """
    _check_scope(scope, record.person)
    # Lock the record: two officers recording the same step at once cannot both pass.
    record = (
        DevelopmentRecord.objects.select_for_update().select_related("person").get(pk=record.pk)
    )
    require_unchanged(record, version)
    problems = _violations(record, data)
    if problems:
        raise ValidationError(problems)
    changes: dict[str, Any] = {"step": [None, data.number]}
    if data.number == 23 and data.outcome == Outcome.EXTEND:
        record.extension_months = data.extension_months
        changes["extension_months"] = [None, data.extension_months]
    else:
        DevelopmentStep.objects.create(
            record=record,
            number=data.number,
            done_on=data.on,
            note=data.note,
            special_case=data.special_case,
            recorded_by=by,
        )
    _write_details(record, data, by)
    stage_field = STAGE_STEPS.get(data.number)
    if data.number == 23 and data.outcome == Outcome.CANCEL:
        record.cancelled_on = data.on
    elif stage_field and not (data.number == 23 and data.outcome == Outcome.EXTEND):
        setattr(record, stage_field, data.on)
        changes[stage_field] = [None, str(data.on)]
    record.save()
    _update_status(record, data, by)
    audit_record(action=Action.UPDATE, actor=by, target=record, changes=changes, note=data.note)
    return record


def _write_details(record: DevelopmentRecord, data: StepInput, by: Account | None) -> None:
    """The people, documents, publicity and meeting a step brings."""
    role = STEP_ROLES.get(data.number)
    if role is not None:
        for person in data.people:
            Participant.objects.create(record=record, person=person, role=role, since=data.on)
    kind = STEP_DOCUMENTS.get(data.number)
    if kind:
        Document.objects.create(record=record, kind=kind, received_on=data.on, recorded_by=by)
    if data.number == 10:
        record.review_passed = data.review_passed
    if data.number == 11:
        record.training_days, record.training_hours = data.training_days, data.training_hours
    purpose = {12: MeetingPurpose.ADMISSION, 22: MeetingPurpose.CONVERSION}
    if data.number in purpose and data.publicity_from and data.publicity_to:
        Publicity.objects.create(
            record=record,
            purpose=purpose[data.number],
            starts_on=data.publicity_from,
            ends_on=data.publicity_to,
            contact=data.publicity_contact.strip(),
        )
    meeting = {15: MeetingPurpose.ADMISSION, 23: MeetingPurpose.CONVERSION}
    if data.number in meeting and data.votes:
        BranchMeeting.objects.create(
            record=record,
            purpose=meeting[data.number],
            held_on=data.on,
            outcome=data.outcome if data.number == 23 else "",
            extension_months=data.extension_months if data.outcome == Outcome.EXTEND else None,
            **vars(data.votes),
        )


def _update_status(record: DevelopmentRecord, data: StepInput, by: Account | None) -> None:
    """The registry's political status follows admission, conversion and cancellation."""
    status = {
        (15, ""): PoliticalStatus.CPC_PROBATIONARY,
        (23, Outcome.CONVERT): PoliticalStatus.CPC_MEMBER,
        (23, Outcome.CANCEL): PoliticalStatus.MASSES,
    }.get((data.number, data.outcome if data.number == 23 else ""))
    person = record.person
    if status and person.political_status != status:
        old = person.political_status
        Person.objects.filter(pk=person.pk).update(political_status=status)
        audit_record(
            action=Action.UPDATE,
            actor=by,
            target=person,
            changes={"political_status": [old, str(status)]},
        )


@transaction.atomic
def document_add(
    *,
    record: DevelopmentRecord,
    kind: str,
    received_on: datetime.date,
    note: str,
    by: Account | None,
    scope: Scope,
) -> Document:
    """Put a document on a record's file (thought reports, assessments …)."""
    _check_scope(scope, record.person)
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date cannot be in the future.")})
    if received_on < record.applied_on:
        raise ValidationError({"received_on": _("The date is before the application.")})
    document = Document.objects.create(
        record=record, kind=kind, received_on=received_on, note=note, recorded_by=by
    )
    audit_record(action=Action.CREATE, actor=by, target=document, target_repr=str(record))
    return document


@transaction.atomic
def plan_save(
    *, village: OrgUnit, year: int, quota: int, by: Account | None, scope: Scope
) -> DevelopmentPlan:
    """Set a village branch's quota of new members for a year."""
    if not scope.contains(village):
        raise PermissionDenied
    plan, created = DevelopmentPlan.objects.get_or_create(
        village=village, year=year, defaults={"quota": quota, "recorded_by": by}
    )
    if not created and plan.quota != quota:
        audit_record(
            action=Action.UPDATE, actor=by, target=plan, changes={"quota": [plan.quota, quota]}
        )
        plan.quota, plan.recorded_by = quota, by
        plan.save(update_fields=["quota", "recorded_by"])
    elif created:
        audit_record(action=Action.CREATE, actor=by, target=plan)
    return plan


def visit_count(*, name: str) -> int:
    """Count one more visitor of a public page and return their number."""
    with transaction.atomic():
        counter, _created = VisitCounter.objects.get_or_create(name=name)
        # F(): concurrent visitors on several app servers each get their own number.
        VisitCounter.objects.filter(pk=counter.pk).update(count=F("count") + 1)
        counter.refresh_from_db(fields=["count"])
        return counter.count


def visits_so_far(*, name: str) -> int:
    """The visitors counted so far (0 before the first)."""
    counter = VisitCounter.objects.filter(name=name).first()
    return counter.count if counter else 0
