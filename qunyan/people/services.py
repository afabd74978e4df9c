"""Writes to the person registry. Forms, the importer and the demo all come through here."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_bulk, audit_entry, diff_fields
from qunyan.core.crypto import blind_index
from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.core.upsert import UpsertCounts, records_upsert

from .idnumbers import InvalidIdNumber, mask_id_number, mask_phone, parse_id_number
from .models import CadreTerm, Person
from .phones import is_valid_phone, normalise_phone
from .pinyin import name_keys

ID_PURPOSE = "id_number"
PHONE_PURPOSE = "phone"


def id_number_index(value: str) -> str:
    return blind_index(value, purpose=ID_PURPOSE)


def phone_index(value: str) -> str:
    return blind_index(value, purpose=PHONE_PURPOSE) if value else ""


def id_number_message(reason: str) -> str:
    """The user's-language explanation of an InvalidIdNumber reason."""
    messages = {
        "length": _("An ID number has 18 characters."),
        "characters": _("An ID number is 17 digits followed by a digit or X."),
        "birth_date": _("The birth date inside the ID number is not a real date."),
        "check_digit": _("The check digit does not match (GB 11643); please check the number."),
    }
    return messages.get(reason, _("This is not a valid ID number."))


@dataclass
class PersonData:
    """What a form or a roster row says about a person, already parsed into Python values."""

    name: str
    id_number: str
    unit: OrgUnit
    gender: str = ""
    ethnicity: str = ""
    birth_date: datetime.date | None = None
    education: str = ""
    political_status: str = ""
    phone: str = ""
    skills: str = ""
    # Filled by person_validate: the normalised ID's blind index.
    index: str = field(default="", compare=False)


def person_validate(data: PersonData, *, scope: Scope) -> dict[str, list[str]]:
    """Check one person's data; returns errors by field name and completes derived values."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    data.name = data.name.strip()
    if not data.name:
        add("name", _("A name is required."))
    elif len(data.name) > 50:
        add("name", _("A name has at most 50 characters."))
    try:
        parsed = parse_id_number(data.id_number)
    except InvalidIdNumber as exc:
        add("id_number", id_number_message(str(exc)))
    else:
        data.id_number = parsed.value
        data.index = id_number_index(parsed.value)
        if not data.gender:
            data.gender = parsed.gender
        elif data.gender != parsed.gender:
            add("gender", _("The gender does not agree with the ID number."))
        if data.birth_date is None:
            data.birth_date = parsed.birth_date
        elif data.birth_date != parsed.birth_date:
            add(
                "birth_date",
                _("The date of birth does not agree with the ID number (%(date)s).")
                % {"date": parsed.birth_date.isoformat()},
            )
    if data.phone:
        data.phone = normalise_phone(data.phone)
        if not is_valid_phone(data.phone):
            add("phone", _("Give an 11-digit mobile number or a landline with its area code."))
    if data.unit.kind not in (OrgUnit.Kind.TOWN, OrgUnit.Kind.VILLAGE, OrgUnit.Kind.COMMUNITY):
        add("unit", _("A person belongs to a town, a village or a community."))
    elif not scope.contains(data.unit):
        add("unit", _("This unit is outside your area."))
    return errors


def _values(data: PersonData) -> dict[str, Any]:
    pinyin, initials = name_keys(data.name)
    unit = data.unit
    return {
        "name": data.name,
        "name_pinyin": pinyin,
        "name_initials": initials,
        "gender": data.gender,
        "ethnicity": data.ethnicity,
        "birth_date": data.birth_date,
        "education": data.education,
        "political_status": data.political_status,
        "unit_id": unit.pk,
        "town_id": unit.pk if unit.kind == OrgUnit.Kind.TOWN else unit.town_id,
        "phone_index": phone_index(data.phone),
        "skills": data.skills,
    }


_COMPARED = ("name", "gender", "ethnicity", "birth_date", "education", "political_status",
             "unit_id", "phone_index", "skills")


def _created_changes(values: dict[str, Any], phone: str) -> dict[str, list[Any]]:
    """A new record's fields as the audit log keeps them: personal numbers masked."""
    view = {key: values[key] for key in _COMPARED if key != "phone_index"}
    view["phone"] = mask_phone(phone) if phone else ""
    return {key: [None, value] for key, [_old, value] in diff_fields({}, view).items()}


@dataclass
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    people: dict[str, Person] = field(default_factory=dict)  # by blind index


def people_upsert(*, rows: Sequence[PersonData], by: Account | None) -> UpsertResult:
    """Create or update validated people keyed by ID number, in bulk, with an audit entry each."""
    result = UpsertResult()
    existing = {p.id_number_index: p for p in Person.objects.filter(
        id_number_index__in=[row.index for row in rows])}
    to_create: list[Person] = []
    to_update: list[Person] = []
    created_changes: list[dict[str, list[Any]]] = []
    entries = []
    for row in rows:
        values = _values(row)
        person = existing.get(row.index)
        if person is None:
            person = Person(id_number=row.id_number, id_number_index=row.index, phone=row.phone,
                            **values)
            to_create.append(person)
            created_changes.append(_created_changes(values, row.phone))
        else:
            old = {key: getattr(person, key) for key in _COMPARED}
            changes = diff_fields(old, {key: values[key] for key in _COMPARED})
            if not changes:
                result.unchanged += 1
                result.people[row.index] = person
                continue
            if "phone_index" in changes:
                changes.pop("phone_index")
                changes["phone"] = [mask_phone(person.phone) if person.phone else "",
                                    mask_phone(row.phone) if row.phone else ""]
            for key, value in values.items():
                setattr(person, key, value)
            person.phone = row.phone
            to_update.append(person)
            entries.append(audit_entry(action=Action.UPDATE, actor=by, target=person,
                                       target_repr=f"{person.name} {mask_id_number(row.id_number)}",
                                       changes=changes))
        result.people[row.index] = person
    if to_create:
        Person.objects.bulk_create(to_create, batch_size=1000)
        for person, changes in zip(to_create, created_changes, strict=True):
            entries.append(audit_entry(
                action=Action.CREATE, actor=by, target=person,
                target_repr=f"{person.name} {mask_id_number(person.id_number)}", changes=changes,
            ))
    if to_update:
        now = timezone.now()  # bulk_update skips auto_now
        for person in to_update:
            person.updated_at = now
        Person.objects.bulk_update(
            to_update, [*_values_fields(), "phone", "updated_at"], batch_size=1000)
    audit_bulk(entries)
    result.created, result.updated = len(to_create), len(to_update)
    return result


def _values_fields() -> list[str]:
    return ["name", "name_pinyin", "name_initials", "gender", "ethnicity", "birth_date",
            "education", "political_status", "unit", "town", "phone_index", "skills"]


@transaction.atomic
def person_save(*, data: PersonData, by: Account | None, scope: Scope,
                person: Person | None = None) -> Person:
    """Create a person, or update `person`; raises ValidationError with field errors."""
    scope.require(Capability.CHANGE_PEOPLE)
    errors = person_validate(data, scope=scope)
    if person is not None and not scope.contains(person.unit):
        errors.setdefault("unit", []).append(_("This person is outside your area."))
    clash = Person.objects.filter(id_number_index=data.index).exclude(
        pk=person.pk if person else None).first() if data.index else None
    if clash is not None:
        errors.setdefault("id_number", []).append(
            _("Another person already has this ID number."))
    if errors:
        raise ValidationError(errors)
    if person is not None and person.id_number_index != data.index:
        # Correcting a mistyped ID number: re-key the record, audit the change masked.
        old_masked = mask_id_number(person.id_number)
        person.id_number, person.id_number_index = data.id_number, data.index
        person.save(update_fields=["id_number", "id_number_index"])
        audit_bulk([audit_entry(action=Action.UPDATE, actor=by, target=person,
                                changes={"id_number": [old_masked, mask_id_number(data.id_number)]})])
    result = people_upsert(rows=[data], by=by)
    return result.people[data.index]


def person_names(person_ids: Iterable[int]) -> dict[int, str]:
    """Names by primary key in one query, for audit descriptions of many records."""
    return dict(Person.objects.filter(pk__in=set(person_ids)).values_list("pk", "name"))


def cadre_terms_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update committee terms keyed by (person, post, start date)."""
    names = person_names(record["person_id"] for record in records)
    return records_upsert(
        CadreTerm, key=("person_id", "post", "started_on"), rows=records, by=by,
        describe=lambda term: f"{names[term.person_id]} {term.post}",
    )
