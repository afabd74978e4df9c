"""This module's records in the demo town, added after the workbook is imported."""

from qunyan.core.models import Account


def demo_add(*, report_year: int, officer: Account) -> None:
    """Nothing beyond the workbook's rows yet."""
