import datetime
from types import SimpleNamespace

import pytest
from django.test import Client

from qunyan.core.models import Account, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.tests.factories import PASSWORD
from qunyan.people.idnumbers import make_id_number
from qunyan.people.models import Person
from qunyan.people.services import PersonData, person_save


def add_person(name: str, unit: OrgUnit, sequence: int, phone: str = "13812345678") -> Person:
    id_number = make_id_number("431181", datetime.date(1990, 5, 17), sequence, "M")
    return person_save(
        data=PersonData(
            name=name, id_number=id_number, unit=unit, phone=phone, education="college"
        ),
        by=None,
        scope=Scope.unrestricted(),
    )


@pytest.fixture
def residents(tree: SimpleNamespace) -> SimpleNamespace:
    """One person in each of 牛坪坳村, 石门村 (same town) and 东村 (白水镇)."""
    return SimpleNamespace(
        niupingao=add_person("张三", tree.niupingao, 1),
        shimen=add_person("李四", tree.shimen, 2),
        dongcun=add_person("王五", tree.dongcun, 3),
    )


def login(account: Account) -> Client:
    client = Client()
    assert client.login(username=account.username, password=PASSWORD)
    return client
