"""Writes to the person registry. Forms, the importer and the demo all come through here."""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_bulk, audit_entry, diff_fields
from qunyan.core.crypto import blind_index
from qunyan.core.models import Account, AuditEntry, OrgUnit
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


_COMPARED = (
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "education",
    "political_status",
    "unit_id",
    "phone_index",
    "skills",
)


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


def people_upsert(
    *, rows: Sequence[PersonData], by: Account | None, keep_people: bool = True
) -> UpsertResult:
    """Create or update validated people keyed by ID number, in bulk, with an audit entry each.

    With keep_people=False (the importer) result.people stays empty: people found are compared
    without loading their records (only those that change are loaded), and new people are
    written as plain rows without model instances.
    """
    result = UpsertResult()
    indexes = [row.index for row in rows]
    loaded: dict[Any, Person] = {}
    if keep_people:
        loaded = {p.pk: p for p in Person.objects.filter(id_number_index__in=indexes)}
        found = {
            p.id_number_index: (p.pk, p.id_number_index, *[getattr(p, key) for key in _COMPARED])
            for p in loaded.values()
        }
    else:
        found = {
            stored[1]: stored
            for stored in Person.objects.filter(id_number_index__in=indexes)
            .order_by()
            .values_list("pk", "id_number_index", *_COMPARED)
        }
    to_create: list[PersonData] = []
    changed: list[tuple[Any, PersonData, dict[str, list[Any]]]] = []
    for row in rows:
        stored = found.get(row.index)
        if stored is None:
            to_create.append(row)
            continue
        changes = diff_fields(dict(zip(_COMPARED, stored[2:], strict=True)), _compared(row))
        if changes:
            changed.append((stored[0], row, changes))
        else:
            result.unchanged += 1
    if not keep_people and changed:
        loaded = Person.objects.in_bulk([pk for pk, _row, _changes in changed])
    to_update: list[Person] = []
    entries = []
    for pk, row, changes in changed:
        person = loaded[pk]
        values = _values(row)
        if "phone_index" in changes:
            changes.pop("phone_index")
            changes["phone"] = [
                mask_phone(person.phone) if person.phone else "",
                mask_phone(row.phone) if row.phone else "",
            ]
        for key, value in values.items():
            setattr(person, key, value)
        person.phone = row.phone
        to_update.append(person)
        entries.append(
            audit_entry(
                action=Action.UPDATE,
                actor=by,
                target=person,
                target_repr=f"{person.name} {mask_id_number(row.id_number)}",
                changes=changes,
            )
        )
    created = _people_create(to_create, keep_people=keep_people) if to_create else {}
    if to_update:
        now = timezone.now()  # bulk_update skips auto_now
        for person in to_update:
            person.updated_at = now
        Person.objects.bulk_update(
            to_update, [*_values_fields(), "phone", "updated_at"], batch_size=1000
        )
    # The changed people's entries first, then the new people's, in the order of the rows.
    audit_bulk(entries)
    if to_create:
        _audit_created(created, to_create, by=by)
    if keep_people:
        people = {person.id_number_index: person for person in loaded.values()}
        for row in rows:
            person = people.get(row.index) or created[row.index][1]
            assert person is not None
            result.people[row.index] = person
    result.created, result.updated = len(to_create), len(to_update)
    return result


def _compared(row: PersonData) -> dict[str, Any]:
    """The _COMPARED values of a row, as _values() gives them (without the pinyin keys)."""
    return {
        "name": row.name,
        "gender": row.gender,
        "ethnicity": row.ethnicity,
        "birth_date": row.birth_date,
        "education": row.education,
        "political_status": row.political_status,
        "unit_id": row.unit.pk,
        "phone_index": phone_index(row.phone),
        "skills": row.skills,
    }


# New people are written as plain rows rather than through bulk_create, which spends most of a
# large import building model instances and compiling every value into SQL: COPY on PostgreSQL,
# executemany elsewhere, each value as the field's own get_db_prep_save makes it (encryption
# included). What is stored is what bulk_create and audit_bulk would store.

_Created = dict[str, tuple[Any, Person | None, dict[str, Any]]]  # index → (pk, person, values)


def _people_create(rows: Sequence[PersonData], *, keep_people: bool) -> _Created:
    """Insert new people; their primary keys, values (and instances when kept) by index."""
    now = timezone.now()  # auto_now_add and auto_now, as bulk_create sets them
    records = []
    for row in rows:
        values = _values(row)
        values.update(
            id_number=row.id_number,
            id_number_index=row.index,
            phone=row.phone,
            created_at=now,
            updated_at=now,
        )
        records.append(values)
    connection = connections[router.db_for_write(Person)]
    pk_name = Person._meta.pk.attname
    if connection.vendor == "postgresql":
        # Keys first (one query), so the rows can go in with COPY, which returns nothing.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [Person._meta.db_table, Person._meta.pk.column, len(records)],
            )
            pks = [pk for (pk,) in cursor.fetchall()]
        for record, pk in zip(records, pks, strict=True):
            record[pk_name] = pk
        _insert_rows(
            Person, records, connection, with_pk=True, constant=("created_at", "updated_at")
        )
    else:
        _insert_rows(
            Person, records, connection, with_pk=False, constant=("created_at", "updated_at")
        )
        indexes = [record["id_number_index"] for record in records]
        by_index: dict[str, Any] = {}
        for start in range(0, len(indexes), 900):
            by_index.update(
                Person.objects.filter(id_number_index__in=indexes[start : start + 900])
                .order_by()
                .values_list("id_number_index", "pk")
            )
        pks = [by_index[index] for index in indexes]
    created: _Created = {}
    for row, record, pk in zip(rows, records, pks, strict=True):
        person = None
        if keep_people:  # as bulk_create leaves them
            record[pk_name] = pk
            person = Person(**record)
            person._state.adding = False
            person._state.db = connection.alias
        created[row.index] = (pk, person, record)
    return created


def _audit_created(created: _Created, rows: Sequence[PersonData], *, by: Account | None) -> None:
    """An audit entry per new person, as audit_entry() makes it, written as plain rows."""
    template = audit_entry(action=Action.CREATE, actor=by, target=Person(pk=0), target_repr="-")
    base = {f.attname: getattr(template, f.attname) for f in AuditEntry._meta.concrete_fields}
    varying = ("target_id", "target_repr", "changes")
    records = []
    for row in rows:
        pk, _person, values = created[row.index]
        records.append(
            {
                **base,
                "target_id": str(pk),
                "target_repr": f"{values['name']} {mask_id_number(row.id_number)}"[:200],
                "changes": _created_changes(values, row.phone),
            }
        )
    _insert_rows(
        AuditEntry,
        records,
        connections[router.db_for_write(AuditEntry)],
        with_pk=False,
        constant=[name for name in base if name not in varying],
    )


def _insert_rows(
    model: type[models.Model],
    records: Sequence[dict[str, Any]],
    connection: Any,
    *,
    with_pk: bool,
    constant: Iterable[str] = (),
) -> None:
    """INSERT records (attname → Python value); `constant` fields hold one value in all."""
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    constant = set(constant)
    plan: list[tuple[str, Callable[[Any], Any], Any]] = []
    for f in fields:
        convert = _converter(f, connection)
        fixed = convert(records[0][f.attname]) if f.attname in constant else _VARYING
        plan.append((f.attname, convert, fixed))
    rows = [
        tuple(
            convert(record[name]) if fixed is _VARYING else fixed for name, convert, fixed in plan
        )
        for record in records
    ]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in rows:
                    copy.write_row(values)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


_VARYING = object()


def _converter(f: Any, connection: Any) -> Callable[[Any], Any]:
    """A field's get_db_prep_save, short-cut where it would hand the value back unchanged."""
    kind = type(f)
    plain: type | None = None
    if kind in (models.CharField, models.TextField):
        plain = str
    elif kind in (models.AutoField, models.BigAutoField) or (
        isinstance(f, models.ForeignKey)
        and type(f.target_field) in (models.AutoField, models.BigAutoField)
    ):
        plain = int
    elif kind is models.DateField:
        adapt = connection.ops.adapt_datefield_value
        return lambda value: (
            adapt(value) if type(value) is datetime.date else f.get_db_prep_save(value, connection)
        )
    if plain is None:
        return lambda value: f.get_db_prep_save(value, connection)
    return lambda value: (
        value if value is None or type(value) is plain else f.get_db_prep_save(value, connection)
    )


def _values_fields() -> list[str]:
    return [
        "name",
        "name_pinyin",
        "name_initials",
        "gender",
        "ethnicity",
        "birth_date",
        "education",
        "political_status",
        "unit",
        "town",
        "phone_index",
        "skills",
    ]


@transaction.atomic
def person_save(
    *, data: PersonData, by: Account | None, scope: Scope, person: Person | None = None
) -> Person:
    """Create a person, or update `person`; raises ValidationError with field errors."""
    scope.require(Capability.CHANGE_PEOPLE)
    errors = person_validate(data, scope=scope)
    if person is not None and not scope.contains(person.unit):
        errors.setdefault("unit", []).append(_("This person is outside your area."))
    clash = None
    if data.index:
        others = Person.objects.filter(id_number_index=data.index)
        clash = (others.exclude(pk=person.pk) if person else others).first()
    if clash is not None:
        errors.setdefault("id_number", []).append(_("Another person already has this ID number."))
    if errors:
        raise ValidationError(errors)
    if person is not None and person.id_number_index != data.index:
        # Correcting a mistyped ID number: re-key the record, audit the change masked.
        old_masked = mask_id_number(person.id_number)
        person.id_number, person.id_number_index = data.id_number, data.index
        person.save(update_fields=["id_number", "id_number_index"])
        audit_bulk(
            [
                audit_entry(
                    action=Action.UPDATE,
                    actor=by,
                    target=person,
                    changes={"id_number": [old_masked, mask_id_number(data.id_number)]},
                )
            ]
        )
    result = people_upsert(rows=[data], by=by)
    return result.people[data.index]


def person_names(person_ids: Iterable[int]) -> dict[int, str]:
    """Names by primary key in one query, for audit descriptions of many records."""
    return dict(Person.objects.filter(pk__in=set(person_ids)).values_list("pk", "name"))


def cadre_terms_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update committee terms keyed by (person, post, start date)."""
    names = person_names(record["person_id"] for record in records)
    return records_upsert(
        CadreTerm,
        key=("person_id", "post", "started_on"),
        rows=records,
        by=by,
        describe=lambda term: f"{names[term.person_id]} {term.post}",
    )
