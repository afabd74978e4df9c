"""The province-scale table of `make bench` and its section of docs/benchmarks.md."""

import os
from typing import Any

TITLE = "## Province scale"
STATS_TOWN_GOAL_MS = 100
STATS_PROVINCE_GOAL_MS = 2_000
LIST_GOAL_MS = 50
PAGES_GOAL_RPS = 250
DASHBOARD_GOAL_MS = 300
PROVINCE = 3_000_000


def load_average() -> str:
    try:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _ok(good: bool) -> str:
    return "✓" if good else "✗"


def _ms(summary: dict[str, float], key: str = "p95") -> str:
    return f"{summary[key]:,.1f}"


def render_scale(result: dict[str, Any], *, db: str, sizes: dict[str, int]) -> str:
    gen, reads, web = result["generate"], result["reads"], result.get("web")
    title = {"postgres": "PostgreSQL", "sqlite": "SQLite"}[db]
    ping = reads["ping"]["median"]
    queries = reads["stats_queries"]
    rows = [
        "| Measure | Result | Goal | Beside: peer or limit, same run |",
        "|---|---|---|---|",
        f"| `qunyan generate`: {gen['people']:,} people, {gen['rows']:,} rows in all (s) | "
        f"{gen['seconds']:,.0f} s, **{gen['rate']:,.0f} people/s** | a province of "
        f"{PROVINCE:,} in minutes: {PROVINCE / gen['rate'] / 60:,.1f} min at this rate "
        f"{_ok(PROVINCE / gen['rate'] < 15 * 60)} | then VACUUM ANALYZE "
        f"{gen['analyse_seconds']:,.0f} s |",
    ]
    town = reads["stats_town"]
    rows.append(
        f"| `qunyan stats` for one town of {reads['town_people']:,} people, in process "
        f"(ms, best / median of {town['n']}) | **{_ms(town, 'best')} / {_ms(town, 'median')}** | "
        f"< {STATS_TOWN_GOAL_MS} ms {_ok(town['median'] < STATS_TOWN_GOAL_MS)} | floor: "
        f"{queries} queries × {ping:.2f} ms round trip = {queries * ping:.1f} ms |"
    )
    every = reads["stats_all"]
    rows.append(
        f"| `qunyan stats --all-towns`: all {reads['towns']} towns ({gen['people']:,} people) "
        f"at once, grouped by town (ms, best / median of {every['n']}) | "
        f"**{_ms(every, 'best')} / {_ms(every, 'median')}** | < {STATS_PROVINCE_GOAL_MS:,} ms at "
        f"{PROVINCE:,} on PostgreSQL {_ok(every['median'] < STATS_PROVINCE_GOAL_MS)} | "
        f"one town after the other: {reads['towns']} × one town's median = "
        f"{reads['towns'] * town['median']:,.0f} ms |"
    )
    bare = reads["bare_list"]
    for key, words in (
        ("list_town", "registry list, page of 50, a town officer's scope"),
        ("list_county", "registry list, page of 50, the county's scope"),
        ("search_town", "registry search by name, a town officer's scope"),
        ("search_county", "registry search by name, the county's scope"),
    ):
        value = reads[key]
        rows.append(
            f"| `person_list(…)[:50]`, {words} (ms p95 / median, {value['n']} runs) | "
            f"**{_ms(value)}** / {_ms(value, 'median')} | < {LIST_GOAL_MS} ms p95 "
            f"{_ok(value['p95'] < LIST_GOAL_MS)} | bare `Person.objects.order_by(…)[:50]`: "
            f"{_ms(bare)} p95 |"
        )
    for key, words in (
        ("page_list_town", "HTML registry page `/people/`, town officer, test Client"),
        ("page_list_county", "HTML registry page `/people/`, county reader, test Client"),
        ("page_dashboard_town", "dashboard `/reports/`, town officer, test Client"),
        ("page_dashboard_county", "dashboard `/reports/`, county reader, test Client"),
        (
            "page_dashboard_fresh_town",
            "dashboard `/reports/`, town officer, the first view after a change (cache emptied)",
        ),
        (
            "page_dashboard_fresh_county",
            "dashboard `/reports/`, county reader, the first view after a change (cache emptied)",
        ),
    ):
        value = reads[key]
        goal = (
            f"< {DASHBOARD_GOAL_MS} ms p95 {_ok(value['p95'] < DASHBOARD_GOAL_MS)}"
            if "dashboard" in key
            else "—"
        )
        rows.append(
            f"| {words} (ms p95 / median) | **{_ms(value)}** / {_ms(value, 'median')} | {goal} | "
            "one process, no network |"
        )
    if web:
        users, bare_web = web["users"], web["bare"]
        for key, words in (
            ("list", "`/people/` (town officer)"),
            ("search", "`/people/?q=<name>` (town officer)"),
            ("dashboard", "`/reports/` dashboard (town officer)"),
        ):
            value = web[key]
            goal = f"≥ {PAGES_GOAL_RPS} req/s, 0 errors " + _ok(
                value["rps"] >= PAGES_GOAL_RPS and value["failures"] == 0
            )
            if key == "dashboard":
                goal = f"p95 < {DASHBOARD_GOAL_MS} ms {_ok(value['p95_ms'] < DASHBOARD_GOAL_MS)}"
            rows.append(
                f"| gunicorn 2 workers + locust, {users} users, {words}: req/s, errors, "
                f"p95 ms | **{value['rps']:,.0f}**, {value['failures']} of {value['requests']:,}"
                f", {value['p95_ms']:,.0f} | {goal} | bare Django 50-row page: "
                f"{bare_web['rps']:,.0f} req/s, {bare_web['failures']} errors, p95 "
                f"{bare_web['p95_ms']:,.0f} ms |"
            )
    rows.append(f"| load average (1/5/15 min) at the end | {load_average()} | | 2 cores |")
    return (
        f"{title}, {sizes['towns']} towns × {sizes['villages']} villages, "
        f"{sizes['people']:,} people\n\n" + "\n".join(rows)
    )


def render_section(table: str, machine: list[str]) -> str:
    return f"""{TITLE}

`qunyan generate` builds a synthetic county-level root → towns → villages (fixed seed) with every
module's records, written with COPY (PostgreSQL) or executemany (SQLite); then, on that data set:

- `qunyan stats`: `qunyan.reports.selectors.town_statistics` in process for one town, and
  `statistics_by_town` for every town at once (`qunyan stats --all-towns`, the county view):
  the same dozen queries grouped by town; the floor is the number of queries times the round
  trip of a trivial query. The database is set up as docs/deploy.md says
  (`random_page_cost = 1.1`, no JIT).
- the registry: `qunyan.people.selectors.person_list(scope=…, q=…)` sliced to a page of 50,
  with a town officer's scope and the county's, browsing and searching by name; beside it a bare
  ORM query of 50 rows in the same order; then the HTML pages through Django's test Client.
  The dashboard's figures are cached under the data version (the last audit entry's id, so any
  change shows at once): measured as served from the cache and, with the cache emptied before
  each request, as the first view after a change.
- under load: gunicorn with 2 workers and the production settings (`config.settings.prod`
  through `tools/benchlib/prod_settings.py`, which only adds the bare page and collects static
  files without compression), locust headless on loopback, no think time, the same number of
  users for each page, beside a bare Django 50-row list page served by the same gunicorn.

Sizes are arguments: `make bench BENCH_ARGS="--skip-import --towns 100 --villages-per-town 250
--people 3000000"` measures a whole province (about 5 minutes to generate here, more to load);
the default full run (40 towns × 30 villages, 1,000,000 people) takes about 5 minutes.
`--skip-import`, `--skip-scale` and `--skip-web` leave parts out; the section of a part left out
stays as it was in this file.

The machine is shared (other sessions run tests on the same two cores): the load average is in
the table; every figure of one run saw the same load.

{chr(10).join(machine)}

{table}
"""


def merge_section(document: str, section: str) -> str:
    """Replace the Province scale section of the document (or add it at the end)."""
    start = document.find(TITLE)
    if start < 0:
        return document.rstrip() + "\n\n" + section
    end = document.find("\n## ", start + len(TITLE))
    rest = document[end + 1 :] if end >= 0 else ""
    return document[:start] + section + ("\n" + rest if rest else "")
