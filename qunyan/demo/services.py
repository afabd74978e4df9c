"""Loading the demo town: org units, the workbook through the importer, demo accounts."""

import datetime
import io
from dataclasses import dataclass

from django.db import transaction

from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Role
from qunyan.core.scopes import Scope
from qunyan.core.services import account_create, orgunit_create
from qunyan.reserves.choices import Stage, SupervisionWay
from qunyan.reserves.models import Reserve, WorkItem
from qunyan.reserves.services import reserve_move
from qunyan.reserves.worklist import supervision_add, survey_generate
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
    county = orgunit_create(
        name=COUNTY, kind=OrgUnit.Kind.COUNTY, parent=None, by=None, scope=scope
    )
    orgunit_create(name=TOWN, kind=OrgUnit.Kind.TOWN, parent=county, by=None, scope=scope)
    report = workbook_import(
        io.BytesIO(build_workbook(report_year)), scope=scope, by=None, file_name="demo.xlsx"
    )
    if not report.ok:
        raise RuntimeError("; ".join(str(error) for error in report.errors[:10]))
    for spec in DEMO_ACCOUNTS:
        unit = OrgUnit.objects.get(name=spec.unit) if spec.unit else None
        account_create(
            username=spec.username,
            password=DEMO_PASSWORD,
            role=spec.role,
            unit=unit,
            display_name=spec.display_name,
            by=None,
        )
    _reserve_work(report_year)
    return report


def _reserve_work(report_year: int) -> None:
    """The pool's life cycle and work list as the town office would have left them."""
    officer = Account.objects.get(username="officer")
    scope = Scope.for_account(officer)
    town = OrgUnit.objects.get(name=TOWN, kind=OrgUnit.Kind.TOWN)
    year_end = datetime.date(report_year, 12, 31)
    # A few reserves are being trained for a post (培养) since the autumn.
    for stay in Reserve.objects.filter(left_on__isnull=True, stage=Stage.RESERVED).order_by("id")[
        :8
    ]:
        on = max(stay.entered_on or year_end, datetime.date(report_year, 9, 1))
        reserve_move(reserve=stay, stage=Stage.DEVELOPING, on=on, by=officer, scope=scope)
    # The year-end survey builds the work list for the villages still short of reserves.
    survey_generate(town=town, on=year_end, by=officer, scope=scope)
    item = WorkItem.objects.filter(status=WorkItem.Status.OPEN).order_by("village__name").first()
    if item is not None:
        supervision_add(
            item=item,
            on=year_end,
            way=SupervisionWay.VISIT,
            by=officer,
            scope=scope,
            agreed="镇组织办到村督促：一个月内推荐两名35岁以下、大专以上学历的后备人选。",
        )


def demo_is_needed() -> bool:
    return not OrgUnit.objects.exists() and not Account.objects.exists()
