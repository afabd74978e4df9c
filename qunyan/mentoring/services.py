"""Writes to mentoring: the register, mentees' needs and pairs (the log is in log.py)."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.models import Account
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.people.models import Person
from qunyan.people.services import person_names_and_towns

from .choices import Principle, WorkArea
from .models import MenteeNeed, Mentor, Mentorship, PairingRejection
from .selectors import active_on
from .suggestions import pair_principles


def mentorships_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update mentoring pairs keyed by (mentor, mentee, start date)."""
    names, town_of = person_names_and_towns(
        record[name] for record in records for name in ("mentor_id", "mentee_id")
    )
    # The town that keeps the pair: the mentee's town when it is written.
    rows = [{"town_id": town_of[record["mentee_id"]], **record} for record in records]
    return records_upsert(
        Mentorship,
        key=("mentor_id", "mentee_id", "started_on"),
        rows=rows,
        by=by,
        describe=lambda pair: f"{names[pair.mentor_id]} → {names[pair.mentee_id]}",
    )


def _areas(codes: Sequence[str], field: str, errors: dict[str, list[str]]) -> list[str]:
    unknown = set(codes) - set(WorkArea.values)
    if unknown:
        errors[field] = [_("Unknown area: %(areas)s.") % {"areas": ", ".join(sorted(unknown))}]
    return [area for area in WorkArea.values if area in set(codes)]


def _mentor_values(
    *,
    kind: str,
    strengths: Sequence[str],
    capacity: int,
    available: bool,
    serving_since: datetime.date | None,
    note: str,
    errors: dict[str, list[str]],
) -> dict[str, Any]:
    if capacity < 1:
        errors["capacity"] = [_("A mentor takes at least one mentee.")]
    if serving_since is not None and serving_since > timezone.localdate():
        errors["serving_since"] = [_("The date is in the future.")]
    return {
        "kind": kind,
        "strengths": _areas(strengths, "strengths", errors),
        "capacity": capacity,
        "available": available,
        "serving_since": serving_since,
        "note": note.strip(),
    }


@transaction.atomic
def mentor_register(
    *,
    person: Person,
    kind: str,
    strengths: Sequence[str] = (),
    capacity: int,
    available: bool = True,
    serving_since: datetime.date | None = None,
    note: str = "",
    by: Account | None,
    scope: Scope,
) -> Mentor:
    """Put a person in the mentor register (导师库)."""
    scope.require(Capability.MANAGE_MENTORING)
    errors: dict[str, list[str]] = {}
    if not scope.contains(person.unit):
        errors["person"] = [_("This person is outside your area.")]
    elif Mentor.objects.filter(person=person).exists():
        errors["person"] = [_("This person is in the mentor register already.")]
    values = _mentor_values(
        kind=kind,
        strengths=strengths,
        capacity=capacity,
        available=available,
        serving_since=serving_since,
        note=note,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    mentor = Mentor.objects.create(person=person, **values)
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=mentor,
        target_repr=person.name,
        changes=diff_fields({}, values),
    )
    return mentor


@transaction.atomic
def mentor_update(
    *,
    mentor: Mentor,
    kind: str,
    strengths: Sequence[str],
    capacity: int,
    available: bool,
    serving_since: datetime.date | None,
    note: str = "",
    by: Account | None,
    scope: Scope,
) -> Mentor:
    """Change a mentor's kind, strengths, capacity or availability.

    Lowering the capacity below the current load ends no pair; the mentor just takes nobody new.
    """
    scope.require(Capability.MANAGE_MENTORING)
    mentor = Mentor.objects.select_for_update().select_related("person__unit").get(pk=mentor.pk)
    errors: dict[str, list[str]] = {}
    if not scope.contains(mentor.person.unit):
        errors["person"] = [_("This person is outside your area.")]
    values = _mentor_values(
        kind=kind,
        strengths=strengths,
        capacity=capacity,
        available=available,
        serving_since=serving_since,
        note=note,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    changes = diff_fields({name: getattr(mentor, name) for name in values}, values)
    if changes:
        for name, value in values.items():
            setattr(mentor, name, value)
        mentor.save()
        audit_record(
            action=Action.UPDATE,
            actor=by,
            target=mentor,
            target_repr=mentor.person.name,
            changes=changes,
        )
    return mentor


@transaction.atomic
def mentee_need_save(
    *, person: Person, weak_areas: Sequence[str], note: str = "", by: Account | None, scope: Scope
) -> MenteeNeed:
    """Record what a young cadre needs help with (the weak areas a mentor should cover)."""
    scope.require(Capability.CHANGE_PEOPLE)
    errors: dict[str, list[str]] = {}
    if not scope.contains(person.unit):
        errors["person"] = [_("This person is outside your area.")]
    areas = _areas(weak_areas, "weak_areas", errors)
    if errors:
        raise ValidationError(errors)
    before = MenteeNeed.objects.select_for_update().filter(person=person).first()
    values = {"weak_areas": areas, "note": note.strip()}
    changes = diff_fields(
        {"weak_areas": before.weak_areas, "note": before.note} if before else {}, values
    )
    need, _created = MenteeNeed.objects.update_or_create(person=person, defaults=values)
    if changes:
        audit_record(
            action=Action.UPDATE if before else Action.CREATE,
            actor=by,
            target=need,
            target_repr=person.name,
            changes=changes,
        )
    return need


@transaction.atomic
def mentorship_create(
    *,
    mentor: Mentor,
    mentee: Person,
    principle: str,
    started_on: datetime.date,
    goals: str = "",
    by: Account | None,
    scope: Scope,
) -> Mentorship:
    """Pair a registered mentor with a mentee: the step a person confirms after a suggestion.

    The mentor must be available with a free place, the mentee without a running pair, and the
    pair must fit the principle it is made under.
    """
    scope.require(Capability.MANAGE_MENTORING)
    # Serialise pairings of one mentor, so two confirmations cannot both take the last place.
    mentor = Mentor.objects.select_for_update().select_related("person").get(pk=mentor.pk)
    errors: dict[str, list[str]] = {}
    if not scope.contains(mentee.unit):
        errors["mentee"] = [_("This person is outside your area.")]
    if mentor.person_id == mentee.pk:
        errors["mentee"] = [_("A person cannot be their own mentor.")]
    if not mentor.available:
        errors["mentor"] = [_("This mentor takes no new mentees at the moment.")]
    load = Mentorship.objects.filter(active_on(started_on), mentor=mentor.person).count()
    if load >= mentor.capacity:
        errors.setdefault("mentor", []).append(
            _("This mentor already has %(n)d mentees, the most they take.") % {"n": load}
        )
    if Mentorship.objects.filter(active_on(started_on), mentee=mentee).exists():
        errors.setdefault("mentee", []).append(_("This person already has a mentor."))
    if principle not in Principle.values:
        errors["principle"] = [_("Choose a principle.")]
    elif not errors and principle not in pair_principles(
        mentor=mentor, mentee=mentee, on=started_on
    ):
        errors["principle"] = [
            _("This pair does not fit the principle %(principle)s.")
            % {"principle": Principle(principle).label}
        ]
    if Mentorship.objects.filter(
        mentor=mentor.person, mentee=mentee, started_on=started_on
    ).exists():
        errors.setdefault("started_on", []).append(_("These two were paired on that day already."))
    if errors:
        raise ValidationError(errors)
    pair = Mentorship.objects.create(
        mentor=mentor.person,
        mentee=mentee,
        town_id=mentee.town_id,
        principle=principle,
        started_on=started_on,
        goals=goals.strip(),
    )
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=pair,
        target_repr=f"{mentor.person.name} → {mentee.name}",
        changes={
            "principle": [None, principle],
            "started_on": [None, started_on.isoformat()],
            "goals": [None, pair.goals],
        },
    )
    return pair


@transaction.atomic
def mentorship_update(
    *,
    pair: Mentorship,
    goals: str,
    ended_on: datetime.date | None,
    by: Account | None,
    scope: Scope,
) -> Mentorship:
    """Change a pair's goals, or end it (which frees the mentor's place)."""
    scope.require(Capability.MANAGE_MENTORING)
    pair = (
        Mentorship.objects.select_for_update()
        .select_related("mentor", "mentee__unit")
        .get(pk=pair.pk)
    )
    errors: dict[str, list[str]] = {}
    if not scope.contains(pair.mentee.unit):
        errors["pair"] = [_("This person is outside your area.")]
    if ended_on is not None and ended_on < pair.started_on:
        errors["ended_on"] = [_("The end date is before the start date.")]
    if errors:
        raise ValidationError(errors)
    changes = diff_fields(
        {"goals": pair.goals, "ended_on": pair.ended_on},
        {"goals": goals.strip(), "ended_on": ended_on},
    )
    if changes:
        pair.goals, pair.ended_on = goals.strip(), ended_on
        pair.save()
        audit_record(action=Action.UPDATE, actor=by, target=pair, changes=changes)
    return pair


@transaction.atomic
def pairing_reject(
    *, mentor: Mentor, mentee: Person, reason: str = "", by: Account | None, scope: Scope
) -> PairingRejection:
    """Turn a suggested pair down, so that it is not suggested again."""
    scope.require(Capability.MANAGE_MENTORING)
    if not scope.contains(mentee.unit):
        raise ValidationError({"mentee": [_("This person is outside your area.")]})
    rejection, created = PairingRejection.objects.get_or_create(
        mentor=mentor.person, mentee=mentee, defaults={"reason": reason.strip(), "by": by}
    )
    if created:
        audit_record(
            action=Action.CREATE,
            actor=by,
            target=rejection,
            target_repr=f"{mentor.person.name} ✕ {mentee.name}",
            note=rejection.reason,
        )
    return rejection
