"""Uploaded workbooks wait in var/uploads between the preview and the confirmation."""

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

MAX_AGE_SECONDS = 24 * 3600


def _folder() -> Path:
    folder = Path(settings.QUNYAN_UPLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_keep(upload: UploadedFile) -> str:
    """Store the upload under a random token and return the token."""
    _sweep()
    token = secrets.token_urlsafe(16)
    with (_folder() / f"{token}.xlsx").open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return token


def upload_path(token: str) -> Path | None:
    """The stored file of a token, or None when it is unknown or expired."""
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    path = _folder() / f"{token}.xlsx"
    return path if path.is_file() else None


def upload_discard(token: str) -> None:
    path = upload_path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def _sweep() -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in _folder().glob("*.xlsx"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
