"""Shared fixtures: the org tree, the personas and an in-memory workbook builder.

The tree is the one the style guide's personas live in:

    祁阳市 (county)
    ├── 羊角塘镇 (town)  ── 牛坪坳村, 石门村
    └── 白水镇 (town)    ── 东村

Everything is created through the services (orgunit_create, account_create), so the paths, the
town links and the password rules are the real ones.
"""

import io
from collections.abc import Callable, Iterator, Sequence
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import translation
from openpyxl import Workbook

from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Role
from qunyan.core.scopes import Scope
from qunyan.core.services import orgunit_create
from qunyan.core.tests.factories import make_account


def _unit(name: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    return orgunit_create(name=name, kind=kind, parent=parent, by=None, scope=Scope.unrestricted())


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: on SQLite a rolled-back test gives its ids (and so
    the data version of cached figures) to the next one."""
    yield
    cache.clear()


@pytest.fixture
def tree(db: None) -> SimpleNamespace:
    """The county, its two towns and their villages."""
    county = _unit("祁阳市", OrgUnit.Kind.COUNTY, None)
    yangjiaotang = _unit("羊角塘镇", OrgUnit.Kind.TOWN, county)
    baishui = _unit("白水镇", OrgUnit.Kind.TOWN, county)
    return SimpleNamespace(
        county=county,
        yangjiaotang=yangjiaotang,
        niupingao=_unit("牛坪坳村", OrgUnit.Kind.VILLAGE, yangjiaotang),
        shimen=_unit("石门村", OrgUnit.Kind.VILLAGE, yangjiaotang),
        baishui=baishui,
        dongcun=_unit("东村", OrgUnit.Kind.VILLAGE, baishui),
    )


@pytest.fixture
def county(tree: SimpleNamespace) -> OrgUnit:
    return tree.county


@pytest.fixture
def yangjiaotang(tree: SimpleNamespace) -> OrgUnit:
    return tree.yangjiaotang


@pytest.fixture
def niupingao(tree: SimpleNamespace) -> OrgUnit:
    return tree.niupingao


@pytest.fixture
def shimen(tree: SimpleNamespace) -> OrgUnit:
    return tree.shimen


@pytest.fixture
def baishui(tree: SimpleNamespace) -> OrgUnit:
    return tree.baishui


@pytest.fixture
def dongcun(tree: SimpleNamespace) -> OrgUnit:
    return tree.dongcun


@pytest.fixture
def alice(yangjiaotang: OrgUnit) -> Account:
    """The town organisation officer of 羊角塘镇."""
    return make_account("alice", Role.TOWN_OFFICER, yangjiaotang)


@pytest.fixture
def bob(niupingao: OrgUnit) -> Account:
    """The secretary of 牛坪坳村."""
    return make_account("bob", Role.VILLAGE_SECRETARY, niupingao)


@pytest.fixture
def charlie(shimen: OrgUnit) -> Account:
    """The secretary of 石门村, a neighbour of bob's village."""
    return make_account("charlie", Role.VILLAGE_SECRETARY, shimen)


@pytest.fixture
def dora(county: OrgUnit) -> Account:
    """A reader at the county (祁阳市委组织部)."""
    return make_account("dora", Role.COUNTY_READER, county)


@pytest.fixture
def leader(yangjiaotang: OrgUnit) -> Account:
    """The town's Party secretary: reads, never writes."""
    return make_account("leader", Role.TOWN_LEADER, yangjiaotang)


@pytest.fixture
def sysadmin(db: None) -> Account:
    return make_account("sysadmin", Role.SYSTEM_ADMIN, None)


@pytest.fixture
def secadmin(db: None) -> Account:
    return make_account("secadmin", Role.SECURITY_ADMIN, None)


@pytest.fixture
def auditor(db: None) -> Account:
    return make_account("auditor", Role.AUDITOR, None)


WorkbookMaker = Callable[[dict[str, Sequence[Sequence[Any]]]], io.BytesIO]


def build_workbook(sheets: dict[str, Sequence[Sequence[Any]]]) -> io.BytesIO:
    """An .xlsx in memory with one sheet per key; each value is the header row, then rows."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.fixture
def make_workbook() -> WorkbookMaker:
    """make_workbook({"人员": [header, row, …]}) → BytesIO of an .xlsx."""
    return build_workbook


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English, so assertions do not depend on the state of the zh catalogue."""
    with translation.override("en"):
        yield
