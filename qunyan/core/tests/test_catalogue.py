"""The Chinese catalogue is complete: every string of the interface has its translation.

`make messages` collects the strings from the code and templates (GNU gettext); this test, which
needs no gettext, guards what was collected: nothing untranslated, nothing guessed, placeholders
kept, and the strings the code wraps most often really come out in Chinese.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR, "locale", "zh_Hans", "LC_MESSAGES", "django.po")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]")


@pytest.fixture(scope="module")
def entries() -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def test_every_entry_is_translated_and_none_is_a_guess(entries):
    untranslated = [e.msgid for e in entries if not e.translated()]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not untranslated and not fuzzy


def test_translations_keep_the_placeholders(entries):
    changed = [
        e.msgid
        for e in entries
        if not e.msgid_plural
        and sorted(PLACEHOLDER.findall(e.msgid)) != sorted(PLACEHOLDER.findall(e.msgstr))
    ]
    assert not changed


@pytest.mark.parametrize(
    ("english", "chinese"),
    [("Registry", "人员"), ("Two-factor login", "双因素登录"), ("Party development", "发展党员")],
)
def test_the_interface_speaks_chinese_by_default(english, chinese):
    with translation.override(settings.LANGUAGE_CODE):
        assert chinese in translation.gettext(english)
