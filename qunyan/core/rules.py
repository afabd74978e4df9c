"""Local-practice numbers (settings.QUNYAN_RULES), read in one typed place."""

from typing import Any

from django.conf import settings


def rule(name: str) -> Any:
    """A rule's value as configured (a KeyError names a missing rule)."""
    return settings.QUNYAN_RULES[name]


def rule_int(name: str) -> int:
    return int(rule(name))
