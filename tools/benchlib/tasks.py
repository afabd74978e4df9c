"""The measurements. Each runs in its own process (tools/bench.py --worker) on a fresh database,
so that its peak memory is its own and no cache survives from one measurement to the next."""

import datetime
import os
import resource
import sqlite3
import time
from pathlib import Path
from typing import Any

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "qunyan_bench"
PG_BENCH_URL = f"postgresql://postgres@127.0.0.1:5432/{PG_BENCH_DB}"
RAW_COLUMNS = (
    "name",
    "id_number",
    "gender",
    "ethnicity",
    "birth_date",
    "education",
    "political_status",
    "unit",
    "phone",
    "skills",
)


def maxrss_mb() -> float:
    """The process's peak resident memory so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- databases ---------------------------------------------------------------------------------


def postgres_version() -> str | None:
    """The server version, or None when PostgreSQL is not reachable."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3) as conn:
            row = conn.execute("SHOW server_version").fetchone()
            return str(row[0]) if row else None
    except Exception:
        return None


def postgres_recreate(drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")
        if not drop_only:
            conn.execute(f"CREATE DATABASE {PG_BENCH_DB}")


def fresh_database(db: str, workdir: Path, label: str) -> str:
    """A new empty database for one measurement; returns its URL."""
    if db == "postgres":
        postgres_recreate()
        return PG_BENCH_URL
    path = workdir / f"{label}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def django_setup(url: str, workdir: Path) -> None:
    """Point Django at the bench database and settings, then set it up (before any model import)."""
    os.environ["DATABASE_URL"] = url
    os.environ["QUNYAN_VAR_DIR"] = str(workdir / "var")
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchlib.settings"
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


# --- (a), (d), (e): the importer -------------------------------------------------------------


def task_import(
    db: str, path: str, workdir: Path, rows: int, reimport: bool, profile: str = ""
) -> dict[str, Any]:
    """End-to-end workbook_import of the file into a fresh migrated database (then again)."""
    url = fresh_database(db, workdir, "import")
    django_setup(url, workdir)
    migrate()
    from qunyan.core.scopes import Scope
    from qunyan.spreadsheets.engine import workbook_import

    rss_before = maxrss_mb()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    report = workbook_import(path, scope=Scope.unrestricted(), by=None, file_name="bench.xlsx")
    seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    rss_after = maxrss_mb()
    _check(report, rows, created=True)
    result: dict[str, Any] = {
        "rows": rows,
        "seconds": seconds,
        "rate": rows / seconds,
        "rss_before_mb": rss_before,
        "rss_peak_mb": rss_after,
    }
    if reimport:
        started = time.perf_counter()
        report = workbook_import(path, scope=Scope.unrestricted(), by=None, file_name="bench.xlsx")
        seconds = time.perf_counter() - started
        _check(report, rows, created=False)
        result.update(reimport_seconds=seconds, reimport_rate=rows / seconds)
    return result


def _check(report: Any, rows: int, *, created: bool) -> None:
    if not report.ok or not report.committed:
        errors = "\n".join(str(issue) for issue in report.errors[:20])
        raise SystemExit(f"the benchmark workbook did not import:\n{errors}")
    counts = report.sheets["人员"]
    expected = (rows, 0, 0) if created else (0, 0, rows)
    if (counts.created, counts.updated, counts.unchanged) != expected:
        raise SystemExit(f"unexpected 人员 counts {counts} (expected +, ~, = {expected})")


# --- (b): the physical limit -----------------------------------------------------------------


def _calamine_rows(path: str) -> Any:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    rows = book.get_sheet_by_name("人员").iter_rows()
    next(rows)  # the header
    return rows


def _raw_values(cells: list[Any]) -> tuple[Any, ...]:
    birth = cells[4]
    return (*cells[:4], birth if isinstance(birth, datetime.date) else None, *cells[5:10])


def task_limit(db: str, path: str, workdir: Path, rows: int) -> dict[str, Any]:
    """The same file read with python-calamine and inserted raw into a bare table."""
    url = fresh_database(db, workdir, "limit")
    columns = ", ".join(RAW_COLUMNS)
    ddl = (
        "CREATE TABLE bench_raw (name text, id_number text, gender text, ethnicity text, "
        "birth_date date, education text, political_status text, unit text, phone text, "
        "skills text)"
    )
    started = time.perf_counter()
    read = sum(1 for _ in _calamine_rows(path))
    read_seconds = time.perf_counter() - started
    if db == "postgres":
        import psycopg

        with psycopg.connect(url) as conn:
            conn.execute(ddl)
            conn.commit()
            started = time.perf_counter()
            with (
                conn.cursor() as cursor,
                cursor.copy(f"COPY bench_raw ({columns}) FROM STDIN") as copy,
            ):
                for cells in _calamine_rows(path):
                    copy.write_row(_raw_values(cells))
            conn.commit()
            seconds = time.perf_counter() - started
            count = conn.execute("SELECT count(*) FROM bench_raw").fetchone()[0]  # type: ignore[index]
    else:
        file = url.removeprefix("sqlite:///")
        conn = sqlite3.connect(file, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(ddl)
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        marks = ", ".join("?" for _ in RAW_COLUMNS)
        conn.executemany(
            f"INSERT INTO bench_raw ({columns}) VALUES ({marks})",  # noqa: S608
            (_raw_values(cells) for cells in _calamine_rows(path)),
        )
        conn.execute("COMMIT")
        seconds = time.perf_counter() - started
        count = conn.execute("SELECT count(*) FROM bench_raw").fetchone()[0]
        conn.close()
    if count != rows or read != rows:
        raise SystemExit(f"raw insert wrote {count} rows, read {read}, expected {rows}")
    return {
        "rows": rows,
        "seconds": seconds,
        "rate": rows / seconds,
        "read_seconds": read_seconds,
        "read_rate": rows / read_seconds,
    }


# --- (c): the peer -----------------------------------------------------------------------------


def task_peer(db: str, path: str, village_path: str, workdir: Path, rows: int) -> dict[str, Any]:
    """django-import-export's ModelResource importing the same 人员 rows, one by one."""
    url = fresh_database(db, workdir, "peer")
    django_setup(url, workdir)
    migrate()
    import tablib

    from qunyan.core.scopes import Scope
    from qunyan.spreadsheets.engine import workbook_import

    from .peer import person_resource

    # The villages the rows refer to, loaded by our importer (not timed).
    report = workbook_import(village_path, scope=Scope.unrestricted(), by=None)
    if not report.ok:
        raise SystemExit("the village sheet did not import")
    resource_ = person_resource()
    started = time.perf_counter()
    with open(path, "rb") as stream:
        dataset = tablib.Dataset().load(stream.read(), format="xlsx")
    result = resource_.import_data(dataset, dry_run=False, raise_errors=True, use_transactions=True)
    seconds = time.perf_counter() - started
    from qunyan.people.models import Person

    if result.has_errors() or Person.objects.count() != rows:
        raise SystemExit("django-import-export did not import every row")
    return {"rows": rows, "seconds": seconds, "rate": rows / seconds}


def run(task: str, args: dict[str, Any]) -> dict[str, Any]:
    workdir = Path(args.pop("workdir"))
    if task == "import":
        return task_import(workdir=workdir, **args)
    if task == "limit":
        return task_limit(workdir=workdir, **args)
    if task == "peer":
        return task_peer(workdir=workdir, **args)
    raise SystemExit(f"unknown task {task}")
