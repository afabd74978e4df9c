"""The production settings (config.settings.prod) served by gunicorn for the load benchmark, plus
one extra page: a bare Django 50-row list, the peer the registry list is measured beside.

tools/benchlib/web.py sets the environment prod.py reads (DJANGO_SECRET_KEY,
QUNYAN_SSL_REDIRECT=0 since the load runs over plain HTTP on loopback, DATABASE_URL …).
"""

import os

from config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "benchlib.urls"

# Static files: the manifest (hashed names, as in production) without whitenoise's compression
# pass, which takes minutes on this machine and only concerns the assets the load never asks
# for; collected once into a cache directory keyed by the sources (web.py).
STATIC_ROOT = os.environ.get("QY_BENCH_STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
