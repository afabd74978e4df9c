"""Production: secrets and hosts come from the environment; cookies and transport are locked down.

One or more app servers (gunicorn) share one PostgreSQL and, when there is more than one app
server, one Redis; a single worker process runs the queued background work. docs/deploy.md has
the steps.
"""

from django.core.exceptions import ImproperlyConfigured

from qunyan.core.env import env_bool, env_int, env_str

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("QUNYAN_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("QUNYAN_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Static files: WhiteNoise serves the hashed, pre-compressed (gzip + brotli) files that
# `collectstatic` writes, with far-future cache headers (the name changes when the file does).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# PostgreSQL through a connection pool in each app process (psycopg-pool, Django 5.2): a request
# borrows a warm connection instead of opening one (a TLS + auth round trip). Django's pool needs
# CONN_MAX_AGE = 0. Size: gunicorn workers × threads per worker; PostgreSQL's max_connections
# must cover every app server's max plus the worker and the backups.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # the pool checks connections itself
    # No JIT compilation: the statistics' queries run for a second at most, where compiling
    # them costs more than it saves (70 ms of a province's 1 s; docs/deploy.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": env_int("QUNYAN_DB_POOL_MIN", 2),
        "max_size": env_int("QUNYAN_DB_POOL_MAX", 10),
        # Seconds a request waits for a free connection before failing (not hanging).
        "timeout": env_int("QUNYAN_DB_POOL_TIMEOUT", 10),
    }

# A shared cache when more than one app server runs (REDIS_URL, e.g. redis://10.0.0.5:6379/0):
# what one server caches or throttles, the others see. Sessions then live in the cache with the
# database behind it (cached_db: a Redis restart logs nobody out). Without Redis each process
# keeps its own small memory cache and sessions stay in the database.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("QUNYAN_CACHE_PREFIX", "qunyan"),
            "TIMEOUT": 300,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background work: queued in the database and run by `manage.py db_worker` (django-tasks-db,
# the ORM backend of django_tasks; one worker for all app servers). QUNYAN_TASKS_BACKEND=immediate
# runs tasks inline instead (a small installation without a worker process).
QUNYAN_TASKS_BACKEND = env_str("QUNYAN_TASKS_BACKEND", "database")
if QUNYAN_TASKS_BACKEND not in ("database", "immediate"):
    raise ImproperlyConfigured("QUNYAN_TASKS_BACKEND must be database or immediate.")
if QUNYAN_TASKS_BACKEND == "database":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
    TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}  # type: ignore[dict-item]
    }
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Logs to stderr (gunicorn and systemd collect them), with the time and the logger's name.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("QUNYAN_LOG_LEVEL", "WARNING")},
}
