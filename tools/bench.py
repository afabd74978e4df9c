"""Benchmarks of the workbook importer (`make bench`), each figure beside its limit or peer.

    .venv/bin/python tools/bench.py [--rows N] [--smoke] [--no-postgres]

Generates a synthetic exchange workbook (one town of 300 villages, N valid 人员 rows, fixed
seed), then on SQLite (a temporary file) and PostgreSQL (a temporary database `qunyan_bench`,
created and dropped here) measures, each in a fresh process and a fresh database:

  (a) the end-to-end import: workbook_import of the whole file (unrestricted scope), rows/s;
  (b) the physical limit: the same file read with python-calamine and its columns inserted raw
      into a bare table (executemany on SQLite, COPY on PostgreSQL), rows/s;
  (c) the peer: django-import-export's standard ModelResource on the first rows of the same
      data (5,000 by default; it is too slow for the whole file), rows/s;
  (d) peak memory (maxrss) of the import at N/4 and N rows;
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
        "--smoke",
        action="store_true",
        help="tiny sizes, a few seconds (CI); does not write the document",
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
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        spec = json.loads(args.worker)
        print(json.dumps(tasks.run(spec.pop("task"), spec)))
        return
    if args.smoke:
        args.rows, args.peer_rows = min(args.rows, 2_000), min(args.peer_rows, 200)
    output = args.output
    if output is None and not args.smoke:
        output = ROOT / "docs" / "benchmarks.md"
    bench(
        args.rows,
        args.peer_rows,
        postgres=not args.no_postgres,
        output=output,
        profile=args.profile,
    )


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
    rows: int, peer_rows: int, *, postgres: bool, output: Path | None, profile: Path | None
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
    try:
        for db in databases:
            log(f"{db}:")
            log(f"  (a, e) import and re-import of {rows:,} rows …")
            prof = str(profile / f"import-{db}.prof") if profile else ""
            if profile:
                profile.mkdir(parents=True, exist_ok=True)
            imported = worker(
                "import", workdir, db=db, path=str(full), rows=rows, reimport=True, profile=prof
            )
            log(f"      {imported['rate']:,.0f} rows/s, again {imported['reimport_rate']:,.0f}")
            log(f"  (d) import of {small:,} rows for memory …")
            quarter_run = worker(
                "import", workdir, db=db, path=str(quarter), rows=small, reimport=False
            )
            log(f"  (b) calamine + raw insert of {rows:,} rows …")
            limit = worker("limit", workdir, db=db, path=str(full), rows=rows)
            log(f"      {limit['rate']:,.0f} rows/s")
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
            results[db] = {"import": imported, "quarter": quarter_run, "limit": limit, "peer": peer}
    finally:
        if "postgres" in databases:
            tasks.postgres_recreate(drop_only=True)
        shutil.rmtree(workdir, ignore_errors=True)
    table = render_table(results, rows, small, peer_rows)
    machine = machine_lines(pg_version if "postgres" in databases else None)
    print()
    print("\n".join(machine))
    print()
    print(table)
    for note in notes:
        print(note)
    if output is not None:
        output.write_text(render_document(table, machine, notes, rows, small, peer_rows))
        log(f"Wrote {output}")


def _rate(value: float) -> str:
    return f"{value:,.0f}"


def render_table(results: dict[str, dict[str, Any]], rows: int, small: int, peer_rows: int) -> str:
    dbs = list(results)
    titles = {"sqlite": "SQLite", "postgres": "PostgreSQL"}

    def line(label: str, cells: list[str], beside: str = "") -> str:
        return "| " + " | ".join([label, *cells, beside]) + " |"

    def each(fn: Any) -> list[str]:
        return [fn(results[db]) for db in dbs]

    out = [
        line("Measure", [titles[db] for db in dbs], "Goal / note"),
        "|" + "---|" * (len(dbs) + 2),
        line(
            f"(a) Import end-to-end, {rows:,} 人员 rows (rows/s)",
            each(lambda r: "**" + _rate(r["import"]["rate"]) + "**"),
            f"≥ {GOAL:,}",
        ),
        line("    seconds", each(lambda r: f"{r['import']['seconds']:.1f}")),
        line(
            "(b) Limit: calamine read + raw insert (rows/s)",
            each(lambda r: _rate(r["limit"]["rate"])),
            "executemany (SQLite) / COPY (PostgreSQL) into a bare table",
        ),
        line(
            "    import ÷ limit", each(lambda r: f"{r['import']['rate'] / r['limit']['rate']:.0%}")
        ),
        line("    calamine read alone (rows/s)", each(lambda r: _rate(r["limit"]["read_rate"]))),
        line(
            f"(c) Peer: django-import-export ModelResource, {peer_rows:,} rows (rows/s)",
            each(lambda r: _rate(r["peer"]["rate"])),
            "same rows, default options",
        ),
        line(
            "    import ÷ peer", each(lambda r: f"{r['import']['rate'] / r['peer']['rate']:.1f}×")
        ),
        line(
            f"(d) Peak memory, import of {small:,} rows (MiB)",
            each(lambda r: f"{r['quarter']['rss_peak_mb']:.0f}"),
        ),
        line(
            f"    peak memory, import of {rows:,} rows (MiB)",
            each(lambda r: f"{r['import']['rss_peak_mb']:.0f}"),
            "flat as the file grows",
        ),
        line(
            "    of which before the import (Django, migrations)",
            each(lambda r: f"{r['import']['rss_before_mb']:.0f}"),
        ),
        line(
            "(e) Re-import, every row unchanged (rows/s)",
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

    lines = [
        f"- Date: {datetime.date.today().isoformat()}",
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM {ram}",
        f"- {platform.system()} {platform.release()}; Python {platform.python_version()}; "
        f"Django {django.get_version()}",
        f"- SQLite {sqlite3.sqlite_version}; PostgreSQL {pg_version or 'not measured'}",
    ]
    return lines


def render_document(
    table: str, machine: list[str], notes: list[str], rows: int, small: int, peer_rows: int
) -> str:
    return f"""# Benchmarks

Written by `make bench` (`tools/bench.py`); run it again after a change to the importer. Each
figure stands beside its physical limit or its peer, measured in the same run on the same
machine. Benchmarks are not timed tests: CI runs `tools/bench.py --smoke` only.

## The workbook importer

A synthetic exchange workbook (fixed seed): one town with 300 villages and communities in
`村社区`, and {rows:,} valid `人员` rows (blank genders and birth dates derived from the ID,
aliases, landlines, blank optional cells). Every measurement runs in its own process on a fresh
database: a temporary SQLite file (WAL, the app's settings) and a temporary PostgreSQL database.

- (a) `workbook_import` end to end, as `qunyan import` runs it: read with python-calamine, every
  contract rule, AES-GCM encryption of ID and phone, blind indexes, pinyin keys, bulk upsert, an
  audit entry per created person and one for the import, all in one transaction.
- (b) the physical limit: the same file read with python-calamine and its ten columns inserted
  as they are into a bare table without indexes (`executemany` on SQLite, `COPY` on PostgreSQL).
- (c) the peer: django-import-export's standard `ModelResource` for `Person` (default options:
  a lookup, a diff and a save per row) with only the derivations the model needs (blind index,
  codes, pinyin, town) and no validation or audit. It runs on the first {peer_rows:,} rows of
  the same data (a file of those rows, read by its own xlsx loader): it is too slow for the
  whole file, so its rows/s is measured on the subset.
- (d) peak resident memory (maxrss) of the import process at {small:,} and {rows:,} rows.
- (e) importing the same file again into the same database: every row found and unchanged.

{chr(10).join(machine)}

{table}
{"".join(f"{chr(10)}{note}" for note in notes)}
"""


if __name__ == "__main__":
    main()
