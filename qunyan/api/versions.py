"""Optimistic locking for API updates: a write from a stale read is a 409, not an overwrite.

The check runs in the same transaction as the service's write, with the row locked
(`core/versions.require_unchanged`), so no change can slip in between the check and the write.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import models, transaction
from ninja import Field, Schema

from qunyan.core.versions import require_unchanged, version_of


class Conflict(Exception):
    """The record changed after the caller read it (answered 409, code "conflict")."""


class Versioned(Schema):
    """An output with the record's version, which an update must send back unchanged."""

    version: str = Field("", description="the record's version: send it back with an update")

    @staticmethod
    def resolve_version(obj: models.Model) -> str:
        return version_of(obj)


@contextmanager
def unchanged(record: models.Model, version: str) -> Iterator[None]:
    """A transaction in which `record` is still as the caller read it (else Conflict)."""
    with transaction.atomic():
        try:
            require_unchanged(record, version)
        except ValidationError as exc:
            raise Conflict(exc.messages[0]) from exc
        yield
