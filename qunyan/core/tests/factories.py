"""Accounts for tests, created through account_create like the admin pages do."""

from qunyan.core.models import Account, OrgUnit
from qunyan.core.services import account_create

# Passes every validator of AUTH_PASSWORD_VALIDATORS (length, classes, not common).
PASSWORD = "Qunyan#Test2024"


def make_account(username: str, role: str, unit: OrgUnit | None) -> Account:
    return account_create(username=username, password=PASSWORD, role=role, unit=unit, by=None)
