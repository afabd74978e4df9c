"""Pinyin keys for names: a sort key (pinyin order on every database) and initials for search."""

import functools

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT, RE_HANS

# Longest name checked for phrases on the fast path; longer ones take pypinyin's own way.
_FAST_MAX_LENGTH = 8


@functools.lru_cache(maxsize=8192)
def name_keys(name: str) -> tuple[str, str]:
    """(full pinyin sort key, initials): 张三 → ("zhang san", "zs")."""
    keys = _fast_syllables(name)
    if keys is None:
        syllables = lazy_pinyin(name, errors="default")
        initials = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    else:
        syllables, initials = keys
    return " ".join(syllables).lower()[:200], "".join(initials).lower()[:50]


def _fast_syllables(name: str) -> tuple[list[str], list[str]] | None:
    """pypinyin's result, character by character, when that is provably the same; else None.

    lazy_pinyin segments a run of Chinese characters into dictionary phrases and reads a phrase
    from the phrase dictionary, every other character on its own. When no part of the name
    (two characters or more) is a phrase, every character is read on its own, exactly as
    lazy_pinyin reads that character alone; its reading is cached per character.
    """
    if len(name) > _FAST_MAX_LENGTH:
        return None
    syllables: list[str] = []
    initials: list[str] = []
    for char in name:
        known = _char_keys(char)
        if known is None:
            return None
        syllables += known[0]
        initials += known[1]
    length = len(name)
    for start in range(length - 1):
        for end in range(start + 2, length + 1):
            if name[start:end] in PHRASES_DICT:
                return None
    return syllables, initials


@functools.cache
def _char_keys(char: str) -> tuple[list[str], list[str]] | None:
    """A Chinese character's readings as lazy_pinyin gives them; None for anything else."""
    if not RE_HANS.match(char) or char in PHRASES_DICT:
        return None
    return (
        lazy_pinyin(char, errors="default"),
        lazy_pinyin(char, style=Style.FIRST_LETTER, errors="default"),
    )
