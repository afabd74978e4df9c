"""Province-scale measurements on a `qunyan generate` data set (tools/bench.py --worker).

scale_generate builds the data set once into its own database (PostgreSQL `<bench db>_scale`
or a SQLite file); scale_reads times, in process, the statistics, the registry list and search,
and the HTML pages through Django's test Client; web.py serves the same database with gunicorn.
"""

import datetime
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .tasks import PG_ADMIN_URL, PG_BENCH_DB, PG_TEMPLATE_DB, django_setup, migrate

PG_SCALE_DB = f"{PG_BENCH_DB}_scale"


def scale_url(db: str, workdir: Path) -> str:
    if db == "postgres":
        return f"postgresql://postgres@127.0.0.1:5432/{PG_SCALE_DB}"
    return f"sqlite:///{workdir / 'scale.sqlite3'}"


def drop_scale_database() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_SCALE_DB} WITH (FORCE)")


def task_scale_generate(
    db: str, workdir: Path, towns: int, villages: int, people: int
) -> dict[str, Any]:
    """`qunyan generate` into a fresh migrated database; the data set the other tasks read."""
    migrated = False
    if db == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_SCALE_DB} WITH (FORCE)")
            found = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_TEMPLATE_DB]
            ).fetchone()
            template = f" TEMPLATE {PG_TEMPLATE_DB}" if found else ""
            conn.execute(f"CREATE DATABASE {PG_SCALE_DB}{template}")
            migrated = found is not None
    else:
        path = workdir / "scale.sqlite3"
        template = workdir / "template.sqlite3"
        if template.exists():
            import shutil

            shutil.copyfile(template, path)
            migrated = True
    django_setup(scale_url(db, workdir), workdir)
    if not migrated:
        migrate()
    from django.db import connection

    from qunyan.demo.synthetic import Spec, generate

    spec = Spec(towns=towns, villages_per_town=villages, people=people, seed=1)
    started = time.perf_counter()
    summary = generate(spec)
    seconds = time.perf_counter() - started
    # What autovacuum would do soon after a load; the planner needs the statistics.
    analyse = time.perf_counter()
    if db == "postgres":
        connection.close()
        import psycopg

        with psycopg.connect(scale_url(db, workdir), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            # The server as docs/deploy.md sets it up (there with ALTER SYSTEM).
            conn.execute(f"ALTER DATABASE {PG_SCALE_DB} SET random_page_cost = 1.1")
            conn.execute(f"ALTER DATABASE {PG_SCALE_DB} SET jit = off")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    counts = summary.counts
    return {
        "seconds": seconds,
        "analyse_seconds": time.perf_counter() - analyse,
        "people": counts.get("people.Person", 0),
        "rows": sum(counts.values()),
        "counts": counts,
        "rate": counts.get("people.Person", 0) / seconds,
    }


def _times(fn: Callable[[], Any], runs: int) -> list[float]:
    fn()  # warm: connections, caches, plans
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return {
        "best": ordered[0],
        "median": statistics.median(ordered),
        "p95": p95,
        "n": len(ordered),
    }


def task_scale_reads(db: str, workdir: Path, runs: int) -> dict[str, Any]:
    (workdir / "var" / "static").mkdir(parents=True, exist_ok=True)  # whitenoise looks there
    django_setup(scale_url(db, workdir), workdir)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from qunyan.core.models import OrgUnit
    from qunyan.core.scopes import Scope
    from qunyan.people.models import Person
    from qunyan.people.selectors import person_list
    from qunyan.reports.periods import default_period
    from qunyan.reports.selectors import statistics_by_town, town_statistics

    root = OrgUnit.objects.filter(parent=None, kind=OrgUnit.Kind.COUNTY).order_by("-pk").first()
    assert root is not None, "no generated data set"
    towns = list(OrgUnit.objects.filter(parent=root, kind=OrgUnit.Kind.TOWN).order_by("pk"))
    town = towns[len(towns) // 2]
    start, end = default_period(datetime.date.today())

    def stats_town(t: OrgUnit = town) -> dict[str, Any]:
        return town_statistics(town=t, period_from=start, period_to=end, as_of=end)

    def stats_all() -> None:  # `qunyan stats --all-towns`
        statistics_by_town(towns, period_from=start, period_to=end, as_of=end)

    def ping() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")

    with CaptureQueriesContext(connection) as captured:
        sample = stats_town()
    queries = len(captured.captured_queries)
    result: dict[str, Any] = {
        "towns": len(towns),
        "town_people": Person.objects.filter(town=town).count(),
        "stats_queries": queries,
        "stats_town": _summary(_times(stats_town, runs)),
        "stats_all": _summary(_times(stats_all, max(1, min(runs, 3)))),
        "ping": _summary(_times(ping, 50)),
        "stats_sample": {
            "reserves": sample["reserves"]["total"],
            "new_members": sample["party_development"]["new_probationary_members"],
            "person_times": sample["training"]["person_times"],
        },
    }
    # The registry: one page of 50 in pinyin order, browsing and searching, two scopes.
    names = list(Person.objects.filter(town=town).values_list("name", flat=True)[:200:7])
    scopes = {"town": Scope(root_paths=(town.path,)), "county": Scope(root_paths=(root.path,))}
    for label, scope in scopes.items():
        result[f"list_{label}"] = _summary(
            _times(lambda scope=scope: list(person_list(scope=scope)[:50]), runs * 2)
        )
        queue = iter(names * (runs * 4 // max(len(names), 1) + 2))

        def search(scope: Scope = scope, queue: Any = queue) -> None:
            list(person_list(scope=scope, q=next(queue))[:50])

        result[f"search_{label}"] = _summary(_times(search, runs * 2))
    # The peer: a bare Django 50-row list query (no scope, no annotation, no search).
    result["bare_list"] = _summary(
        _times(lambda: list(Person.objects.order_by("name_pinyin", "id")[:50]), runs * 2)
    )
    result.update(_pages(town, root, runs))
    return result


def _pages(town: Any, root: Any, runs: int) -> dict[str, Any]:
    """The HTML pages through Django's test Client, as a town officer and a county reader."""
    from django.core.cache import cache
    from django.test import Client

    from qunyan.core.roles import Role

    officer = bench_account("bench_officer", Role.TOWN_OFFICER, town)
    reader = bench_account("bench_county", Role.COUNTY_READER, root)
    out: dict[str, Any] = {}
    for label, account in (("town", officer), ("county", reader)):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(account)
        for page, url in (("page_list", "/people/"), ("page_dashboard", "/reports/")):

            def get(url: str = url, client: Client = client) -> None:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            out[f"{page}_{label}"] = _summary(_times(get, runs))

        def fresh(client: Client = client) -> None:  # the first view after a change
            cache.clear()
            assert client.get("/reports/").status_code == 200

        out[f"page_dashboard_fresh_{label}"] = _summary(_times(fresh, runs))
    return out


def bench_account(username: str, role: str, unit: Any) -> Any:
    from django.utils import timezone

    from qunyan.core.models import Account

    account, _created = Account.objects.get_or_create(
        username=username, defaults={"role": role, "unit": unit}
    )
    account.role, account.unit = role, unit
    account.set_password("bench-password-1234")
    account.password_changed_at = timezone.now()
    account.save()
    return account
