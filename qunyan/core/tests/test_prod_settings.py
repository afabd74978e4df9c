"""The production settings as a deployment would load them: pool, cache, tasks, security.

Each case imports config.settings.prod in a fresh interpreter with only the environment given,
the way gunicorn and the worker start.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings

SECRET = "x" * 60 + "-production-grade-secret-0123456789"
PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/15"

REPORT = textwrap.dedent(
    """
    import json, django
    from django.conf import settings as s
    django.setup()
    db = s.DATABASES["default"]
    print(json.dumps({
        "engine": db["ENGINE"], "conn_max_age": db["CONN_MAX_AGE"],
        "pool": db.get("OPTIONS", {}).get("pool"),
        "cache": s.CACHES["default"]["BACKEND"], "cache_location": s.CACHES["default"].get("LOCATION"),
        "session_engine": s.SESSION_ENGINE,
        "tasks": s.TASKS["default"]["BACKEND"], "apps": s.INSTALLED_APPS,
        "debug": s.DEBUG, "ssl_redirect": s.SECURE_SSL_REDIRECT, "hsts": s.SECURE_HSTS_SECONDS,
        "secure_cookies": [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE],
        "proxy_header": s.SECURE_PROXY_SSL_HEADER,
        "static": s.STORAGES["staticfiles"]["BACKEND"],
        "whitenoise": "whitenoise.middleware.WhiteNoiseMiddleware" in s.MIDDLEWARE,
    }))
    """
)


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "QUNYAN_"))}
    clean.pop("DATABASE_URL", None)
    clean.pop("REDIS_URL", None)
    clean |= {"DJANGO_SETTINGS_MODULE": "config.settings.prod", "DJANGO_SECRET_KEY": SECRET} | env
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env=clean,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
        timeout=120,
    )


def _settings(**env: str) -> dict:
    result = _run(REPORT, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_is_pooled_and_redis_shared_with_several_app_servers():
    found = _settings(DATABASE_URL=PG_URL, REDIS_URL=REDIS_URL, QUNYAN_DB_POOL_MAX="16")
    assert found["engine"] == "django.db.backends.postgresql"
    # Django's pool refuses persistent connections: CONN_MAX_AGE must be 0 with it.
    assert found["conn_max_age"] == 0
    assert found["pool"] == {"min_size": 2, "max_size": 16, "timeout": 10}
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["cache_location"] == REDIS_URL
    assert found["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_one_server_without_redis_keeps_sessions_in_the_database():
    found = _settings(DATABASE_URL=PG_URL)
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["session_engine"] == "django.contrib.sessions.backends.db"


def test_transport_cookies_and_static_files_are_locked_down():
    found = _settings(DATABASE_URL=PG_URL)
    assert found["debug"] is False
    assert found["ssl_redirect"] is True
    assert found["hsts"] >= 31536000
    assert found["secure_cookies"] == [True, True]
    assert found["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert found["whitenoise"] is True


def test_the_secret_key_is_required():
    result = _run(REPORT, DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_background_work_is_queued_in_the_database_for_the_worker():
    found = _settings(DATABASE_URL=PG_URL)
    assert found["tasks"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in found["apps"] and "django_tasks" in found["apps"]


def test_tasks_can_run_inline_on_request():
    found = _settings(DATABASE_URL=PG_URL, QUNYAN_TASKS_BACKEND="immediate")
    assert found["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert _run(REPORT, QUNYAN_TASKS_BACKEND="celery").returncode != 0


def _reachable(host: str, port: int) -> bool:
    import socket

    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _reachable("127.0.0.1", 5432), reason="no PostgreSQL here")
def test_the_pool_serves_queries():
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "for _ in range(3):\n"
        "    connection.close()\n"
        "    with connection.cursor() as c: c.execute('SELECT 1'); assert c.fetchone() == (1,)\n"
        "print(type(connection.pool).__name__)\n"
    )
    result = _run(code, DATABASE_URL=PG_URL)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ConnectionPool"


@pytest.mark.skipif(not _reachable("127.0.0.1", 6379), reason="no Redis here")
def test_the_redis_cache_is_shared_between_processes():
    key = f"qunyan-test-{os.getpid()}"
    write = f"import django; django.setup()\nfrom django.core.cache import cache\ncache.set({key!r}, 42, 30)\n"
    read = f"import django; django.setup()\nfrom django.core.cache import cache\nprint(cache.get({key!r}))\ncache.delete({key!r})\n"
    assert _run(write, DATABASE_URL=PG_URL, REDIS_URL=REDIS_URL).returncode == 0
    result = _run(read, DATABASE_URL=PG_URL, REDIS_URL=REDIS_URL)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "42"
