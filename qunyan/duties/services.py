"""Writes of duty division and three-chief teams: validate, one transaction, audit."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_bulk, audit_entry, audit_record, diff_fields
from qunyan.core.models import Account, AuditEntry, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.core.versions import require_unchanged
from qunyan.people.choices import PARTY_MEMBER_STATUSES
from qunyan.people.models import Person

from .catalogue import DEFAULT_DUTIES
from .choices import ChiefRole, DivisionStatus, Trait
from .models import Assignment, CadreProfile, ChiefPost, Division, Duty, DutySettings, Pin, Wish
from .proposals import prepare, solver_rules
from .solver import Pair, plan_errors, shaping_rules
from .workflow import chief_errors, duty_errors, traits_errors, wish_errors

DUTY_FIELDS = (
    "name",
    "order",
    "people_needed",
    "min_education",
    "skills",
    "traits",
    "gender",
    "party_member_only",
    "active",
)


def _check(scope: Scope, unit: OrgUnit) -> None:
    scope.require(Capability.MANAGE_DUTIES)
    if not scope.contains(unit):
        raise PermissionDenied


@transaction.atomic
def catalogue_ensure(*, town: OrgUnit, by: Account | None) -> list[Duty]:
    """Give a town the default catalogue when it has none yet; returns the town's duties."""
    if not Duty.objects.filter(town=town).exists():
        # Names are data the town edits, written in the site's language (not the reader's).
        with translation.override(settings.LANGUAGE_CODE):
            for order, spec in enumerate(DEFAULT_DUTIES, start=1):
                duty = Duty.objects.create(
                    town=town,
                    name=str(spec.name),
                    order=order * 10,
                    people_needed=spec.people_needed,
                    min_education=spec.min_education,
                    skills=str(spec.skills).replace(", ", "、"),
                    traits=list(spec.traits),
                    gender=spec.gender,
                    party_member_only=spec.party_member_only,
                )
                audit_record(
                    action=Action.CREATE,
                    actor=by,
                    target=duty,
                    changes={f: [None, str(getattr(duty, f))] for f in ("name", "gender")},
                    note="default catalogue",
                )
    return list(Duty.objects.filter(town=town))


@transaction.atomic
def duty_save(
    *,
    town: OrgUnit,
    duty: Duty | None,
    data: dict[str, Any],
    by: Account | None,
    scope: Scope,
    version: str = "",
) -> Duty:
    """Add a duty to the town's catalogue or change one.

    `version`: the duty as the editor opened it (optimistic locking, core/versions.py).
    """
    _check(scope, town)
    if duty is not None:
        require_unchanged(duty, version)
    clash = Duty.objects.filter(town=town, name=data["name"].strip())
    if duty is not None:
        clash = clash.exclude(pk=duty.pk)
    errors = duty_errors(
        name=data["name"],
        people_needed=data["people_needed"],
        traits=data.get("traits", []),
        clash=clash.exists(),
    )
    if errors:
        raise ValidationError(errors)
    new = {f: data[f] for f in DUTY_FIELDS if f in data}
    new["name"] = new["name"].strip()
    old = {f: getattr(duty, f) for f in new} if duty else {}
    if duty is None:
        duty = Duty(town=town)
    for field, value in new.items():
        setattr(duty, field, value)
    duty.full_clean(exclude=["town"])
    duty.save()
    audit_record(
        action=Action.UPDATE if old else Action.CREATE,
        actor=by,
        target=duty,
        changes=diff_fields(old, new),
    )
    return duty


@transaction.atomic
def settings_save(
    *,
    town: OrgUnit,
    traits: Sequence[str],
    chief_labels: dict[str, str],
    by: Account | None,
    scope: Scope,
) -> DutySettings:
    """Choose the personality traits profiles use and rename the three chiefs."""
    _check(scope, town)
    errors = traits_errors(traits, Trait.values)
    if errors:
        raise ValidationError(errors)
    row, _created = DutySettings.objects.get_or_create(
        town=town, defaults={"traits": list(Trait.values)}
    )
    labels = {k: v.strip() for k, v in chief_labels.items() if k in ChiefRole.values and v.strip()}
    changes = diff_fields(
        {"traits": row.traits, "chief_labels": row.chief_labels},
        {"traits": list(traits), "chief_labels": labels},
    )
    row.traits, row.chief_labels = list(traits), labels
    row.save()
    audit_record(action=Action.UPDATE, actor=by, target=row, changes=changes)
    return row


@transaction.atomic
def profile_save(
    *,
    person: Person,
    skills: str,
    traits: Sequence[str],
    experience: str,
    wishes: Sequence[Duty | None],
    by: Account | None,
    scope: Scope,
) -> CadreProfile:
    """Keep a cadre's skills, traits, experience and ranked wishes (first = most wanted)."""
    _check(scope, person.unit)
    from .selectors import settings_of

    errors = {
        **wish_errors([w.pk if w else None for w in wishes]),
        **traits_errors(traits, settings_of(person.town).traits),
    }
    if any(w is not None and w.town_id != person.town_id for w in wishes):
        errors["wishes"] = [_("A wish must be a duty of the person's town.")]
    if errors:
        raise ValidationError(errors)
    profile, _created = CadreProfile.objects.get_or_create(person=person)
    old_wishes = [w.duty.name for w in profile.wishes.select_related("duty")]
    new_wishes = [w.name for w in wishes if w is not None]
    changes = diff_fields(
        {"skills": profile.skills, "traits": profile.traits, "experience": profile.experience},
        {"skills": skills.strip(), "traits": list(traits), "experience": experience.strip()},
    )
    if old_wishes != new_wishes:
        changes["wishes"] = ["、".join(old_wishes), "、".join(new_wishes)]
    profile.skills, profile.traits, profile.experience = (
        skills.strip(),
        list(traits),
        experience.strip(),
    )
    profile.save()
    profile.wishes.all().delete()
    Wish.objects.bulk_create(
        Wish(profile=profile, duty=duty, rank=rank)
        for rank, duty in enumerate([w for w in wishes if w is not None], start=1)
    )
    audit_record(action=Action.UPDATE, actor=by, target=profile, changes=changes)
    return profile


@dataclass(frozen=True)
class ProfileData:
    person: Person
    traits: list[str]
    wishes: list[Duty]
    skills: str = ""
    experience: str = ""


@transaction.atomic
def profiles_create(*, rows: Sequence[ProfileData], by: Account | None, scope: Scope) -> int:
    """Create many new profiles at once (people without one yet); one audit entry each."""
    from .selectors import settings_of

    allowed: dict[int, list[str]] = {}
    for row in rows:
        _check(scope, row.person.unit)
        if row.person.town_id not in allowed:
            allowed[row.person.town_id] = settings_of(row.person.town).traits
        errors = {
            **wish_errors([w.pk for w in row.wishes]),
            **traits_errors(row.traits, allowed[row.person.town_id]),
        }
        if any(w.town_id != row.person.town_id for w in row.wishes):
            errors["wishes"] = [_("A wish must be a duty of the person's town.")]
        if errors:
            raise ValidationError(errors)
    profiles = CadreProfile.objects.bulk_create(
        CadreProfile(
            person=row.person,
            skills=row.skills.strip(),
            traits=list(row.traits),
            experience=row.experience.strip(),
        )
        for row in rows
    )
    Wish.objects.bulk_create(
        Wish(profile=profile, duty=duty, rank=rank)
        for profile, row in zip(profiles, rows, strict=True)
        for rank, duty in enumerate(row.wishes, start=1)
    )
    audit_bulk(
        audit_entry(
            action=Action.CREATE,
            actor=by,
            target=profile,
            changes={
                "traits": [None, "、".join(row.traits)],
                "wishes": [None, "、".join(w.name for w in row.wishes)],
            },
        )
        for profile, row in zip(profiles, rows, strict=True)
    )
    return len(profiles)


@transaction.atomic
def pin_set(
    *,
    village: OrgUnit,
    person: Person,
    duty: Duty,
    assign: bool,
    by: Account | None,
    scope: Scope,
) -> Pin:
    """Fix a choice for the next division: this person must (or must not) take this duty."""
    _check(scope, village)
    if duty.town_id != village.town_id:
        raise ValidationError(_("The duty is not in this town's catalogue."))
    pin, created = Pin.objects.update_or_create(
        village=village, person=person, duty=duty, defaults={"assign": assign, "by": by}
    )
    audit_record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=by,
        target=pin,
        changes={"assign": [None, assign]},
    )
    return pin


@transaction.atomic
def pin_remove(*, pin: Pin, by: Account | None, scope: Scope) -> None:
    _check(scope, pin.village)
    audit_record(action=Action.DELETE, actor=by, target=pin, changes={"assign": [pin.assign, None]})
    pin.delete()


def parse_plan(text: str) -> list[Pair]:
    """The confirmation form's plan ("person:duty,…") as pairs; malformed → ValidationError."""
    try:
        return sorted(
            {(int(a), int(b)) for a, b in (item.split(":") for item in text.split(",") if item)}
        )
    except ValueError:
        raise ValidationError(_("The proposal could not be read; solve again.")) from None


def division_confirm(
    *,
    village: OrgUnit,
    plan: list[Pair],
    on: datetime.date,
    by: Account | None,
    scope: Scope,
    note: str = "",
) -> Division:
    """Put the plan the officer saw in force as the village's next version; the old one is kept.

    The plan is checked again against today's data and hard rules, so a plan made stale by a
    change elsewhere is refused instead of saved.
    """
    [division] = divisions_confirm(plans=[(village, plan)], on=on, by=by, scope=scope, note=note)
    return division


@transaction.atomic
def divisions_confirm(
    *,
    plans: Sequence[tuple[OrgUnit, list[Pair]]],
    on: datetime.date,
    by: Account | None,
    scope: Scope,
    note: str = "",
) -> list[Division]:
    """Confirm the plans of several villages of one town at once (read once, written once)."""
    if not plans:
        return []
    for village, _plan in plans:
        _check(scope, village)
    town = plans[0][0].town
    assert town is not None and all(v.town_id == town.pk for v, _p in plans)
    proposals = prepare(town=town, villages=[v for v, _p in plans], on=on)
    for proposal, (_village, plan) in zip(proposals, plans, strict=True):
        if plan_errors(proposal.problem, plan):
            raise ValidationError(_("The proposal no longer fits the rules; solve again."))
    villages = [v.pk for v, _p in plans]
    # Lock the villages' histories so two confirmations cannot take the same version number.
    latest: dict[int, int] = {}
    for village_id, version in (
        Division.objects.select_for_update()
        .filter(village_id__in=villages)
        .values_list("village_id", "version")
    ):
        latest[village_id] = max(version, latest.get(village_id, 0))
    Division.objects.filter(village_id__in=villages, status=DivisionStatus.CURRENT).update(
        status=DivisionStatus.SUPERSEDED
    )
    rules = solver_rules()
    divisions = Division.objects.bulk_create(
        Division(
            village=village,
            version=latest.get(village.pk, 0) + 1,
            total_score=sum(proposal.problem.score(pair) for pair in plan),
            rules=rules,
            note=note,
            by=by,
        )
        for proposal, (village, plan) in zip(proposals, plans, strict=True)
    )
    assignments: list[Assignment] = []
    entries: list[AuditEntry] = []
    for division, proposal, (_village, plan) in zip(divisions, proposals, plans, strict=True):
        problem = proposal.problem
        assignments.extend(
            Assignment(
                division=division,
                person_id=p,
                duty_id=d,
                duty_name=proposal.duties[d].name,
                score=problem.score((p, d)),
                parts=dict(problem.scores[(p, d)]),
                rules=shaping_rules(problem, plan, (p, d)),
            )
            for p, d in plan
        )
        entries.append(
            audit_entry(
                action=Action.CREATE,
                actor=by,
                target=division,
                changes={
                    "version": [latest.get(division.village_id), division.version],
                    "assignments": [
                        None,
                        "; ".join(
                            f"{proposal.people[p].name} {proposal.duties[d].name}" for p, d in plan
                        ),
                    ],
                },
            )
        )
    Assignment.objects.bulk_create(assignments)
    audit_bulk(entries)
    return divisions


@transaction.atomic
def chief_appoint(
    *,
    group: OrgUnit,
    role: str,
    person: Person,
    on: datetime.date,
    by: Account | None,
    scope: Scope,
) -> ChiefPost:
    """Seat a person in a group's three-chief team; the seat's previous holder steps down."""
    _check(scope, group)
    village = group.parent
    errors = chief_errors(
        role=role,
        party_member=person.political_status in PARTY_MEMBER_STATUSES,
        in_village=village is not None
        and (person.unit_id == village.pk or person.unit.parent_id == village.pk),
    )
    if errors:
        raise ValidationError(errors)
    current = (
        ChiefPost.objects.select_for_update()
        .filter(group=group, role=role, ended_on__isnull=True)
        .first()
    )
    if current is not None:
        if current.person_id == person.pk:
            return current
        current.ended_on = max(on, current.started_on)
        current.save(update_fields=["ended_on"])
        audit_record(
            action=Action.UPDATE,
            actor=by,
            target=current,
            changes={"ended_on": [None, str(current.ended_on)]},
        )
    post = ChiefPost.objects.create(group=group, role=role, person=person, started_on=on, by=by)
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=post,
        changes={"role": [None, role], "person": [None, person.name]},
    )
    return post


@transaction.atomic
def chief_end(*, post: ChiefPost, on: datetime.date, by: Account | None, scope: Scope) -> ChiefPost:
    """Leave a seat empty from a day on."""
    _check(scope, post.group)
    if on < post.started_on:
        raise ValidationError({"ended_on": [_("The end date is before the start date.")]})
    post.ended_on = on
    post.save(update_fields=["ended_on"])
    audit_record(action=Action.UPDATE, actor=by, target=post, changes={"ended_on": [None, str(on)]})
    return post
