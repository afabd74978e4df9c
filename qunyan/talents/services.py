"""Writes to outside talents and outreach contacts (the register and what was said)."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.models import Account
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.core.versions import require_unchanged
from qunyan.people.models import Person
from qunyan.people.services import (
    PersonData,
    person_names,
    person_names_and_towns,
    person_save,
)

from .choices import Occasion
from .models import Assignment, Campaign, Outreach, OutsideTalent
from .visitors import NOBODY, Visitor, visitor_belongs
from .workflow import CampaignDays, campaign_for, outreach_errors, talent_errors


def outside_talents_upsert(
    *, records: Sequence[dict[str, Any]], by: Account | None
) -> UpsertCounts:
    """Create or update outside talents keyed by person (the 在外人才 sheet)."""
    names = person_names(record["person_id"] for record in records)
    return records_upsert(
        OutsideTalent,
        key=("person_id",),
        rows=records,
        by=by,
        describe=lambda talent: names[talent.person_id],
    )


def outreach_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update outreach contacts keyed by (person, date, way) (the 走访座谈 sheet).

    Contacts that fall in a campaign's days are linked to it, as those recorded by form are.
    """
    names, town_of = person_names_and_towns(record["person_id"] for record in records)
    # The town that keeps the contact: the person's town when it is written.
    rows = [{"town_id": town_of[record["person_id"]], **record} for record in records]
    counts = records_upsert(
        Outreach,
        key=("person_id", "date", "way"),
        rows=rows,
        by=by,
        describe=lambda contact: f"{names[contact.person_id]} {contact.date}",
    )
    if records:
        days = [record["date"] for record in records]
        for town_id in sorted(set(town_of.values())):
            outreach_relink(
                town_id=town_id, first=min(days), last=max(days), person_ids=list(names)
            )
    return counts


def outreach_relink(
    *,
    town_id: int,
    first: datetime.date,
    last: datetime.date,
    person_ids: Iterable[int] | None = None,
) -> int:
    """Link the town's contacts dated first…last to the campaign they fall in; returns changes.

    The link is derived data (the contact's date and the campaigns' days decide it), so it is
    not audited contact by contact; the caller's own audit entry says why it moved.
    """
    campaigns = [
        CampaignDays(pk, starts_on, ends_on)
        for pk, starts_on, ends_on in Campaign.objects.filter(
            town_id=town_id, starts_on__lte=last, ends_on__gte=first
        ).values_list("pk", "starts_on", "ends_on")
    ]
    contacts = Outreach.objects.filter(person__town_id=town_id, date__gte=first, date__lte=last)
    if person_ids is not None:
        contacts = contacts.filter(person_id__in=list(person_ids))
    if not campaigns:
        return contacts.exclude(campaign=None).update(campaign=None)
    listing: dict[int, set[int]] = defaultdict(set)
    for campaign_id, person_id in Assignment.objects.filter(
        campaign_id__in=[c.pk for c in campaigns]
    ).values_list("campaign_id", "person_id"):
        listing[person_id].add(campaign_id)
    moves: dict[int | None, list[int]] = defaultdict(list)
    for pk, person_id, day, current in contacts.values_list(
        "pk", "person_id", "date", "campaign_id"
    ):
        wanted = campaign_for(day, campaigns, listing=listing.get(person_id, ()))
        if wanted != current:
            moves[wanted].append(pk)
    for target, pks in moves.items():
        Outreach.objects.filter(pk__in=pks).update(campaign_id=target)
    return sum(len(pks) for pks in moves.values())


@dataclass
class TalentData:
    """What the register form says about someone working elsewhere."""

    place: str = ""
    trade: str = ""
    employer: str = ""
    home_time: str = ""
    returned_on: datetime.date | None = None
    business_started_on: datetime.date | None = None
    business_project: str = ""
    jobs_created: int | None = None
    investment: Decimal | None = None


@transaction.atomic
def talent_save(
    *,
    person: Person,
    data: TalentData,
    skills: str | None = None,
    phone: str = "",
    by: Account | None,
    scope: Scope,
    talent: OutsideTalent | None = None,
    version: str = "",
) -> OutsideTalent:
    """Enter someone in the register, or update their entry; skills and phone go to the registry.

    `skills` None leaves the registry's skills as they are; an empty `phone` leaves the phone.
    """
    scope.require(Capability.CHANGE_PEOPLE)
    if talent is not None:
        # `version`: the entry as the editor opened it (optimistic locking, core/versions.py).
        require_unchanged(talent, version)
    errors: dict[str, list[str]] = {}
    if not scope.contains(person.unit):
        errors["person"] = [_("This person is outside your area.")]
    if talent is None and OutsideTalent.objects.filter(person=person).exists():
        errors.setdefault("person", []).append(
            _("This person is in the register already; edit their entry instead.")
        )
    if talent is not None and talent.person_id != person.pk:
        errors.setdefault("person", []).append(_("This entry belongs to someone else."))
    values = asdict(data)
    for name in ("place", "trade", "employer", "business_project"):
        values[name] = values[name].strip()
    errors.update(
        talent_errors(
            returned_on=data.returned_on,
            business_started_on=data.business_started_on,
            business_project=values["business_project"],
            jobs_created=data.jobs_created,
            investment=data.investment,
        )
    )
    if errors:
        raise ValidationError(errors)
    _registry_update(person, skills=skills, phone=phone, by=by, scope=scope)
    if talent is None:
        talent = OutsideTalent.objects.create(person=person, town_id=person.town_id, **values)
        audit_record(
            action=Action.CREATE,
            actor=by,
            target=talent,
            target_repr=person.name,
            changes=diff_fields({}, values),
        )
        return talent
    changes = diff_fields({name: getattr(talent, name) for name in values}, values)
    if changes:
        for name, value in values.items():
            setattr(talent, name, value)
        talent.save()
        audit_record(
            action=Action.UPDATE,
            actor=by,
            target=talent,
            target_repr=person.name,
            changes=changes,
        )
    return talent


def _registry_update(
    person: Person, *, skills: str | None, phone: str, by: Account | None, scope: Scope
) -> None:
    """Skills and phone are the registry's: changed there, through its service and its rules."""
    new_skills = person.skills if skills is None else skills.strip()
    new_phone = phone.strip() or person.phone
    if new_skills == person.skills and new_phone == person.phone:
        return
    data = PersonData(
        name=person.name,
        id_number=person.id_number,
        unit=person.unit,
        gender=person.gender,
        ethnicity=person.ethnicity,
        birth_date=person.birth_date,
        education=person.education,
        political_status=person.political_status,
        phone=new_phone,
        skills=new_skills,
    )
    person_save(data=data, by=by, scope=scope, person=person)
    person.refresh_from_db()


@dataclass
class OutreachData:
    """What the outreach form says about a contact."""

    date: datetime.date
    way: str
    intent: str = ""
    notes: str = ""
    follow_up_on: datetime.date | None = None
    # Blank: the campaign's occasion when the date falls in one, else 其他.
    occasion: str = ""


def _campaign_of(person: Person, day: datetime.date) -> Campaign | None:
    campaigns = list(
        Campaign.objects.filter(town_id=person.town_id, starts_on__lte=day, ends_on__gte=day)
    )
    listing = set(
        Assignment.objects.filter(campaign__in=campaigns, person=person).values_list(
            "campaign_id", flat=True
        )
    )
    days = [CampaignDays(c.pk, c.starts_on, c.ends_on) for c in campaigns]
    chosen = campaign_for(day, days, listing=listing)
    return next((c for c in campaigns if c.pk == chosen), None)


def _check_outreach(
    person: Person,
    data: OutreachData,
    visitor: Visitor,
    *,
    scope: Scope,
    contact: Outreach | None = None,
) -> None:
    errors: dict[str, list[str]] = {}
    if not scope.contains(person.unit):
        errors["person"] = [_("This person is outside your area.")]
    errors.update(
        outreach_errors(date=data.date, follow_up_on=data.follow_up_on, today=timezone.localdate())
    )
    same = Outreach.objects.filter(person=person, date=data.date, way=data.way)
    if contact is not None:
        same = same.exclude(pk=contact.pk)
    if same.exists():
        errors.setdefault("date", []).append(
            _("A contact of this kind with this person on that day is recorded already.")
        )
    if not visitor_belongs(visitor, town=person.town):
        errors["visitor"] = [_("Choose a cadre of this town.")]
    if errors:
        raise ValidationError(errors)


def follow_ups_close(person_ids: Iterable[int], *, on: datetime.date) -> int:
    """A later contact is the follow-up of the open ones before it."""
    return Outreach.objects.filter(
        person_id__in=list(person_ids),
        date__lt=on,
        follow_up_on__isnull=False,
        follow_up_done_on__isnull=True,
    ).update(follow_up_done_on=on)


@transaction.atomic
def outreach_record(
    *,
    person: Person,
    data: OutreachData,
    visitor: Visitor = NOBODY,
    by: Account | None,
    scope: Scope,
) -> Outreach:
    """Record a visit or symposium contact; it joins the campaign whose days hold its date.

    Open follow-ups of earlier contacts with the person count as done by this one.
    """
    scope.require(Capability.CHANGE_PEOPLE)
    _check_outreach(person, data, visitor, scope=scope)
    campaign = _campaign_of(person, data.date)
    occasion = data.occasion or (campaign.occasion if campaign else Occasion.OTHER)
    contact = Outreach.objects.create(
        person=person,
        town_id=person.town_id,
        date=data.date,
        way=data.way,
        occasion=occasion,
        notes=data.notes.strip(),
        intent=data.intent,
        follow_up_on=data.follow_up_on,
        campaign=campaign,
        recorded_by=by,
        **visitor.fields(),
    )
    closed = follow_ups_close([person.pk], on=data.date)
    audit_record(
        action=Action.CREATE,
        actor=by,
        target=contact,
        target_repr=f"{person.name} {data.date}",
        changes=diff_fields(
            {},
            {
                "date": data.date,
                "way": data.way,
                "intent": data.intent,
                "follow_up_on": data.follow_up_on,
                "campaign": campaign.name if campaign else None,
                "visitor": visitor.name or None,
            },
        ),
        note=ngettext("Closes %(n)d earlier follow-up.", "Closes %(n)d earlier follow-ups.", closed)
        % {"n": closed}
        if closed
        else "",
    )
    return contact


@transaction.atomic
def outreach_update(
    *,
    contact: Outreach,
    data: OutreachData,
    visitor: Visitor = NOBODY,
    by: Account | None,
    scope: Scope,
    version: str = "",
) -> Outreach:
    """Correct a recorded contact; a new date may move it to another campaign."""
    scope.require(Capability.CHANGE_PEOPLE)
    require_unchanged(contact, version)
    person = contact.person
    _check_outreach(person, data, visitor, scope=scope, contact=contact)
    campaign = _campaign_of(person, data.date)
    occasion = data.occasion or (campaign.occasion if campaign else contact.occasion)
    before = {
        "date": contact.date,
        "way": contact.way,
        "occasion": contact.occasion,
        "notes": contact.notes,
        "intent": contact.intent,
        "follow_up_on": contact.follow_up_on,
        "campaign": contact.campaign.name if contact.campaign else None,
        "visitor": contact.visitor_name or None,
    }
    contact.date, contact.way, contact.occasion = data.date, data.way, occasion
    contact.notes, contact.intent = data.notes.strip(), data.intent
    if contact.follow_up_on != data.follow_up_on:
        contact.follow_up_done_on = None
    contact.follow_up_on = data.follow_up_on
    contact.campaign = campaign
    contact.visitor_account, contact.visitor_person = visitor.account, visitor.person
    after = {
        **before,
        "date": contact.date,
        "way": contact.way,
        "occasion": contact.occasion,
        "notes": contact.notes,
        "intent": contact.intent,
        "follow_up_on": contact.follow_up_on,
        "campaign": campaign.name if campaign else None,
        "visitor": visitor.name or None,
    }
    changes = diff_fields(before, after)
    if changes:
        contact.save()
        audit_record(
            action=Action.UPDATE,
            actor=by,
            target=contact,
            target_repr=f"{person.name} {contact.date}",
            changes=changes,
        )
    return contact


@transaction.atomic
def follow_up_done(
    *, contact: Outreach, on: datetime.date, by: Account | None, scope: Scope
) -> Outreach:
    """Mark a contact's follow-up as done on a day (a call, a message …)."""
    scope.require(Capability.CHANGE_PEOPLE)
    errors: dict[str, list[str]] = {}
    if not scope.contains(contact.person.unit):
        errors["person"] = [_("This person is outside your area.")]
    if contact.follow_up_on is None:
        errors["on"] = [_("This contact has no follow-up to do.")]
    if on < contact.date:
        errors.setdefault("on", []).append(_("The follow-up cannot come before the contact."))
    if on > timezone.localdate():
        errors.setdefault("on", []).append(_("A follow-up is marked done once it is."))
    if errors:
        raise ValidationError(errors)
    old = contact.follow_up_done_on
    contact.follow_up_done_on = on
    contact.save(update_fields=["follow_up_done_on", "updated_at"])
    audit_record(
        action=Action.UPDATE,
        actor=by,
        target=contact,
        target_repr=f"{contact.person.name} {contact.date}",
        changes=diff_fields({"follow_up_done_on": old}, {"follow_up_done_on": on}),
    )
    return contact
