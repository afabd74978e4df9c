"""Compile every catalogue (the project's and any app's locale/) to .mo with polib (no GNU gettext needed)."""

from pathlib import Path

import polib

base = Path(__file__).resolve().parent.parent
catalogues = [
    *base.glob("locale/*/LC_MESSAGES/*.po"),
    *base.glob("qunyan/*/locale/*/LC_MESSAGES/*.po"),
]
for po_path in catalogues:
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
