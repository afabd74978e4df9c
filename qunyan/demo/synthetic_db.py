"""Bulk writing of synthetic rows: COPY on PostgreSQL, executemany on SQLite, no ORM saves.

Rows are dicts of column attnames; columns a row leaves out get the model field's default
(auto_now fields the time of the run), so a column added to a model later does not break the
generator. Primary keys that other rows refer to are allocated here (`next_id`) and the
PostgreSQL sequences are moved past them at the end (`finish`).
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connections, models
from django.utils import timezone

from qunyan.core.crypto import blind_index, encrypt
from qunyan.people.models import Person
from qunyan.people.pinyin import name_keys
from qunyan.people.services import ID_PURPOSE, PHONE_PURPOSE

from .synthetic_plan import TownPlan

BATCH = 5_000


class BulkWriter:
    def __init__(self, using: str = "default") -> None:
        self.connection = connections[using]
        self.postgres = self.connection.vendor == "postgresql"
        self.now = timezone.now()
        self._next: dict[str, int] = {}
        self._allocated: set[type[models.Model]] = set()
        self._defaults: dict[type[models.Model], dict[str, Any]] = {}
        self._pinyin: dict[str, tuple[str, str]] = {}
        self.counts: dict[str, int] = {}

    # --- keys ----------------------------------------------------------------------------------

    def next_id(self, label: str) -> int:
        if label not in self._next:
            model = apps.get_model(label)
            self._allocated.add(model)
            with self.connection.cursor() as cursor:
                cursor.execute(f"SELECT MAX(id) FROM {model._meta.db_table}")  # noqa: S608
                (top,) = cursor.fetchone()
            self._next[label] = (top or 0) + 1
        value = self._next[label]
        self._next[label] = value + 1
        return value

    def finish(self) -> None:
        """Move PostgreSQL's sequences past the keys given out here."""
        if not self.postgres or not self._allocated:
            return
        statements = self.connection.ops.sequence_reset_sql(no_style(), list(self._allocated))
        with self.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    @contextlib.contextmanager
    def indexes_deferred(self, label: str) -> Iterator[None]:
        """On PostgreSQL, drop the table's plain indexes for the load and build them once at
        the end: a sorted build beats millions of b-tree insertions (constraints stay)."""
        if not self.postgres:
            yield
            return
        table = apps.get_model(label)._meta.db_table
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname "
                "NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
                [table, table],
            )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        yield
        with self.connection.cursor() as cursor:
            # Foreign keys are checked at commit; pending checks would block CREATE INDEX.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    # --- rows ----------------------------------------------------------------------------------

    def _default(self, field: models.Field[Any, Any]) -> Any:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value: Any = self.now
        elif field.has_default():
            value = field.get_default()
        elif field.null:
            return None
        else:
            value = field.get_default()  # "" for text, as the ORM would write
        return field.get_db_prep_save(value, self.connection)

    def write(self, label: str, rows: Sequence[dict[str, Any]]) -> None:
        """Insert the rows of one model (all with the same keys) in batches."""
        if not rows:
            return
        model = apps.get_model(label)
        given = rows[0].keys()
        fields = [
            f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in given)
        ]
        defaults = {f.attname: self._default(f) for f in fields if f.attname not in given}
        attnames = [f.attname for f in fields]
        prep = self._prep_needed(fields, given)

        def values(row: dict[str, Any]) -> tuple[Any, ...]:
            out = [row[a] if a in row else defaults[a] for a in attnames]
            for position, field in prep:
                out[position] = field.get_db_prep_save(out[position], self.connection)
            return tuple(out)

        self.copy(model._meta.db_table, [f.column for f in fields], map(values, rows))
        self.counts[label] = self.counts.get(label, 0) + len(rows)

    def _prep_needed(
        self, fields: list[models.Field[Any, Any]], given: Iterable[str]
    ) -> list[tuple[int, models.Field[Any, Any]]]:
        """Given columns whose Python values the driver cannot take as they are (JSON …)."""
        simple = (
            models.CharField, models.TextField, models.DateField, models.IntegerField,
            models.BooleanField, models.ForeignKey, models.AutoField, models.DecimalField,
        )  # fmt: skip
        return [
            (i, f) for i, f in enumerate(fields) if f.attname in given and not isinstance(f, simple)
        ]

    def copy(self, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
        quoted = ", ".join(self.connection.ops.quote_name(c) for c in columns)
        with self.connection.cursor() as cursor:
            if self.postgres:
                from psycopg.copy import QueuedLibpqWriter

                raw = cursor.cursor  # psycopg's own cursor: COPY … FROM STDIN
                # The queued writer sends from a thread: the server works on one batch while
                # Python encrypts the next (two cores, both busy).
                writer = QueuedLibpqWriter(raw)
                with raw.copy(f"COPY {table} ({quoted}) FROM STDIN", writer=writer) as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            raw = cursor.cursor
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' for _ in columns)})"  # noqa: S608
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append(self._sqlite_row(row))
                if len(batch) >= BATCH:
                    raw.executemany(sql, batch)
                    batch.clear()
            if batch:
                raw.executemany(sql, batch)

    def _sqlite_row(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        # Django's sqlite adapters cover dates and decimals; aware datetimes go naive UTC.
        return tuple(
            self.connection.ops.adapt_datetimefield_value(v)
            if isinstance(v, datetime.datetime)
            else v
            for v in row
        )

    # --- people --------------------------------------------------------------------------------

    def write_people(self, plan: TownPlan) -> None:
        """The plan's people, encrypted and indexed exactly as the registry's services do."""
        pinyin = self._pinyin
        now = self.now
        rows = []
        for pk, (name, id_number, gender, ethnicity, birth, education, political, unit, phone,
                 skills) in zip(plan.person_ids, plan.people, strict=True):  # fmt: skip
            keys = pinyin.get(name)
            if keys is None:
                keys = pinyin[name] = name_keys(name)
            rows.append(
                {
                    "id": pk,
                    "name": name,
                    "name_pinyin": keys[0],
                    "name_initials": keys[1],
                    "id_number": encrypt(id_number),
                    "id_number_index": blind_index(id_number, purpose=ID_PURPOSE),
                    "gender": gender,
                    "ethnicity": ethnicity,
                    "birth_date": birth,
                    "education": education,
                    "political_status": political,
                    "unit_id": unit,
                    "town_id": plan.town_id,
                    "phone": encrypt(phone) if phone else "",
                    "phone_index": blind_index(phone, purpose=PHONE_PURPOSE) if phone else "",
                    "skills": skills,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        self.write(Person._meta.label, rows)

    def write_plan(self, plan: TownPlan) -> None:
        self.write_people(plan)
        for label, rows in plan.records.items():
            self.write(label, rows)
