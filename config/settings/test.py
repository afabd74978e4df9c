"""Test settings: fast hashing and a fixed data key, so tests never touch var/keys."""

import base64
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
QUNYAN_DATA_KEY = base64.urlsafe_b64encode(b"k" * 32).decode()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
QUNYAN_UPLOAD_DIR = Path(tempfile.mkdtemp(prefix="qunyan-test-uploads-"))
# The second factor is tested where it is switched on (tests/web/test_two_factor.py); elsewhere
# the separated roles' pages are tested without it.
QUNYAN_TOTP_REQUIRED_ROLES = []
