"""Consistent online backups and verified restores, for SQLite and PostgreSQL.

SQLite: the sqlite3 online-backup API copies a consistent snapshot while the server runs.
PostgreSQL: pg_dump (one transaction snapshot, custom format); restore with pg_restore in a
single transaction, so a failed restore leaves the database as it was.
Both check the copy before trusting it: every table of the project's models must be there.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import connection
from django.utils.translation import gettext as _


class BackupError(Exception):
    """A backup or restore that cannot be trusted; the message says why, in the user's words."""


@dataclass(frozen=True)
class Verified:
    tables: int
    rows: int | None  # counted for SQLite; PostgreSQL's archive lists data, not rows


def _model_tables() -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _pg_env() -> dict[str, str]:
    settings = connection.settings_dict
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return env


def _pg_args() -> list[str]:
    settings = connection.settings_dict
    args = ["--dbname", str(settings["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            args += [flag, str(settings[key])]
    return args


def _run(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        raise BackupError(
            _("%(program)s is not installed on this server.") % {"program": command[0]}
        )
    # The program is one of ours (pg_dump/pg_restore) and no argument passes through a shell.
    done = subprocess.run(command, capture_output=True, text=True, env=_pg_env(), check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(done.stderr.strip() or command[0])
    return done.stdout


def backup(target: Path) -> Verified:
    """Write a consistent snapshot of the live database to `target`, then verify it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(partial)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    elif connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial), *_pg_args()])
    else:
        raise BackupError(
            _("Backups of %(vendor)s are not supported.") % {"vendor": connection.vendor}
        )
    verified = verify(partial)
    partial.replace(target)  # only a verified copy takes the name
    return verified


def verify(path: Path) -> Verified:
    """Check a backup: it opens, is intact, and holds every table of the project's models."""
    if not path.is_file():
        raise BackupError(_("There is no backup file at %(path)s.") % {"path": path})
    expected = _model_tables()
    if connection.vendor == "sqlite":
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as copy:
                if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError(_("The backup file is damaged."))
                names = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
                missing = expected - names
                rows = sum(
                    # Table names come from the project's models, not from input.
                    copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
                    for table in expected & names
                )
        except sqlite3.DatabaseError as error:
            raise BackupError(
                _("The file is not a SQLite backup: %(error)s") % {"error": error}
            ) from None
    else:
        listing = _run(["pg_restore", "--list", str(path)])
        data = {line.split()[-2] for line in listing.splitlines() if " TABLE DATA " in line}
        missing, rows = expected - data, None
    if missing:
        raise BackupError(
            _("The backup lacks tables: %(tables)s.") % {"tables": ", ".join(sorted(missing))}
        )
    return Verified(tables=len(expected), rows=rows)


def restore(source: Path) -> Verified:
    """Replace the live database with a verified backup (stop the app servers first)."""
    verified = verify(source)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as copy:
            copy.backup(connection.connection)
    else:
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *_pg_args(),
                str(source),
            ]
        )
    return verified
