"""Templates keep to the Content-Security-Policy: no inline script, style or event handler.

A page that broke this would lose its behaviour silently in the browser, so it is caught here.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

# Rendered to PDF by WeasyPrint on the server, never sent to a browser: its print styles stay.
DOCUMENTS = {"reports/report_document.html"}
TEMPLATES = sorted(
    path
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
    if str(path.relative_to(Path(settings.BASE_DIR, "templates"))) not in DOCUMENTS
)
FORBIDDEN = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}
# json_script output is data, not code (type="application/json"), and is allowed.
JSON_SCRIPT = re.compile(r"<script[^>]*type=\"application/json\"", re.IGNORECASE)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_no_inline_code_in_templates(path):
    text = JSON_SCRIPT.sub("", path.read_text(encoding="utf-8"))
    found = [name for name, pattern in FORBIDDEN.items() if pattern.search(text)]
    assert not found, f"{path.name}: {', '.join(found)} (the CSP refuses it; use static files)"


def test_the_policy_is_sent_with_every_page(client, db):
    policy = client.get("/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
