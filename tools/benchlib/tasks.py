"""The measurements. Each runs in its own process (tools/bench.py --worker) on a fresh database,
so that its peak memory is its own and no cache survives from one measurement to the next."""

import datetime
import os
import re
import resource
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
# One database per run of tools/bench.py (its workers inherit the name), so that two runs at
# once (a CI smoke run beside a full one) do not drop each other's database.
PG_BENCH_DB = os.environ.setdefault("QUNYAN_BENCH_PG_DB", f"qy_bench_{os.getpid()}")
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


PG_TEMPLATE_DB = f"{PG_BENCH_DB}_template"


def postgres_recreate(drop_only: bool = False, template: str = "") -> None:
    """(Re)create the bench database, empty or as a copy of `template`; drop_only drops both."""
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")
        if drop_only:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_TEMPLATE_DB} WITH (FORCE)")
        elif template:
            conn.execute(f"CREATE DATABASE {PG_BENCH_DB} TEMPLATE {template}")
        else:
            conn.execute(f"CREATE DATABASE {PG_BENCH_DB}")


def task_template(db: str, workdir: Path) -> dict[str, Any]:
    """A migrated database that every measurement starts from a copy of (migrating is slow)."""
    if db == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_TEMPLATE_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_TEMPLATE_DB}")
        url = PG_BENCH_URL.rsplit("/", 1)[0] + f"/{PG_TEMPLATE_DB}"
    else:
        url = f"sqlite:///{workdir / 'template.sqlite3'}"
    django_setup(url, workdir)
    migrate()
    from django.db import connection

    connection.close()  # SQLite: the last connection out folds the WAL into the file
    return {"template": url}


def fresh_database(db: str, workdir: Path, label: str) -> tuple[str, bool]:
    """A new database for one measurement: its URL, and whether it is already migrated (a copy
    of the run's template, when there is one)."""
    if db == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            found = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_TEMPLATE_DB]
            ).fetchone()
        postgres_recreate(template=PG_TEMPLATE_DB if found else "")
        return PG_BENCH_URL, found is not None
    path = workdir / f"{label}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    template = workdir / "template.sqlite3"
    if template.exists():
        shutil.copyfile(template, path)
    return f"sqlite:///{path}", template.exists()


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
    url, migrated = fresh_database(db, workdir, "import")
    django_setup(url, workdir)
    if not migrated:
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


def _raw_values(cells: list[Any], _now: Any = None) -> tuple[Any, ...]:
    birth = cells[4]
    return (*cells[:4], birth if isinstance(birth, datetime.date) else None, *cells[5:10])


def _shaped_values(cells: list[Any], now: datetime.datetime) -> tuple[Any, ...]:
    """The row's cells as they are, in the columns of people_person (blanks where needed)."""
    name, id_number, gender, ethnicity, birth, education, political, _unit, phone, skills = cells[
        :10
    ]
    if not isinstance(birth, datetime.date):
        birth = datetime.date(1970, 1, 1)  # the column is NOT NULL; the import derives it
    return (
        name,
        "",
        "",
        id_number,
        id_number,
        gender[:1],
        ethnicity,
        birth,
        education,
        political,
        1,
        1,
        phone,
        phone,
        skills,
        now,
        now,
    )


SHAPED_COLUMNS = (
    "name", "name_pinyin", "name_initials", "id_number", "id_number_index", "gender",
    "ethnicity", "birth_date", "education", "political_status", "unit_id", "town_id", "phone",
    "phone_index", "skills", "created_at", "updated_at",
)  # fmt: skip


def task_limit(db: str, path: str, workdir: Path, rows: int) -> dict[str, Any]:
    """The same file read with python-calamine and inserted raw: into a bare table, and into
    a table shaped like people_person (its columns, constraints and indexes, no foreign keys)."""
    import python_calamine

    url, migrated = fresh_database(db, workdir, "limit")
    rss_before = maxrss_mb()
    started = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(path)
    sheet = book.get_sheet_by_name("人员")
    loaded = time.perf_counter() - started
    rss_sheet = maxrss_mb() - rss_before
    read = sum(1 for _ in sheet.iter_rows()) - 1
    read_seconds = time.perf_counter() - started
    del sheet, book
    django_setup(url, workdir)
    if not migrated:
        migrate()
    from django.db import connection

    connection.close()
    bare = (
        "CREATE TABLE bench_raw (name text, id_number text, gender text, ethnicity text, "
        "birth_date date, education text, political_status text, unit text, phone text, "
        "skills text)"
    )
    now = datetime.datetime.now(datetime.UTC)
    results: dict[str, Any] = {
        "rows": rows, "read_rate": rows / read_seconds, "load_seconds": loaded,
        "rss_sheet_mb": rss_sheet,
    }  # fmt: skip
    if read != rows:
        raise SystemExit(f"calamine read {read} rows, expected {rows}")
    if db == "postgres":
        import psycopg

        with psycopg.connect(url) as conn:
            conn.execute(bare)
            conn.execute("CREATE TABLE bench_person (LIKE people_person INCLUDING ALL)")
            conn.commit()
            for key, table, columns, values in (
                ("rate", "bench_raw", RAW_COLUMNS, _raw_values),
                ("shaped_rate", "bench_person", SHAPED_COLUMNS, _shaped_values),
            ):
                started = time.perf_counter()
                with (
                    conn.cursor() as cursor,
                    cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
                ):
                    for cells in _calamine_rows(path):
                        copy.write_row(values(cells, now))
                conn.commit()
                results[key] = rows / (time.perf_counter() - started)
                count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]  # noqa: S608
                if count != rows:
                    raise SystemExit(f"{table} holds {count} rows, expected {rows}")
        return results
    lite = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    lite.execute("PRAGMA journal_mode=WAL")
    lite.execute("PRAGMA synchronous=NORMAL")
    lite.execute(bare)
    # people_person's own definition and indexes, under another name
    for (sql,) in lite.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'people_person' AND sql IS NOT NULL "
        "ORDER BY type DESC"
    ).fetchall():
        sql = re.sub(r'INDEX "([^"]+)"', r'INDEX "bench_\1"', sql)
        lite.execute(sql.replace('"people_person"', '"bench_person"'))
    for key, table, columns, values in (
        ("rate", "bench_raw", RAW_COLUMNS, _raw_values),
        ("shaped_rate", "bench_person", SHAPED_COLUMNS, _shaped_values),
    ):
        started = time.perf_counter()
        lite.execute("BEGIN IMMEDIATE")
        marks = ", ".join("?" for _ in columns)
        lite.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
            (values(cells, now) for cells in _calamine_rows(path)),
        )
        lite.execute("COMMIT")
        results[key] = rows / (time.perf_counter() - started)
        (count,) = lite.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
        if count != rows:
            raise SystemExit(f"{table} holds {count} rows, expected {rows}")
    lite.close()
    return results


# --- (c): the peer -----------------------------------------------------------------------------


def task_peer(db: str, path: str, village_path: str, workdir: Path, rows: int) -> dict[str, Any]:
    """django-import-export's ModelResource importing the same 人员 rows, one by one."""
    url, migrated = fresh_database(db, workdir, "peer")
    django_setup(url, workdir)
    if not migrated:
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


def task_sheet(path: str, workdir: Path) -> dict[str, Any]:
    """What python-calamine's table of the 人员 sheet takes in memory (it reads a whole sheet)."""
    import python_calamine

    before = maxrss_mb()
    sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_name("人员")
    grown = maxrss_mb() - before
    return {"rss_sheet_mb": grown, "height": sheet.height}


def run(task: str, args: dict[str, Any]) -> dict[str, Any]:
    workdir = Path(args.pop("workdir"))
    if task == "import":
        return task_import(workdir=workdir, **args)
    if task == "limit":
        return task_limit(workdir=workdir, **args)
    if task == "peer":
        return task_peer(workdir=workdir, **args)
    if task == "sheet":
        return task_sheet(workdir=workdir, **args)
    if task == "template":
        return task_template(workdir=workdir, **args)
    if task in ("scale_generate", "scale_reads"):
        from . import scale

        return getattr(scale, f"task_{task}")(workdir=workdir, **args)  # type: ignore[no-any-return]
    if task == "web":
        from .web import task_web

        return task_web(workdir=workdir, **args)
    raise SystemExit(f"unknown task {task}")
