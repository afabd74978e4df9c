"""Loading the demo town: org units, the workbook through the importer, demo accounts."""

import io
from dataclasses import dataclass

from django.db import transaction

from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Role
from qunyan.core.scopes import Scope
from qunyan.core.services import account_create, orgunit_create
from qunyan.spreadsheets.engine import ImportReport, workbook_import

from .generator import COUNTY, TOWN, build_workbook

DEMO_PASSWORD = "Qunyan#2026"  # printed by `qunyan demo`; demo databases only


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit: str | None
    display_name: str


DEMO_ACCOUNTS = (
    DemoAccount("officer", Role.TOWN_OFFICER, TOWN, "镇组织委员"),
    DemoAccount("leader", Role.TOWN_LEADER, TOWN, "镇党委书记"),
    DemoAccount("secretary", Role.VILLAGE_SECRETARY, "牛坪坳村", "牛坪坳村党支部书记"),
    DemoAccount("secretary2", Role.VILLAGE_SECRETARY, "石门村", "石门村党支部书记"),
    DemoAccount("county", Role.COUNTY_READER, COUNTY, "市委组织部"),
    DemoAccount("sysadmin", Role.SYSTEM_ADMIN, None, "系统管理员"),
    DemoAccount("secadmin", Role.SECURITY_ADMIN, None, "安全管理员"),
    DemoAccount("auditor", Role.AUDITOR, None, "审计员"),
)


@transaction.atomic
def demo_load(*, report_year: int) -> ImportReport:
    """Create the county, the town, its data and the demo accounts in an empty database."""
    scope = Scope.unrestricted()
    county = orgunit_create(name=COUNTY, kind=OrgUnit.Kind.COUNTY, parent=None, by=None, scope=scope)
    orgunit_create(name=TOWN, kind=OrgUnit.Kind.TOWN, parent=county, by=None, scope=scope)
    report = workbook_import(io.BytesIO(build_workbook(report_year)), scope=scope, by=None,
                             file_name="demo.xlsx")
    if not report.ok:
        raise RuntimeError("; ".join(str(error) for error in report.errors[:10]))
    for spec in DEMO_ACCOUNTS:
        unit = OrgUnit.objects.get(name=spec.unit) if spec.unit else None
        account_create(username=spec.username, password=DEMO_PASSWORD, role=spec.role, unit=unit,
                       display_name=spec.display_name, by=None)
    return report


def demo_is_needed() -> bool:
    return not OrgUnit.objects.exists() and not Account.objects.exists()
