"""Benchmarks of the importer and at province scale (`make bench`), each beside its limit or peer.

    .venv/bin/python tools/bench.py [--rows N] [--repeat K] [--smoke] [--no-postgres]
        [--towns T --villages-per-town V --people P] [--skip-import|--skip-scale|--skip-web]

The province-scale part (tools/benchlib/scale.py, web.py, scale_report.py) generates a data set
with `qunyan generate` (PostgreSQL when reachable, else SQLite) and times `qunyan stats`, the
registry list and search, the HTML pages, and the pages under load (gunicorn + locust); its
table is the "Province scale" section of docs/benchmarks.md. The import part follows.

Generates a synthetic exchange workbook (one town of 300 villages, N valid 人员 rows, fixed
seed), then on SQLite (a temporary file) and PostgreSQL (a temporary database
`qunyan_bench_<pid>`, created and dropped here) measures, each in a fresh process and a fresh
database:

  (a) the end-to-end import: workbook_import of the whole file (unrestricted scope), rows/s,
      the best of K runs;
  (b) the physical limit: the same file read with python-calamine and its columns inserted raw
      (executemany on SQLite, COPY on PostgreSQL) into a bare table, and into a table shaped
      like people_person (its columns, constraints and indexes), rows/s;
  (c) the peer: django-import-export's standard ModelResource on the first rows of the same
      data (5,000 by default; it is too slow for the whole file), rows/s;
  (d) peak memory (maxrss) of the import at N/4 and N rows, and what python-calamine's table of
      the sheet takes of it;
  (e) the re-import of the same file, every row unchanged, rows/s.

The table is printed and, for full runs, written to docs/benchmarks.md with the machine.
Nothing touches var/: the settings are tools/benchlib/settings.py with a throw-away database.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from benchlib import tasks, workbook  # noqa: E402

GOAL = 15_000
CACHE = Path(tempfile.gettempdir()) / "qunyan-bench"
GENERATOR_VERSION = 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="人员 rows (default 200,000)")
    parser.add_argument(
        "--peer-rows", type=int, default=5_000, help="rows for django-import-export (default 5,000)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of the import; the best counts (default 3)"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny sizes, once, a few seconds (CI); does not write the document",
    )
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="where to write the table (default docs/benchmarks.md on full runs)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="write cProfile stats of the end-to-end imports to this directory",
    )
    parser.add_argument("--skip-import", action="store_true", help="leave out the import table")
    parser.add_argument("--skip-scale", action="store_true", help="leave out the scale table")
    parser.add_argument("--skip-web", action="store_true", help="leave out gunicorn + locust")
    parser.add_argument("--towns", type=int, default=40, help="scale: towns (default 40)")
    parser.add_argument(
        "--villages-per-town", type=int, default=30, help="scale: villages per town (default 30)"
    )
    parser.add_argument(
        "--people", type=int, default=1_000_000, help="scale: people (default 1,000,000)"
    )
    parser.add_argument(
        "--web-seconds", type=int, default=20, help="scale: locust time per page (default 20)"
    )
    parser.add_argument("--web-users", type=int, default=8, help="scale: locust users (default 8)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        spec = json.loads(args.worker)
        print(json.dumps(tasks.run(spec.pop("task"), spec)))
        return
    if args.smoke:
        args.rows, args.peer_rows, args.repeat = min(args.rows, 2_000), min(args.peer_rows, 200), 1
        args.towns, args.villages_per_town, args.people = 2, 5, 2_000
        args.web_seconds, args.web_users = 2, 4
    output = args.output
    if output is None and not args.smoke:
        output = ROOT / "docs" / "benchmarks.md"
    postgres = not args.no_postgres
    if not args.skip_import:
        bench(
            args.rows,
            args.peer_rows,
            repeat=max(1, args.repeat),
            postgres=postgres,
            output=output,
            profile=args.profile,
        )
    if not args.skip_scale:
        sizes = {"towns": args.towns, "villages": args.villages_per_town, "people": args.people}
        bench_scale(
            sizes,
            postgres=postgres,
            web=(args.web_seconds, args.web_users) if not args.skip_web else None,
            runs=3 if args.smoke else 10,
            output=output,
        )


def bench_scale(
    sizes: dict[str, int],
    *,
    postgres: bool,
    web: tuple[int, int] | None,
    runs: int,
    output: Path | None,
) -> None:
    """The province-scale table: generate, statistics, registry, pages under load."""
    from benchlib import scale, scale_report

    pg_version = tasks.postgres_version() if postgres else None
    db = "postgres" if pg_version else "sqlite"
    log(f"Scale on {db}: {sizes['towns']} towns × {sizes['villages']} villages, "
        f"{sizes['people']:,} people")  # fmt: skip
    workdir = Path(tempfile.mkdtemp(prefix="qunyan-bench-scale-"))
    result: dict[str, Any] = {}
    try:
        worker("template", workdir, db=db)
        log("  generate …")
        result["generate"] = worker(
            "scale_generate", workdir, db=db, towns=sizes["towns"],
            villages=sizes["villages"], people=sizes["people"],
        )  # fmt: skip
        log(f"      {result['generate']['seconds']:,.0f} s")
        log("  statistics, registry, pages in process …")
        result["reads"] = worker("scale_reads", workdir, db=db, runs=runs)
        if web:
            log("  gunicorn + locust …")
            result["web"] = worker("web", workdir, db=db, seconds=web[0], users=web[1])
    finally:
        if db == "postgres":
            scale.drop_scale_database()
            tasks.postgres_recreate(drop_only=True)
        shutil.rmtree(workdir, ignore_errors=True)
    table = scale_report.render_scale(result, db=db, sizes=sizes)
    print()
    print(table)
    if output is not None:
        section = scale_report.render_section(table, machine_lines(pg_version))
        document = output.read_text() if output.exists() else "# Benchmarks\n"
        output.write_text(scale_report.merge_section(document, section))
        log(f"Wrote {output}")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def workbook_file(rows: int, *, villages: bool = True) -> Path:
    """The synthetic workbook, generated once per size and kept in the temporary directory."""
    CACHE.mkdir(exist_ok=True)
    kind = "full" if villages else "people"
    path = CACHE / f"v{GENERATOR_VERSION}-seed{workbook.SEED}-{kind}-{rows}.xlsx"
    if not path.exists():
        log(f"  generating {path.name} …")
        workbook.write_workbook(path, rows, villages=villages)
    return path


def worker(task: str, workdir: Path, **args: Any) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its last line of output is the result."""
    spec = json.dumps({"task": task, "workdir": str(workdir), **args})
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [sys.executable, __file__, "--worker", spec],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the {task} measurement failed (exit {done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def bench(
    rows: int,
    peer_rows: int,
    *,
    repeat: int,
    postgres: bool,
    output: Path | None,
    profile: Path | None,
) -> None:
    small = max(rows // 4, 1)
    log(f"Workbooks: {rows:,} and {small:,} 人员 rows, peer {peer_rows:,} rows")
    full, quarter = workbook_file(rows), workbook_file(small)
    peer_file, villages = workbook_file(peer_rows, villages=False), workbook_file(0)
    databases = ["sqlite"]
    notes = []
    pg_version = tasks.postgres_version()
    if not postgres:
        notes.append("PostgreSQL skipped (--no-postgres).")
    elif pg_version is None:
        notes.append("PostgreSQL skipped: not reachable at 127.0.0.1:5432.")
    else:
        databases.append("postgres")
    results: dict[str, dict[str, Any]] = {}
    workdir = Path(tempfile.mkdtemp(prefix="qunyan-bench-"))
    if profile:
        profile.mkdir(parents=True, exist_ok=True)
    try:
        sheets = {
            size: worker("sheet", workdir, path=str(path))
            for size, path in ((small, quarter), (rows, full))
        }
        for db in databases:
            log(f"{db}:")
            worker("template", workdir, db=db)
            runs = []
            for attempt in range(repeat):
                log(f"  (a, e) import and re-import of {rows:,} rows, run {attempt + 1} …")
                prof = str(profile / f"import-{db}.prof") if profile and not attempt else ""
                run = worker(
                    "import", workdir, db=db, path=str(full), rows=rows, reimport=True, profile=prof
                )
                log(f"      {run['rate']:,.0f} rows/s, again {run['reimport_rate']:,.0f}")
                runs.append(run)
            imported = {
                **max(runs, key=lambda run: run["rate"]),
                "reimport_rate": max(run["reimport_rate"] for run in runs),
                "rss_peak_mb": max(run["rss_peak_mb"] for run in runs),
                "rss_before_mb": max(run["rss_before_mb"] for run in runs),
            }
            log(f"  (d) import of {small:,} rows for memory …")
            quarter_run = worker(
                "import", workdir, db=db, path=str(quarter), rows=small, reimport=False
            )
            log(f"  (b) calamine + raw insert of {rows:,} rows …")
            limit = worker("limit", workdir, db=db, path=str(full), rows=rows)
            log(f"      {limit['rate']:,.0f} rows/s bare, {limit['shaped_rate']:,.0f} shaped")
            log(f"  (c) django-import-export on {peer_rows:,} rows …")
            peer = worker(
                "peer",
                workdir,
                db=db,
                path=str(peer_file),
                village_path=str(villages),
                rows=peer_rows,
            )
            log(f"      {peer['rate']:,.0f} rows/s")
            results[db] = {
                "import": imported,
                "quarter": quarter_run,
                "limit": limit,
                "peer": peer,
                "sheets": sheets,
            }
    finally:
        if "postgres" in databases:
            tasks.postgres_recreate(drop_only=True)
        shutil.rmtree(workdir, ignore_errors=True)
    table = render_table(results, rows, small, peer_rows, repeat)
    machine = machine_lines(pg_version if "postgres" in databases else None)
    print()
    print("\n".join(machine))
    print()
    print(table)
    for note in notes:
        print(note)
    if output is not None:
        output.write_text(render_document(table, machine, notes, rows, small, peer_rows, repeat))
        log(f"Wrote {output}")


def _rate(value: float) -> str:
    return f"{value:,.0f}"


def render_table(
    results: dict[str, dict[str, Any]], rows: int, small: int, peer_rows: int, repeat: int
) -> str:
    dbs = list(results)
    titles = {"sqlite": "SQLite", "postgres": "PostgreSQL"}

    def line(label: str, cells: list[str], beside: str = "") -> str:
        return "| " + " | ".join([label, *cells, beside]) + " |"

    def each(fn: Callable[[dict[str, Any]], str]) -> list[str]:
        return [fn(results[db]) for db in dbs]

    def growth(r: dict[str, Any], run: str) -> float:
        return float(r[run]["rss_peak_mb"] - r[run]["rss_before_mb"])

    def sheet(r: dict[str, Any], size: int) -> float:
        return float(r["sheets"][size]["rss_sheet_mb"])

    def goal(r: dict[str, Any]) -> str:
        rate = r["import"]["rate"]
        return f"**{_rate(rate)}** {'✓' if rate >= GOAL else '✗'}"

    best = f", best of {repeat}" if repeat > 1 else ""
    out = [
        line("Measure", [titles[db] for db in dbs], "Beside / note"),
        "|" + "---|" * (len(dbs) + 2),
        line(
            f"(a) Import end to end, {rows:,} 人员 rows (rows/s{best})",
            each(goal),
            f"goal ≥ {GOAL:,}",
        ),
        line("  seconds", each(lambda r: f"{r['import']['seconds']:.1f}")),
        line(
            "(b) Limit: calamine read + raw insert into a bare table (rows/s)",
            each(lambda r: _rate(r["limit"]["rate"])),
            "executemany (SQLite) / COPY (PostgreSQL), no indexes",
        ),
        line(
            "  … into a table shaped like people_person (rows/s)",
            each(lambda r: _rate(r["limit"]["shaped_rate"])),
            "its columns, constraints and indexes; no audit rows",
        ),
        line(
            "  import ÷ limit (bare / shaped)",
            each(
                lambda r: (
                    f"{r['import']['rate'] / r['limit']['rate']:.0%} / "
                    f"{r['import']['rate'] / r['limit']['shaped_rate']:.0%}"
                )
            ),
        ),
        line("  calamine read alone (rows/s)", each(lambda r: _rate(r["limit"]["read_rate"]))),
        line(
            f"(c) Peer: django-import-export ModelResource, {peer_rows:,} rows (rows/s)",
            each(lambda r: _rate(r["peer"]["rate"])),
            f"the first {peer_rows:,} rows of the same data; its rows/s, not scaled up",
        ),
        line("  import ÷ peer", each(lambda r: f"{r['import']['rate'] / r['peer']['rate']:.0f}×")),
        line(
            f"  peer's time for {rows:,} rows at that rate",
            each(lambda r: f"{rows / r['peer']['rate'] / 60:.0f} min"),
            "estimated",
        ),
        line(
            f"(d) Peak memory growth of the import, {small:,} → {rows:,} rows (MiB)",
            each(lambda r: f"{growth(r, 'quarter'):.0f} → {growth(r, 'import'):.0f}"),
            "above the process before the import",
        ),
        line(
            "  of which python-calamine's table of the sheet",
            each(lambda r: f"{sheet(r, small):.0f} → {sheet(r, rows):.0f}"),
            "it reads a whole sheet (python-calamine 0.9 has no streaming reader)",
        ),
        line(
            "  the rest: the importer's own",
            each(
                lambda r: (
                    f"{growth(r, 'quarter') - sheet(r, small):.0f} → "
                    f"{growth(r, 'import') - sheet(r, rows):.0f}"
                )
            ),
            "flat: a batch or two at a time (and SQLite's page cache, up to 32 MiB)",
        ),
        line(
            "  process peak, before the import",
            each(lambda r: f"{r['import']['rss_peak_mb']:.0f}, {r['import']['rss_before_mb']:.0f}"),
            "Django, the apps, migrations",
        ),
        line(
            f"(e) Re-import, every row unchanged (rows/s{best})",
            each(lambda r: _rate(r["import"]["reimport_rate"])),
        ),
    ]
    return "\n".join(out)


def machine_lines(pg_version: str | None) -> list[str]:
    cpu = "unknown"
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for text in Path("/proc/meminfo").read_text().splitlines():
            if text.startswith("MemTotal"):
                ram = f"{int(text.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    import django

    return [
        f"- Date: {datetime.date.today().isoformat()}",
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM {ram}",
        f"- {platform.system()} {platform.release()}; Python {platform.python_version()}; "
        f"Django {django.get_version()}",
        f"- SQLite {sqlite3.sqlite_version}; PostgreSQL {pg_version or 'not measured'}",
    ]


def render_document(
    table: str,
    machine: list[str],
    notes: list[str],
    rows: int,
    small: int,
    peer_rows: int,
    repeat: int,
) -> str:
    best = f" (the best of {repeat} runs)" if repeat > 1 else ""
    return f"""# Benchmarks

Written by `make bench` (`tools/bench.py`); run it again after a change to the importer. Each
figure stands beside its physical limit or its peer, measured in the same run on the same
machine. Benchmarks are not timed tests: CI runs `tools/bench.py --smoke` only.

## The workbook importer

A synthetic exchange workbook (fixed seed): one town with 300 villages and communities in
`村社区`, and {rows:,} valid `人员` rows (blank genders and birth dates derived from the ID,
aliases, landlines, blank optional cells). Every measurement runs in its own process on a fresh
database: a temporary SQLite file (WAL, the app's settings) and a temporary PostgreSQL database.

- (a) `workbook_import` end to end, as `qunyan import` runs it: read with python-calamine,
  every contract rule, AES-GCM encryption of ID and phone, blind indexes, pinyin keys, bulk
  upsert, an audit entry per created person and one for the import, all in one
  transaction{best}.
- (b) the physical limit: the same file read with python-calamine and its ten columns inserted
  as they are (`executemany` on SQLite, `COPY` on PostgreSQL), into a bare table without
  indexes, and into a table with people_person's columns, constraints and indexes (but no
  foreign keys). The import writes an audit row beside each person as well.
- (c) the peer: django-import-export's standard `ModelResource` for `Person` (default options:
  a lookup, a diff and a save per row) with only the derivations the model needs (blind index,
  codes, pinyin, town) and no validation or audit. It runs on the first {peer_rows:,} rows of
  the same data (a file of those rows, read by its own xlsx loader): it is too slow for the
  whole file, so its rows/s is measured on the subset and the whole file's time estimated.
- (d) peak resident memory (maxrss) of the import process at {small:,} and {rows:,} rows, less
  what it held before the import, and python-calamine's share (its whole-sheet cell table,
  measured alone on the same files); the rest is what the importer itself holds.
- (e) importing the same file again into the same database: every row found and unchanged.

The machine is shared: other work on it slows a run down, hence the best of several.

{chr(10).join(machine)}

{table}{"".join(f"{chr(10)}{chr(10)}{note}" for note in notes)}

## Where the time goes

The importer reads and checks a batch of 2,000 rows in Python while the previous batch is
written behind it, in a thread: by SQLite's C code, or by the PostgreSQL server. On this
machine's two cores, on PostgreSQL, the Python process (reading, rules, pinyin, encryption,
audit entries, COPY; some 13 s of CPU for 200,000 rows, one core because of the interpreter
lock) and the server (COPY into people_person's 13 indexes and the audit table's 6, the
foreign key checks; some 10 s) each fill a core: about 13,000 to 15,000 rows/s depending on
what else runs. Three of those indexes serve nothing: Django's `…_like` (varchar_pattern_ops)
companions of `people_person.id_number_index` and `phone_index` (HMACs, only ever compared
whole) and of `core_auditentry.action`; they cost the server about 1.4 s of its 10 s here.

## History

- 2026-11-26, before the importer's fast path (bulk_create of model instances, pypinyin for
  every name, the key looked up for every value, full garbage collections …), same machine and
  workbook: 3,503 rows/s on SQLite and 3,194 on PostgreSQL end to end; re-import 10,404 and
  8,477 rows/s.
"""


if __name__ == "__main__":
    main()
