"""Pinyin keys for names: a sort key (pinyin order on every database) and initials for search."""

from pypinyin import Style, lazy_pinyin


def name_keys(name: str) -> tuple[str, str]:
    """(full pinyin sort key, initials): 张三 → ("zhang san", "zs")."""
    syllables = lazy_pinyin(name, errors="default")
    initials = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return " ".join(syllables).lower()[:200], "".join(initials).lower()[:50]
