"""HTML pages under load: gunicorn (2 workers, production settings) and locust on loopback.

Runs in its own worker process with benchlib.prod_settings (config.settings.prod plus the bare
50-row peer page) on the scale data set; each page is loaded by locust, headless, a fixed number
of users without think time, for a fixed time. A town officer's session cookie is made here.
"""

import base64
import csv
import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from .scale import scale_url

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA_KEY = base64.urlsafe_b64encode(b"bench-key-" + b"q" * 22).decode()  # benchlib.settings'


def prod_environment(db: str, workdir: Path) -> dict[str, str]:
    """What config.settings.prod reads, for plain HTTP on loopback."""
    return {
        "DJANGO_SETTINGS_MODULE": "benchlib.prod_settings",
        "DJANGO_SECRET_KEY": "bench-only-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "QUNYAN_SSL_REDIRECT": "0",
        "QUNYAN_HSTS_SECONDS": "0",
        "DATABASE_URL": scale_url(db, workdir),
        "QUNYAN_VAR_DIR": str(workdir / "var"),
        "QUNYAN_DATA_KEY": DATA_KEY,
        "PYTHONPATH": str(HERE.parent),
        "QY_BENCH_STATIC_ROOT": str(static_root()),
    }


def static_root() -> Path:
    """A collected static directory per state of the sources (kept between runs)."""
    digest = hashlib.sha256()
    for base in (
        ROOT / "static",
        ROOT / "node_modules" / "bootstrap",
        ROOT / "node_modules" / "echarts",
    ):
        for path in sorted(base.rglob("package.json" if base.name != "static" else "*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return Path(tempfile.gettempdir()) / "qunyan-bench" / f"static-{digest.hexdigest()[:16]}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url}")


def task_web(db: str, workdir: Path, seconds: int, users: int) -> dict[str, Any]:
    env = prod_environment(db, workdir)
    os.environ.update(env)
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from qunyan.core.models import OrgUnit
    from qunyan.core.roles import Role
    from qunyan.people.models import Person

    from .scale import bench_account

    started = time.perf_counter()
    if not (Path(env["QY_BENCH_STATIC_ROOT"]) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    collect_seconds = time.perf_counter() - started
    root = OrgUnit.objects.filter(parent=None, kind=OrgUnit.Kind.COUNTY).order_by("-pk").first()
    assert root is not None
    town = OrgUnit.objects.filter(parent=root, kind=OrgUnit.Kind.TOWN).order_by("pk")[1:2].get()
    officer = bench_account("bench_officer", Role.TOWN_OFFICER, town)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(officer)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    names = list(Person.objects.filter(town=town).values_list("name", flat=True)[:400:20])
    from django.db import connections

    connections.close_all()
    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, **env},
    )  # fmt: skip
    pages = {
        "bare": ["/bench/bare/"],
        "list": ["/people/"],
        "search": [f"/people/?q={urllib.request.quote(name)}" for name in names],
        "dashboard": ["/reports/"],
    }
    results: dict[str, Any] = {"collectstatic_seconds": collect_seconds, "users": users}
    try:
        _wait_ready(f"{host}/bench/bare/")
        for label, paths in pages.items():
            results[label] = _locust(host, paths, cookie, seconds, users, workdir / label)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def _locust(
    host: str, paths: list[str], cookie: str, seconds: int, users: int, prefix: Path
) -> dict[str, Any]:
    env = {**os.environ, "QY_BENCH_PATHS": "|".join(paths), "QY_BENCH_COOKIE": cookie}
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
         "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
         "--host", host, "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR",
         "--exit-code-on-error", "0"],
        env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv", newline="") as stream:
        row = next(r for r in csv.DictReader(stream) if r["Name"] == "Aggregated")
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "median_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
    }
