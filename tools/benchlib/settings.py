"""Settings for the benchmark: the production base with a throw-away database and a fixed key.

tools/bench.py sets DATABASE_URL (a temporary SQLite file or the `qunyan_bench` PostgreSQL
database) and QUNYAN_VAR_DIR (a temporary directory) before Django reads these settings, so the
base settings apply their usual SQLite options (WAL, IMMEDIATE transactions) and nothing under
var/ is touched.
"""

import base64

from config.settings.base import *  # noqa: F403

SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A fixed key: every run encrypts and indexes the same way.
QUNYAN_DATA_KEY = base64.urlsafe_b64encode(b"bench-key-" + b"q" * 22).decode()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
