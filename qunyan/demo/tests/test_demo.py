"""The demo town reproduces the article's figures."""

import datetime

import pytest

from qunyan.core.models import Account, OrgUnit
from qunyan.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_is_needed, demo_load
from qunyan.reports.selectors import town_statistics

pytestmark = pytest.mark.django_db


def test_the_demo_town_has_the_articles_villages_and_reserves():
    """2021–2023: 35 villages and communities, a pool of 72, 48 young with college education."""
    assert demo_is_needed()
    demo_load(report_year=2023)
    town = OrgUnit.objects.get(name="羊角塘镇", kind=OrgUnit.Kind.TOWN)
    stats = town_statistics(
        town=town,
        period_from=datetime.date(2021, 1, 1),
        period_to=datetime.date(2023, 12, 31),
        as_of=datetime.date(2023, 12, 31),
    )
    assert stats["villages"] == 35
    assert stats["reserves"]["total"] == 72
    assert stats["reserves"]["young_and_college"] == 48
    assert town.parent.name == "祁阳市"
    for spec in DEMO_ACCOUNTS:
        account = Account.objects.get(username=spec.username)
        assert account.role == spec.role
        assert (account.unit.name if account.unit else None) == spec.unit
        assert account.check_password(DEMO_PASSWORD)
    assert not demo_is_needed()
