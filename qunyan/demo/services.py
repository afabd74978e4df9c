"""Loading the demo town: org units, the workbook through the importer, demo accounts."""

import datetime
import importlib
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Role
from qunyan.core.scopes import Scope
from qunyan.core.services import account_create, orgunit_create
from qunyan.party.services import development_records_upsert
from qunyan.people.choices import SourceCategory
from qunyan.people.models import CadreTerm
from qunyan.reserves.choices import Recommendation, ReservedPost, Stage, SupervisionWay
from qunyan.reserves.models import Reserve, WorkItem
from qunyan.reserves.services import reserve_add, reserve_move
from qunyan.reserves.worklist import supervision_add, survey_generate
from qunyan.spreadsheets.engine import ImportReport, workbook_import
from qunyan.talents.campaigns import (
    assignment_save,
    campaign_fill,
    campaign_save,
    symposium_attendance,
    symposium_invite,
    symposium_save,
)
from qunyan.talents.choices import HomeTime, Intent, Occasion
from qunyan.talents.models import OutsideTalent
from qunyan.talents.services import (
    OutreachData,
    TalentData,
    follow_up_done,
    outreach_update,
    talent_save,
)
from qunyan.talents.visitors import Visitor

from .generator import COUNTY, TOWN, build_workbook
from .mentoring import mentoring_demo

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


# Each module adds its own records to the demo town after the workbook, in this order.
MODULE_DEMOS = (
    "qunyan.party.demo",
    "qunyan.training.demo",
    "qunyan.evaluation.demo",
    "qunyan.duties.demo",
    "qunyan.casework.demo",
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
    mentoring_demo(report_year=report_year, officer=Account.objects.get(username="officer"))
    _talent_campaigns(report_year)
    officer = Account.objects.get(username="officer")
    for module in MODULE_DEMOS:
        importlib.import_module(module).demo_add(report_year=report_year, officer=officer)
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


def _talent_campaigns(report_year: int) -> None:
    """The report year's 春节 and 国庆 campaigns as the town office would have run them.

    People still away are listed with a visiting cadre each, the campaign's contacts get the
    intent heard and follow-ups (the 国庆 ones still open, so overdue), each campaign holds a
    symposium, returnees' businesses get jobs and investment, one returnee joins the pool (and
    is appointed within the year, so the year-end pool stays the article's 72) and one applies
    to join the party. The imported rows' dates, and so every figure of the contract, stay.
    """
    officer = Account.objects.get(username="officer")
    scope = Scope.for_account(officer)
    town = OrgUnit.objects.get(name=TOWN, kind=OrgUnit.Kind.TOWN)
    today = timezone.localdate()
    year_end = datetime.date(report_year, 12, 31)
    talents = list(OutsideTalent.objects.filter(town=town).select_related("person").order_by("id"))
    employers = ("华强电子厂", "顺通物流公司", "自营湘菜馆", "城建工程队", "优品电商公司")
    home_times = (HomeTime.SPRING_FESTIVAL, HomeTime.BOTH, HomeTime.NATIONAL_DAY)
    for index, talent in enumerate(talents):
        started = talent.business_started_on is not None
        data = TalentData(
            place=talent.place,
            trade=talent.trade,
            employer=talent.business_project if started else employers[index % len(employers)],
            home_time=home_times[index % len(home_times)] if talent.returned_on is None else "",
            returned_on=talent.returned_on,
            business_started_on=talent.business_started_on,
            business_project=talent.business_project,
            jobs_created=3 + index * 7 % 23 if started else None,
            investment=Decimal(20 + index * 37 % 280) if started else None,
        )
        talent_save(person=talent.person, data=data, by=officer, scope=scope, talent=talent)

    secretaries = {
        account.unit_id: Visitor(account=account)
        for account in Account.objects.filter(role=Role.VILLAGE_SECRETARY)
    }
    for term in CadreTerm.objects.filter(post="书记兼主任", ended_on__isnull=True).select_related(
        "person"
    ):
        secretaries.setdefault(term.village_id, Visitor(person=term.person))
    notes = "镇村干部分片包干，上门走访、召开座谈会，宣讲返乡创业扶持政策。"
    plans = (
        ("春节", Occasion.SPRING_FESTIVAL, (1, 20), (2, 14), (2, 6)),
        ("国庆", Occasion.NATIONAL_DAY, (10, 1), (10, 7), (10, 4)),
    )
    for word, occasion, first, last, meeting in plans:
        campaign = campaign_save(
            town=town,
            name=f"{report_year}年{word}返乡人才走访",
            occasion=occasion,
            starts_on=datetime.date(report_year, *first),
            ends_on=datetime.date(report_year, *last),
            notes=notes,
            by=officer,
            scope=scope,
        )
        campaign_fill(campaign=campaign, by=officer, scope=scope)
        visitors = {}
        for assignment in campaign.assignments.select_related("person").order_by("id"):
            person = assignment.person
            visitors[person.pk] = secretaries.get(person.unit_id, Visitor(account=officer))
            assignment_save(
                campaign=campaign,
                person=person,
                visitor=visitors[person.pk],
                by=officer,
                scope=scope,
            )
        contacts = campaign.contacts.select_related("person__outside_talent").order_by("id")
        for index, contact in enumerate(contacts):
            returned = contact.person.outside_talent.returned_on
            due = None
            if returned is not None and returned > contact.date:
                intent, said = Intent.COMMITTED, "表示今年回乡创业，已对接场地和贴息贷款政策。"
            elif index % 3 == 1:
                intent, said = Intent.NONE, "在外发展稳定，暂无返乡打算，愿为家乡牵线引资。"
            else:
                intent, said = Intent.CONSIDERING, "有返乡意向，关心用地和销路，约定节后再联系。"
                due = contact.date + datetime.timedelta(days=30 + 15 * (index % 2))
            outreach_update(
                contact=contact,
                data=OutreachData(
                    date=contact.date,
                    way=contact.way,
                    intent=intent,
                    notes=said,
                    follow_up_on=due,
                    occasion=contact.occasion,
                ),
                visitor=visitors.get(contact.person_id, Visitor(account=officer)),
                by=officer,
                scope=scope,
            )
            # The spring follow-ups were made (every other one); the autumn ones are still due.
            if due and occasion == Occasion.SPRING_FESTIVAL and index % 2 == 0 and due <= today:
                follow_up_done(contact=contact, on=due, by=officer, scope=scope)
        symposium = symposium_save(
            campaign=campaign,
            held_on=datetime.date(report_year, *meeting),
            topic="返乡人才座谈会：家乡产业发展与返乡创业政策",
            place="镇政府三楼会议室",
            by=officer,
            scope=scope,
        )
        invited = [a.person for a in campaign.assignments.select_related("person__unit")[:10]]
        symposium_invite(symposium=symposium, people=invited, by=officer, scope=scope)
        if symposium.held_on <= today:
            symposium_attendance(
                symposium=symposium,
                attended=[person.pk for person in invited[:7]],
                by=officer,
                scope=scope,
            )

    # Two returnees go further: one into the pool (then elected), one applies to the party.
    window = (datetime.date(report_year - 2, 1, 1), year_end - datetime.timedelta(days=150))
    # The latest returns, so that the report year's funnel shows them.
    returnees = sorted(
        (
            (day, talent.pk, talent)
            for talent in talents
            if (day := talent.returned_on) is not None and window[0] <= day <= window[1]
        ),
        reverse=True,
    )
    if len(returnees) >= 2:
        (pooled_on, _pk, pooled), (applied_from, _pk2, applicant) = returnees[:2]
        entered = pooled_on + datetime.timedelta(days=45)
        stay = reserve_add(
            person=pooled.person,
            stage=Stage.RESERVED,
            on=entered,
            source_category=SourceCategory.WEALTH_LEADER,
            reserved_for=ReservedPost.COMMITTEE,
            recommended_by="村党支部",
            recommendation=Recommendation.BRANCH,
            by=officer,
            scope=scope,
        )
        reserve_move(
            reserve=stay,
            stage=Stage.APPOINTED,
            on=min(entered + datetime.timedelta(days=240), year_end),
            reason="当选村委会委员",
            by=officer,
            scope=scope,
        )
        development_records_upsert(
            records=[
                {
                    "person_id": applicant.person_id,
                    "town_id": town.pk,
                    "applied_on": applied_from + datetime.timedelta(days=90),
                    "activist_on": None,
                    "candidate_on": None,
                    "admitted_on": None,
                    "converted_on": None,
                    "source_category": SourceCategory.WEALTH_LEADER,
                }
            ],
            by=officer,
        )
