"""Writes to the person registry. Forms, the importer and the demo all come through here."""

import contextlib
import datetime
import functools
import itertools
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_bulk, audit_entry, diff_fields
from qunyan.core.crypto import blind_index
from qunyan.core.dates import day
from qunyan.core.models import Account, AuditEntry, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.core.versions import require_unchanged

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
        add("name", _("The person's name is required."))
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
                % {"date": day(parsed.birth_date)},
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
    # {key: [None, new]} of diff_fields({}, view), short-cut for what it keeps as it is.
    changes = {}
    for key in _CREATED_FIELDS:
        value = values[key]
        if value is not None:
            if type(value) is datetime.date:
                value = _audit_date(value)
            elif not isinstance(value, str | int | float | bool):
                value = diff_fields({}, {key: value})[key][1]
            changes[key] = [None, value]
    changes["phone"] = [None, mask_phone(phone) if phone else ""]
    return changes


_CREATED_FIELDS = tuple(key for key in _COMPARED if key != "phone_index")


@functools.lru_cache(maxsize=65536)
def _audit_date(value: datetime.date) -> Any:
    """A date as diff_fields keeps it (birth dates repeat: once per date)."""
    return diff_fields({}, {"date": value})["date"][1]


@dataclass
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    people: dict[str, Person] = field(default_factory=dict)  # by blind index


def people_upsert(
    *,
    rows: Sequence[PersonData],
    by: Account | None,
    keep_people: bool = True,
    behind: "WriteBehind | None" = None,
) -> UpsertResult:
    """Create or update validated people keyed by ID number, in bulk, with an audit entry each.

    With keep_people=False (the importer) result.people stays empty: people found are compared
    without loading their records (only those that change are loaded), and new people are
    written as plain rows without model instances; with `behind` as well, that writing happens
    in the background while the caller prepares its next batch (see WriteBehind).
    """
    speculative = None
    if behind is not None:
        if rows and behind.busy and behind.expect_new:
            # While the previous batch is still being written, the rows are prepared as new
            # people, as most of the previous batch's were (kept for those not found).
            speculative = _NewPeople(rows, by=by)
        behind.wait()  # the previous batch is written before this one is looked up
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
        found = {stored[1]: stored for stored in _stored(indexes)}
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
    new_people = None
    if to_create:
        new_people = speculative.only(to_create) if speculative else _NewPeople(to_create, by=by)
    if behind is not None:
        behind.expect_new = 2 * len(to_create) >= len(rows)
    if to_update:
        now = timezone.now()  # bulk_update skips auto_now
        for person in to_update:
            person.updated_at = now
        Person.objects.bulk_update(
            to_update, [*_values_fields(), "phone", "updated_at"], batch_size=1000
        )
    # The changed people's entries first, then the new people's, in the order of the rows.
    audit_bulk(entries)
    if new_people is not None:
        if behind is not None and not keep_people:
            behind.submit(new_people.write)
        else:
            new_people.write()
    if keep_people:
        people = {person.id_number_index: person for person in loaded.values()}
        if new_people is not None:
            people.update(new_people.instances())
        for row in rows:
            result.people[row.index] = people[row.index]
    result.created, result.updated = len(to_create), len(to_update)
    return result


def _stored(indexes: list[str]) -> Iterable[tuple[Any, ...]]:
    """(pk, id_number_index, *_COMPARED) of the people with these indexes."""
    connection = connections[router.db_for_read(Person)]
    if connection.vendor != "postgresql":
        return (
            Person.objects.filter(id_number_index__in=indexes)
            .order_by()
            .values_list("pk", "id_number_index", *_COMPARED)
        )
    # One index probe per wanted key: for "IN (2,000 keys)" PostgreSQL's planner prefers to
    # scan a table of up to some hundred thousand people in parallel (5 times slower here).
    fields: list[Any] = [
        Person._meta.pk,
        *(Person._meta.get_field(name) for name in ("id_number_index", *_COMPARED)),
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(f"p.{quote(f.column)}" for f in fields)
    index_column = quote(Person._meta.get_field("id_number_index").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM unnest(%s::varchar[]) AS wanted(key) CROSS JOIN LATERAL "  # noqa: S608
            f"(SELECT * FROM {quote(Person._meta.db_table)} WHERE {index_column} = wanted.key "
            "LIMIT 1) AS p",
            [indexes],
        )
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    table = Person._meta.db_table
    converters = [
        (i, converter, f.get_col(table))
        for i, f in enumerate(fields)
        for converter in connection.ops.get_db_converters(f.get_col(table))
        + f.get_db_converters(connection)
    ]
    if not converters:
        return rows
    result = []
    for row in rows:
        values = list(row)
        for i, converter, expression in converters:
            values[i] = converter(values[i], expression, connection)
        result.append(tuple(values))
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
# INSERTs of many rows at once on SQLite, each value as the field's own get_db_prep_save makes
# it (encryption included), and the audit entries as audit_entry() makes them. What is stored
# is what bulk_create and audit_bulk would store, keys included.


class _NewPeople:
    """New people of one batch and their audit entries: prepared at once (their database
    values a column at a time), written by write()."""

    def __init__(self, rows: Sequence[PersonData], *, by: Account | None) -> None:
        self.connection = connections[router.db_for_write(Person)]
        self.audit_connection = connections[router.db_for_write(AuditEntry)]
        now = timezone.now()  # auto_now_add and auto_now, as bulk_create sets them
        self.records: list[dict[str, Any]] = []
        for row in rows:
            values = _values(row)
            values.update(
                id_number=row.id_number,
                id_number_index=row.index,
                phone=row.phone,
                created_at=now,
                updated_at=now,
            )
            self.records.append(values)
        self.fields, self.columns = _db_columns(
            Person, self.records, self.connection, constant=("created_at", "updated_at")
        )
        # The audit entries, but for their target's key, known once the people are written.
        template = audit_entry(action=Action.CREATE, actor=by, target=Person(pk=0), target_repr="-")
        audit_records = [
            {
                "target_repr": f"{values['name']} {mask_id_number(values['id_number'])}"[:200],
                "changes": _created_changes(values, values["phone"]),
            }
            for values in self.records
        ]
        self.audit_fields, self.audit_columns = _db_columns(
            AuditEntry, audit_records, self.audit_connection, template=template
        )
        self.target_at = [f.attname for f in self.audit_fields].index("target_id")
        self.pks: list[Any] = []

    def only(self, rows: Sequence[PersonData]) -> "_NewPeople":
        """Keep the people of `rows` (in their order among those prepared)."""
        if len(rows) < len(self.records):
            keep = {row.index for row in rows}
            wanted = [record["id_number_index"] in keep for record in self.records]
            self.records = list(itertools.compress(self.records, wanted))
            self.columns = [_compress(column, wanted) for column in self.columns]
            self.audit_columns = [_compress(column, wanted) for column in self.audit_columns]
        return self

    def write(self) -> None:
        """INSERT the people, then their audit entries; uses no ORM (it may run in a thread)."""
        connection = self.connection
        quote = connection.ops.quote_name
        table, pk_column = quote(Person._meta.db_table), quote(Person._meta.pk.column)
        count = len(self.records)
        columns = [_expand(column, count) for column in self.columns]
        if connection.vendor in ("postgresql", "sqlite"):
            # Keys first, as the database would give them, so that the rows go in with
            # statements that return nothing: COPY, or INSERTs of many rows at once.
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute(
                        "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                        "FROM generate_series(1, %s)",
                        [Person._meta.db_table, Person._meta.pk.column, count],
                    )
                    self.pks = [pk for (pk,) in cursor.fetchall()]
                else:
                    # AUTOINCREMENT: one more than the largest key the table has ever had.
                    # The transaction holds SQLite's write lock (the app's BEGIN IMMEDIATE), so
                    # no one else inserts meanwhile; were it not so, a key taken meanwhile would
                    # make the INSERT fail (unique key), never overwrite.
                    cursor.execute(
                        f"SELECT max(coalesce((SELECT max({pk_column}) FROM {table}), 0), "  # noqa: S608
                        "coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
                        [Person._meta.db_table],
                    )
                    last = cursor.fetchone()[0]
                    self.pks = list(range(last + 1, last + 1 + count))
            rows = list(zip(self.pks, *columns, strict=True))
            _write_rows(connection, Person, [Person._meta.pk, *self.fields], rows)
        else:
            _write_rows(connection, Person, self.fields, list(zip(*columns, strict=True)))
            index_column = quote(Person._meta.get_field("id_number_index").column)
            select = f"SELECT {index_column}, {pk_column} FROM {table} WHERE {index_column} IN "  # noqa: S608
            indexes = [record["id_number_index"] for record in self.records]
            by_index: dict[str, Any] = {}
            with connection.cursor() as cursor:
                for start in range(0, len(indexes), 500):
                    chunk = indexes[start : start + 500]
                    cursor.execute(select + f"({', '.join(['%s'] * len(chunk))})", chunk)
                    by_index.update(cursor.fetchall())
            self.pks = [by_index[index] for index in indexes]
        audit_columns = [_expand(column, count) for column in self.audit_columns]
        audit_columns[self.target_at] = [str(pk) for pk in self.pks]
        _write_rows(
            self.audit_connection,
            AuditEntry,
            self.audit_fields,
            list(zip(*audit_columns, strict=True)),
        )

    def instances(self) -> dict[str, Person]:
        """The written people as bulk_create leaves its objects, by index."""
        people = {}
        for record, pk in zip(self.records, self.pks, strict=True):
            person = Person(**record)
            person.pk = pk
            person._state.adding = False
            person._state.db = self.connection.alias
            people[record["id_number_index"]] = person
        return people


class _Same:
    """A column holding one value in every row."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _compress(column: "list[Any] | _Same", wanted: list[bool]) -> "list[Any] | _Same":
    return column if isinstance(column, _Same) else list(itertools.compress(column, wanted))


def _expand(column: "list[Any] | _Same", count: int) -> Iterable[Any]:
    return itertools.repeat(column.value, count) if isinstance(column, _Same) else column


def _db_columns(
    model: type[models.Model],
    records: Sequence[dict[str, Any]],
    connection: Any,
    *,
    constant: Iterable[str] = (),
    template: models.Model | None = None,
) -> tuple[list[Any], "list[list[Any] | _Same]"]:
    """The fields (but the primary key) and the database values of records (attname → value),
    a column at a time. A field in `constant` has one value in all records; a field that the
    records lack has the template's value in all of them."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    constant = set(constant)
    columns: list[list[Any] | _Same] = []
    first = records[0]
    for f in fields:
        if f.attname in constant:
            columns.append(_Same(f.get_db_prep_save(first[f.attname], connection)))
        elif f.attname not in first and template is not None:
            columns.append(_Same(f.get_db_prep_save(getattr(template, f.attname), connection)))
        else:
            columns.append(_db_column(f, [record[f.attname] for record in records], connection))
    return fields, columns


def _db_column(f: Any, values: list[Any], connection: Any) -> list[Any]:
    """A column's values as the field's get_db_prep_save makes them, short-cut where its
    layers hand the values on unchanged or to one call (checked on the values' types)."""
    kind = type(f)
    types = set(map(type, values))
    if kind in (models.CharField, models.TextField):
        plain: type | None = str  # str and its subclasses (TextChoices), but lazy text
    elif kind in (models.AutoField, models.BigAutoField) or (
        isinstance(f, models.ForeignKey)
        and type(f.target_field) in (models.AutoField, models.BigAutoField)
    ):
        plain = int
    elif kind is models.DateField and types <= {datetime.date}:
        return list(map(connection.ops.adapt_datefield_value, values))
    elif kind is models.JSONField and types <= {dict}:
        adapt_json, encoder = connection.ops.adapt_json_value, f.encoder
        return [adapt_json(value, encoder) for value in values]
    elif (
        kind.get_db_prep_save is models.Field.get_db_prep_save
        and kind.get_db_prep_value is models.Field.get_db_prep_value
        and types <= {str}
    ):
        # Field.get_db_prep_save(text) is get_prep_value(text) here (EncryptedTextField).
        return list(map(f.get_prep_value, values))
    else:
        plain = None
    if plain is not None and all(
        kind is type(None) or (issubclass(kind, plain) and not issubclass(kind, Promise))
        for kind in types
    ):
        return values  # get_db_prep_save would return each as it is
    return [f.get_db_prep_save(value, connection) for value in values]


def _write_rows(
    connection: Any,
    model: type[models.Model],
    fields: Sequence[Any],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """INSERT database values: COPY on PostgreSQL; on SQLite, as many rows per INSERT as its
    limit of parameters allows (a statement runs without the interpreter lock, where each row
    of executemany would take it again); executemany elsewhere."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in rows:
                    copy.write_row(values)
        elif connection.vendor == "sqlite":
            # Straight to sqlite3 with its own placeholders: Django's cursor would rewrite
            # tens of thousands of %s for each statement.
            marks = "(" + ", ".join(["?"] * len(fields)) + ")"
            per_statement = max(1, _sqlite_max_params(connection) // len(fields))
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                connection.connection.execute(
                    f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([marks] * len(chunk)),  # noqa: S608
                    list(itertools.chain.from_iterable(chunk)),
                )
        else:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES {marks}", rows)  # noqa: S608


def _sqlite_max_params(connection: Any) -> int:
    """The SQLite library's limit of parameters per statement (Django assumes 999)."""
    try:
        return int(connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    except AttributeError:  # Python < 3.11
        return int(connection.features.max_query_params)


class WriteBehind:
    """One write at a time in a thread, on the caller's connections and in its transaction.

    The database does its part outside the interpreter lock (SQLite in C, PostgreSQL in its
    server), so the caller can read and check its next batch meanwhile. The caller must wait()
    before its next use of the database, and finish() before it leaves the transaction
    (whatever happens); both re-raise what the write raised.
    """

    def __init__(self) -> None:
        aliases = {router.db_for_write(Person), router.db_for_write(AuditEntry)}
        self.connections = [connections[alias] for alias in sorted(aliases)]
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self.expect_new = False  # the caller's guess: its next batch is mostly new rows

    @property
    def busy(self) -> bool:
        """A write was submitted and not waited for."""
        return self._thread is not None

    def submit(self, write: Callable[[], None]) -> None:
        self.wait()

        def run() -> None:
            try:
                write()
            except BaseException as exc:  # handed over by wait()
                self._error = exc

        for connection in self.connections:
            connection.inc_thread_sharing()
        self._thread = threading.Thread(target=run, name="qunyan-write-behind", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Return once the write is done; raise what it raised."""
        if self._thread is None:
            return
        self._thread.join()
        self._thread = None
        for connection in self.connections:
            connection.dec_thread_sharing()
        error, self._error = self._error, None
        if error is not None:
            raise error

    @contextlib.contextmanager
    def running(self) -> Iterator["WriteBehind"]:
        """Use the writer in a block, which ends only once the last write is done."""
        with contextlib.ExitStack() as stack:
            stack.enter_context(_quick_handoffs())
            for connection in self.connections:
                if connection.vendor == "sqlite":
                    stack.enter_context(_sqlite_cache(connection, _BULK_CACHE_KIB))
                elif connection.vendor == "postgresql":
                    stack.enter_context(_pg_checks_at_once(connection, [Person, AuditEntry]))
            try:
                yield self
            except BaseException:
                # The block's own exception is the one to see; the write is only waited for.
                with contextlib.suppress(BaseException):
                    self.wait()
                raise
            self.wait()


class _Handoffs:
    """While writes run behind, the interpreter lock changes hands every 0.5 ms, not 5: the
    writer, back from the database, goes on at once instead of queueing behind the caller's
    Python (about a second of a 200,000-row import on PostgreSQL). Process-wide, so counted."""

    lock = threading.Lock()
    users = 0
    before = 0.0


@contextlib.contextmanager
def _quick_handoffs(interval: float = 0.0005) -> Iterator[None]:
    with _Handoffs.lock:
        if _Handoffs.users == 0:
            _Handoffs.before = sys.getswitchinterval()
            sys.setswitchinterval(min(interval, _Handoffs.before))
        _Handoffs.users += 1
    try:
        yield
    finally:
        with _Handoffs.lock:
            _Handoffs.users -= 1
            if _Handoffs.users == 0:
                sys.setswitchinterval(_Handoffs.before)


# SQLite's page cache while a sheet is written (2 MiB by default): the registry's indexes are
# written in random order, and a small cache writes out and reads back the same pages many
# times; 32 MiB makes a large import about a third faster and more makes no difference.
_BULK_CACHE_KIB = 32 * 1024


@contextlib.contextmanager
def _pg_checks_at_once(connection: Any, written: list[type[models.Model]]) -> Iterator[None]:
    """Check the deferred foreign keys of the tables written behind as rows go in, then defer
    them again: checked at the commit, they would make it wait for every row; checked at
    once, the server checks each row while the caller prepares the next batch."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(conname) FROM pg_constraint WHERE contype = 'f' AND "
            "condeferrable AND condeferred AND conrelid = ANY(%s::regclass[])",
            [[model._meta.db_table for model in written]],
        )
        names = ", ".join(name for (name,) in cursor.fetchall())
        if not names:
            yield
            return
        cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")
    yield  # an exception ends the transaction, and with it this setting
    with connection.cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS {names} DEFERRED")


@contextlib.contextmanager
def _sqlite_cache(connection: Any, kib: int) -> Iterator[None]:
    """At least `kib` KiB of page cache on a SQLite connection in the block, then as before."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        current = -before if before < 0 else before * cursor.fetchone()[0] // 1024
        if current >= kib:
            yield
            return
        cursor.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


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
@transaction.atomic
def person_save(
    *,
    data: PersonData,
    by: Account | None,
    scope: Scope,
    person: Person | None = None,
    version: str = "",
) -> Person:
    """Create a person, or update `person`; raises ValidationError with field errors.

    `version` is the record's version when the editor opened it (see core/versions.py).
    """
    scope.require(Capability.CHANGE_PEOPLE)
    if person is not None:
        require_unchanged(person, version)
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


def person_names_and_towns(person_ids: Iterable[int]) -> tuple[dict[int, str], dict[int, int]]:
    """Names and towns by primary key in one query: for the audit descriptions of many records,
    and the town that keeps each record (the person's town when it is written)."""
    names: dict[int, str] = {}
    towns: dict[int, int] = {}
    rows = Person.objects.filter(pk__in=set(person_ids)).values_list("pk", "name", "town_id")
    for pk, name, town_id in rows:
        names[pk], towns[pk] = name, town_id
    return names, towns


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
