"""Create the data-encryption key file used outside the repository (var/ is not committed)."""

import base64
import os
import sys
from pathlib import Path

path = Path(sys.argv[1])
if not path.exists():
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode() + "\n")
    path.chmod(0o600)
    print(f"created data key {path}")
