"""Holiday campaigns: plan one, list who is expected home, assign visitors, hold symposiums."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qunyan.core.audit import Action, audit_bulk, audit_entry, audit_record, diff_fields
from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.people.models import Person

from .choices import OutreachWay
from .models import Assignment, Campaign, Outreach, OutsideTalent, Symposium, SymposiumInvitee
from .services import follow_ups_close, outreach_relink
from .visitors import NOBODY, Visitor, visitor_belongs
from .workflow import campaign_errors, home_times_expected_at


@transaction.atomic
def campaign_save(
    *,
    town: OrgUnit,
    name: str,
    occasion: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    notes: str = "",
    by: Account | None,
    scope: Scope,
    campaign: Campaign | None = None,
) -> Campaign:
    """Plan a campaign, or change one; contacts in its days join it, those outside leave it."""
    scope.require(Capability.MANAGE_TALENTS)
    errors = campaign_errors(starts_on=starts_on, ends_on=ends_on)
    if not scope.contains(town):
        errors["town"] = [_("This town is outside your area.")]
    name = name.strip()
    same_name = Campaign.objects.filter(town=town, name=name)
    if campaign is not None:
        same_name = same_name.exclude(pk=campaign.pk)
    if not name:
        errors["name"] = [_("Give the campaign a name.")]
    elif same_name.exists():
        errors["name"] = [_("The town has a campaign of this name already.")]
    if errors:
        raise ValidationError(errors)
    values = {
        "name": name,
        "occasion": occasion,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "notes": notes.strip(),
    }
    action = Action.UPDATE
    if campaign is None:
        campaign = Campaign.objects.create(town=town, **values)
        changes = diff_fields({}, values)
        first, last = starts_on, ends_on
        action = Action.CREATE
    else:
        changes = diff_fields({key: getattr(campaign, key) for key in values}, values)
        first, last = min(campaign.starts_on, starts_on), max(campaign.ends_on, ends_on)
        for key, value in values.items():
            setattr(campaign, key, value)
        campaign.save()
    moved = outreach_relink(town_id=town.pk, first=first, last=last)
    if changes or moved:
        audit_record(
            action=action,
            actor=by,
            target=campaign,
            changes=changes,
            note=ngettext(
                "%(n)d contact changed campaign.", "%(n)d contacts changed campaign.", moved
            )
            % {"n": moved}
            if moved
            else "",
        )
    return campaign


def _check_listed_person(campaign: Campaign, person: Person, scope: Scope) -> None:
    errors: dict[str, list[str]] = {}
    if not scope.contains(person.unit):
        errors["person"] = [_("This person is outside your area.")]
    elif person.town_id != campaign.town_id:
        errors["person"] = [_("This person is not of the campaign's town.")]
    elif not OutsideTalent.objects.filter(person=person).exists():
        errors["person"] = [_("Only people in the register of those working elsewhere are listed.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def assignment_save(
    *,
    campaign: Campaign,
    person: Person,
    visitor: Visitor = NOBODY,
    expected_on: datetime.date | None = None,
    note: str = "",
    by: Account | None,
    scope: Scope,
) -> Assignment:
    """List someone as expected home during the campaign, or change who visits them."""
    scope.require(Capability.CHANGE_PEOPLE)
    _check_listed_person(campaign, person, scope)
    if not visitor_belongs(visitor, town=campaign.town):
        raise ValidationError({"visitor": [_("Choose a cadre of this town.")]})
    values = {**visitor.fields(), "expected_on": expected_on, "note": note.strip()}
    assignment = Assignment.objects.filter(campaign=campaign, person=person).first()
    before: dict[str, object] = {}
    if assignment is None:
        assignment = Assignment.objects.create(campaign=campaign, person=person, **values)
        outreach_relink(
            town_id=campaign.town_id,
            first=campaign.starts_on,
            last=campaign.ends_on,
            person_ids=[person.pk],
        )
    else:
        before = {
            "visitor": assignment.visitor_name or None,
            "expected_on": assignment.expected_on,
            "note": assignment.note,
        }
        for key, value in values.items():
            setattr(assignment, key, value)
        assignment.save()
    changes = diff_fields(
        before,
        {"visitor": visitor.name or None, "expected_on": expected_on, "note": values["note"]},
    )
    if changes:
        audit_record(
            action=Action.UPDATE if before else Action.CREATE,
            actor=by,
            target=assignment,
            target_repr=f"{campaign.name} {person.name}",
            changes=changes,
        )
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, by: Account | None, scope: Scope) -> None:
    """Take someone off a campaign's list (their contacts stay on record)."""
    scope.require(Capability.CHANGE_PEOPLE)
    person, campaign = assignment.person, assignment.campaign
    if not scope.contains(person.unit):
        raise ValidationError({"person": [_("This person is outside your area.")]})
    audit_record(
        action=Action.DELETE,
        actor=by,
        target=assignment,
        target_repr=f"{campaign.name} {person.name}",
        changes={"visitor": [assignment.visitor_name or None, None]},
    )
    assignment.delete()
    outreach_relink(
        town_id=campaign.town_id,
        first=campaign.starts_on,
        last=campaign.ends_on,
        person_ids=[person.pk],
    )


@transaction.atomic
def campaign_fill(*, campaign: Campaign, by: Account | None, scope: Scope) -> int:
    """List everyone still away who usually comes home at the campaign's holiday.

    "Still away": not returned before the campaign starts. People whose usual time is not
    known are listed too; nobody listed already is touched. Returns how many were added.
    """
    scope.require(Capability.MANAGE_TALENTS)
    if not scope.contains(campaign.town):
        raise ValidationError(_("This town is outside your area."))
    talents = scope.filter(
        OutsideTalent.objects.filter(
            town=campaign.town, home_time__in=home_times_expected_at(campaign.occasion)
        )
        .filter(Q(returned_on__isnull=True) | Q(returned_on__gte=campaign.starts_on))
        .exclude(person__campaign_assignments__campaign=campaign),
        unit_field="person__unit",
    )
    people = list(talents.values_list("person_id", "person__name").order_by("person_id"))
    Assignment.objects.bulk_create(
        [Assignment(campaign=campaign, person_id=person_id) for person_id, _name in people]
    )
    created = Assignment.objects.filter(
        campaign=campaign, person_id__in=[person_id for person_id, _name in people]
    )
    names = dict(people)
    audit_bulk(
        audit_entry(
            action=Action.CREATE,
            actor=by,
            target=assignment,
            target_repr=f"{campaign.name} {names[assignment.person_id]}",
        )
        for assignment in created
    )
    outreach_relink(
        town_id=campaign.town_id,
        first=campaign.starts_on,
        last=campaign.ends_on,
        person_ids=list(names),
    )
    return len(people)


@transaction.atomic
def symposium_save(
    *,
    campaign: Campaign,
    held_on: datetime.date,
    topic: str,
    place: str = "",
    by: Account | None,
    scope: Scope,
    symposium: Symposium | None = None,
) -> Symposium:
    """Plan a symposium (座谈会) on one of the campaign's days."""
    scope.require(Capability.MANAGE_TALENTS)
    errors: dict[str, list[str]] = {}
    if not scope.contains(campaign.town):
        errors["campaign"] = [_("This town is outside your area.")]
    if not campaign.starts_on <= held_on <= campaign.ends_on:
        errors["held_on"] = [
            _("A symposium of the campaign is held during it (%(first)s – %(last)s).")
            % {"first": campaign.starts_on.isoformat(), "last": campaign.ends_on.isoformat()}
        ]
    if not topic.strip():
        errors["topic"] = [_("Give the symposium a topic.")]
    if errors:
        raise ValidationError(errors)
    values = {"held_on": held_on, "topic": topic.strip(), "place": place.strip()}
    if symposium is None:
        symposium = Symposium.objects.create(campaign=campaign, **values)
        changes = diff_fields({}, values)
        action = Action.CREATE
    else:
        changes = diff_fields({key: getattr(symposium, key) for key in values}, values)
        for key, value in values.items():
            setattr(symposium, key, value)
        symposium.save()
        action = Action.UPDATE
    if changes:
        audit_record(action=action, actor=by, target=symposium, changes=changes)
    return symposium


@transaction.atomic
def symposium_invite(
    *, symposium: Symposium, people: Iterable[Person], by: Account | None, scope: Scope
) -> int:
    """Invite people of the campaign's town; those invited already are left as they are."""
    scope.require(Capability.MANAGE_TALENTS)
    campaign = symposium.campaign
    invited = set(symposium.invitations.values_list("person_id", flat=True))
    new = []
    for person in people:
        _check_listed_person(campaign, person, scope)
        if person.pk not in invited:
            invited.add(person.pk)
            new.append(person)
    SymposiumInvitee.objects.bulk_create(
        [SymposiumInvitee(symposium=symposium, person=person) for person in new]
    )
    audit_bulk(
        audit_entry(
            action=Action.CREATE,
            actor=by,
            target=symposium,
            target_repr=f"{symposium} {person.name}",
            note=_("invited"),
        )
        for person in new
    )
    return len(new)


@transaction.atomic
def symposium_attendance(
    *, symposium: Symposium, attended: Iterable[int], by: Account | None, scope: Scope
) -> int:
    """Record who came: each attendee gets a 座谈会 contact on the day, in the campaign.

    `attended` are person keys of invitees. Returns how many contacts were added.
    """
    scope.require(Capability.MANAGE_TALENTS)
    campaign = symposium.campaign
    if not scope.contains(campaign.town):
        raise ValidationError(_("This town is outside your area."))
    if symposium.held_on > timezone.localdate():
        raise ValidationError(_("Attendance is recorded once the symposium has taken place."))
    invitations = symposium.invitations.filter(person_id__in=set(attended)).select_related("person")
    people = {invitation.person_id: invitation.person for invitation in invitations}
    invitations.filter(attended=False).update(attended=True)
    recorded = set(
        Outreach.objects.filter(
            person_id__in=people, date=symposium.held_on, way=OutreachWay.SYMPOSIUM
        ).values_list("person_id", flat=True)
    )
    contacts = Outreach.objects.bulk_create(
        [
            Outreach(
                person=person,
                town_id=person.town_id,
                date=symposium.held_on,
                way=OutreachWay.SYMPOSIUM,
                occasion=campaign.occasion,
                notes=symposium.topic,
                campaign=campaign,
                recorded_by=by,
            )
            for person_id, person in people.items()
            if person_id not in recorded
        ]
    )
    follow_ups_close(people, on=symposium.held_on)
    audit_bulk(
        audit_entry(
            action=Action.CREATE,
            actor=by,
            target=contact,
            target_repr=f"{contact.person.name} {contact.date}",
            note=str(symposium),
        )
        for contact in contacts
    )
    return len(contacts)
