"""This module's records in the demo town, added after the workbook is imported.

Each village gets a few services of its team over the report year, and the town a handful of
mediation cases: the dispute 牛坪坳村's cadres settled (the article's photo), one referred, one
still open past the set days. Nothing here touches an imported figure.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from qunyan.core.models import Account, OrgUnit
from qunyan.core.scopes import Scope

from .choices import CaseResult, CaseType
from .mediation import CaseData, case_close, case_save, follow_up_record, step_add
from .selectors import categories_of, team_candidates, villages_in
from .services import ServiceData, service_save

_SERVICES = (
    ("为老人代办", "为独居老人代办医保缴费和高龄补贴", "老人家中"),
    ("政策宣讲", "宣讲耕地保护和防返贫政策", "村部"),
    ("矛盾纠纷调解", "调解邻里用水纠纷", "村民家中"),
    ("安全巡查", "巡查山塘水库和用电安全", "山塘"),
    ("环境整治", "组织清理房前屋后垃圾", "村道"),
)


def demo_add(*, report_year: int, officer: Account) -> None:
    """Services in every village and a few mediation cases, dated within the report year."""
    scope = Scope.for_account(officer)
    today = timezone.localdate()
    last = min(datetime.date(report_year, 12, 31), today)
    rng = random.Random(report_year)
    villages = list(villages_in(scope=scope))
    for village in villages:
        assert village.town is not None
        categories = {c.name: c for c in categories_of(town=village.town)}
        team = list(team_candidates(scope=scope).filter(unit__path__startswith=village.path)[:6])
        for index in range(3):
            name, summary, place = _SERVICES[(index + village.pk) % len(_SERVICES)]
            service_save(
                data=ServiceData(
                    village=village,
                    category=categories[name],
                    date=last - datetime.timedelta(days=rng.randint(0, 300)),
                    summary=summary,
                    place=place,
                    served_count=rng.randint(1, 12),
                    hours=Decimal(rng.choice(("1", "1.5", "2", "3"))),
                ),
                servers=rng.sample(team, min(len(team), 2)),
                by=officer,
                scope=scope,
            )
    niupingao = next((v for v in villages if v.name == "牛坪坳村"), None)
    if niupingao is not None:
        _settled_dispute(niupingao, last, officer, scope)
    for village, result in zip(villages[1:3], (CaseResult.REFERRED, ""), strict=False):
        team = list(team_candidates(scope=scope).filter(unit__path__startswith=village.path)[:1])
        received = last - datetime.timedelta(days=75)
        case = case_save(
            data=CaseData(
                village=village,
                title="山林承包界址纠纷" if result else "宅基地使用纠纷",
                case_type=CaseType.LAND,
                received_on=received,
            ),
            mediators=team,
            parties=(("周建国", "13907461234"), ("周建华", "")),
            by=officer,
            scope=scope,
        )
        if result:
            case_close(
                case=case,
                result=result,
                closed_on=received + datetime.timedelta(days=20),
                agreement="",
                by=officer,
                scope=scope,
            )


def _settled_dispute(village: OrgUnit, last: datetime.date, officer: Account, scope: Scope) -> None:
    """牛坪坳村's cadres settle a dispute between villagers (排解群众纠纷) and visit again."""
    team = list(team_candidates(scope=scope).filter(unit__path__startswith=village.path)[:2])
    received = last - datetime.timedelta(days=40)
    case = case_save(
        data=CaseData(
            village=village,
            title="两户村民因排水沟引发的邻里纠纷",
            case_type=CaseType.NEIGHBOURS,
            received_on=received,
            description="雨季排水沟堵塞，一户积水，两家争执。",
        ),
        mediators=team,
        parties=(("唐德明", "13807465678"), ("唐桂花", "15974561234")),
        by=officer,
        scope=scope,
    )
    for offset, action in (
        (1, "分别上门了解情况"),
        (3, "现场查看排水沟走向"),
        (5, "召集双方和组长协商"),
    ):
        step_add(
            case=case,
            date=received + datetime.timedelta(days=offset),
            action=action,
            by=officer,
            scope=scope,
        )
    closed = received + datetime.timedelta(days=6)
    case_close(
        case=case,
        result=CaseResult.SETTLED,
        closed_on=closed,
        agreement="两户共同出工疏通排水沟，费用各半，今后轮流清理。",
        follow_up_on=closed + datetime.timedelta(days=14),
        by=officer,
        scope=scope,
    )
    follow_up_record(
        case=case,
        on=closed + datetime.timedelta(days=14),
        note="排水通畅，两家关系和睦。",
        by=officer,
        scope=scope,
    )
