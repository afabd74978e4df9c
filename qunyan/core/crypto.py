"""Encryption at rest for personal data, and blind indexes for exact lookup.

One master key (32 bytes, urlsafe base64) comes from QUNYAN_DATA_KEY or the key file; HKDF
derives separate keys for encryption (AES-256-GCM) and for the blind index (HMAC-SHA256), so an
index value reveals nothing about the ciphertext key.
"""

import base64
import contextlib
import functools
import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "v1:"


# The key file's text by (path, inode, size, mtime): read again only when the file changes, so
# that encrypting a roster does not open the file for every value.
_key_file_text: dict[tuple[str, int, int, int], str] = {}


def _master_key_text() -> str:
    key = settings.QUNYAN_DATA_KEY
    if key:
        return str(key)
    path = Path(settings.QUNYAN_DATA_KEY_FILE)
    try:
        stat = path.stat()
    except (FileNotFoundError, NotADirectoryError):  # as Path.exists() says False
        raise ImproperlyConfigured(
            f"No data key: set QUNYAN_DATA_KEY or create {path} (make install does)."
        ) from None
    version = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    text = _key_file_text.get(version)
    if text is None:
        text = path.read_text().strip()
        _key_file_text.clear()
        _key_file_text[version] = text
    return text


@functools.lru_cache(maxsize=4)
def _derived_keys(master_text: str) -> tuple[AESGCM, bytes]:
    try:
        master = base64.urlsafe_b64decode(master_text)
    except ValueError as exc:
        raise ImproperlyConfigured("The data key is not valid base64.") from exc
    if len(master) != 32:
        raise ImproperlyConfigured("The data key must be 32 bytes.")

    def derive(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    return AESGCM(derive(b"qunyan-encrypt")), derive(b"qunyan-blind-index")


def _keys() -> tuple[AESGCM, bytes]:
    if getattr(_pinned, "depth", 0):
        keys: tuple[AESGCM, bytes] | None = _pinned.keys
        if keys is None:
            keys = _pinned.keys = _derived_keys(_master_key_text())
        return keys
    return _derived_keys(_master_key_text())


_pinned = threading.local()


@contextlib.contextmanager
def keys_pinned() -> Iterator[None]:
    """In this thread, look the keys up once (when first needed) for a block of many values,
    such as a batch of an import, rather than in the settings or key file for every value."""
    depth = getattr(_pinned, "depth", 0)
    if depth == 0:
        _pinned.keys = None
    _pinned.depth = depth + 1
    try:
        yield
    finally:
        _pinned.depth = depth
        if depth == 0:
            _pinned.keys = None


def encrypt(plaintext: str) -> str:
    """Encrypt a string; the same input gives a different output each time."""
    aead, _ = _keys()
    nonce = os.urandom(12)
    sealed = aead.encrypt(nonce, plaintext.encode(), None)
    return PREFIX + base64.b64encode(nonce + sealed).decode()


def decrypt(token: str) -> str:
    """Decrypt what encrypt() made."""
    if not token.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    aead, _ = _keys()
    raw = base64.b64decode(token[len(PREFIX) :])
    return aead.decrypt(raw[:12], raw[12:], None).decode()


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed hash for exact-match lookup without storing the value in clear."""
    _, index_key = _keys()
    inner, outer = _hmac_sha256_pads(index_key)
    # HMAC-SHA256 (RFC 2104) from hashers primed with the padded key: what
    # hmac.new(index_key, message, sha256) gives, without deriving the pads again each time.
    digest = inner.copy()
    digest.update(f"{purpose}\x00{value}".encode())
    result = outer.copy()
    result.update(digest.digest())
    return result.hexdigest()[:40]


@functools.lru_cache(maxsize=4)
def _hmac_sha256_pads(key: bytes) -> tuple["hashlib._Hash", "hashlib._Hash"]:
    if len(key) > 64:  # longer than SHA-256's block: hashed first, as hmac does
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    return (
        hashlib.sha256(bytes(byte ^ 0x36 for byte in key)),
        hashlib.sha256(bytes(byte ^ 0x5C for byte in key)),
    )
