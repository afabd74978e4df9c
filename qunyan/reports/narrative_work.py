"""The year report's sentences on the cadres at work: the division of duties, the three-chief
teams and their services and mediation (the duties and casework modules).

Each sentence is written only from records of the town and period; without them it says 暂无数据.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, Q

from qunyan.casework.summaries import village_service_summary
from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.duties.choices import ChiefRole, DivisionStatus
from qunyan.duties.models import Division

from .document import NO_DATA


def duties_sentence(town: OrgUnit) -> str:
    divided = (
        Division.objects.filter(village__town=town, status=DivisionStatus.CURRENT)
        .values("village")
        .distinct()
        .count()
    )
    if not divided:
        return f"村“两委”干部分工{NO_DATA}。"
    groups = OrgUnit.objects.filter(town=town, kind=OrgUnit.Kind.GROUP).annotate(
        seats=Count(
            "chief_posts__role",
            filter=Q(chief_posts__ended_on__isnull=True, chief_posts__person__isnull=False),
            distinct=True,
        )
    )
    full = sum(1 for group in groups if group.seats == len(ChiefRole.values))
    text = (
        "坚持人岗相适、人事相宜，根据学历、专长、性别、性格和个人意愿，"
        f"为{divided}个村（社区）“两委”干部科学分工"
    )
    if full:
        text += f"，{full}个村民小组配齐“三长制”队伍，党员和后备力量成为基干力量"
    return text + "。"


def services_sentence(
    town: OrgUnit, period_from: datetime.date, period_to: datetime.date, span: str
) -> str:
    rows = village_service_summary(
        scope=Scope.unrestricted(), town=town, start=period_from, end=period_to
    ).values()
    services = sum(row["services"] for row in rows)
    cases = sum(row["cases"] for row in rows)
    if not services and not cases:
        return f"“三长制”队伍为民服务和矛盾纠纷调解记录{NO_DATA}。"
    served = sum(row["served"] for row in rows)
    hours = sum((Decimal(row["hours"]) for row in rows), Decimal(0))
    settled = sum(row.get("cases_settled", 0) for row in rows)
    parts = []
    if services:
        parts.append(
            f"为群众提供贴近服务{services}次、服务{served}人次、用时{hours.normalize():f}小时"
        )
    if cases:
        parts.append(f"排解矛盾纠纷{cases}件，其中调解成功{settled}件")
    return f"{span}，“三长制”队伍{'，'.join(parts)}。"
