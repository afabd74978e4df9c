"""Compile every locale/*/LC_MESSAGES/django.po to .mo with polib (no GNU gettext needed)."""

from pathlib import Path

import polib

root = Path(__file__).resolve().parent.parent / "locale"
for po_path in root.glob("*/LC_MESSAGES/*.po"):
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
