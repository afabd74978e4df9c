"""Faults: a server killed (kill -9) in the middle of an import leaves the database as before.

The import is one transaction, so this is what the database guarantees; the test proves that no
part of the importer commits early (the write-behind of new people included).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

TOOLS = Path(settings.BASE_DIR, "tools")
QUNYAN = Path(sys.executable).with_name("qunyan")


@pytest.fixture
def big_workbook(tmp_path: Path) -> Path:
    sys.path.insert(0, str(TOOLS))
    try:
        from benchlib.workbook import write_workbook
    finally:
        sys.path.remove(str(TOOLS))
    return write_workbook(tmp_path / "big.xlsx", 15_000)


def test_a_kill_during_an_import_leaves_the_database_as_before(tmp_path, big_workbook):
    database = tmp_path / "q.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([QUNYAN, "migrate", "--noinput"], env=env, check=True, capture_output=True)  # noqa: S603
    with sqlite3.connect(database) as before:
        audit_rows = before.execute("SELECT COUNT(*) FROM core_auditentry").fetchone()[0]
    importer = subprocess.Popen(  # noqa: S603
        [QUNYAN, "import", str(big_workbook)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = database.with_name(database.name + "-wal")
    deadline = time.monotonic() + 60
    # Kill once the import is writing (its uncommitted pages are in the write-ahead log).
    while importer.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 1_000_000:
            break
        time.sleep(0.02)
    assert importer.poll() is None, "the import ended before it could be killed; use more rows"
    importer.send_signal(signal.SIGKILL)
    assert importer.wait() == -signal.SIGKILL
    with sqlite3.connect(database) as after:
        assert after.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert after.execute("SELECT COUNT(*) FROM people_person").fetchone()[0] == 0
        assert after.execute("SELECT COUNT(*) FROM core_orgunit").fetchone()[0] == 0
        assert after.execute("SELECT COUNT(*) FROM core_auditentry").fetchone()[0] == audit_rows
