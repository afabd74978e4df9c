"""Checks on an uploaded workbook before it is unpacked: zip bombs and absurd sizes.

An .xlsx is a zip archive. Its directory states how large each part becomes once unpacked, so a
file that would fill memory (a "zip bomb": megabytes that inflate to gigabytes) is refused before
the reader inflates anything.
"""

import zipfile
from pathlib import Path
from typing import IO

from django.conf import settings

# A real sheet's XML compresses 5–20 times; a bomb's runs of one byte, hundreds to millions.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 20 * 1024 * 1024  # small parts may compress well without harm


class ArchiveTooLarge(Exception):
    """The workbook would inflate beyond what an import may take."""


def check_archive(source: str | Path | IO[bytes]) -> None:
    """Raise ArchiveTooLarge for a zip whose parts would inflate too far; other files pass."""
    position = None if isinstance(source, str | Path) else source.tell()
    try:
        with zipfile.ZipFile(source) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip (or a damaged one): the reader reports it as unreadable
    finally:
        if position is not None:
            source.seek(position)  # type: ignore[union-attr]
    total = sum(part.file_size for part in parts)
    if total > settings.QUNYAN_IMPORT_MAX_UNPACKED_BYTES:
        raise ArchiveTooLarge
    for part in parts:
        if part.file_size > RATIO_FLOOR_BYTES and part.file_size > MAX_RATIO * max(
            part.compress_size, 1
        ):
            raise ArchiveTooLarge
