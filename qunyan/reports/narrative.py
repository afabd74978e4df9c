"""The year report, written from the data in the seed article's register.

The report is an official Chinese document (the article is one), so its sentences are Chinese
text of the contract, not interface strings. Every number is read from `town_statistics` or the
dashboard's breakdowns; a part whose module holds no record says 暂无数据 instead of 0.
"""

import datetime
from typing import Any

from django.utils import translation

from qunyan.core.models import OrgUnit
from qunyan.core.rules import rule
from qunyan.core.scopes import Scope
from qunyan.evaluation.selectors import commendations_in_years
from qunyan.people.models import CadreTerm

from .dashboard import dashboard_charts, presence
from .document import NO_DATA, Report, Section, appendix, charts_of
from .narrative_work import duties_sentence, services_sentence
from .periods import span_words
from .selectors import town_statistics


def _day(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _listing(parts: list[str]) -> str:
    return "、".join(parts)


def _reserves(stats: dict[str, Any], as_of: datetime.date) -> list[str]:
    pool = stats["reserves"]
    short = pool["deficient_villages"]
    lines = [
        f"对全镇村级后备力量配备情况进行全面摸底，截至{_day(as_of)}，建立{pool['total']}人的"
        f"镇级村后备力量资源库，其中35岁以下、大专以上学历的优秀青年{pool['young_and_college']}人"
        f"（35岁以下{pool['age_35_or_under']}人，大专以上学历{pool['college_or_above']}人），"
        "基层队伍年轻化、知识化、专业化水平不断提升。"
    ]
    standard = (
        f"对照每个村（社区）至少{rule('RESERVE_MIN_PER_VILLAGE')}名后备力量、其中至少"
        f"{rule('RESERVE_MIN_YOUNG_COLLEGE_PER_VILLAGE')}名35岁以下大专以上学历的配备标准，"
    )
    if short:
        lines.append(
            f"{standard}{_listing(short)}等{len(short)}个村（社区）后备力量储备不足，"
            "已建立工作清单，督促相关村（社区）及时配足配优后备力量。"
        )
    else:
        lines.append(f"{standard}全镇{stats['villages']}个村（社区）均已配足后备力量。")
    return lines


def _recruitment(stats: dict[str, Any], present: dict[str, bool], span: str) -> list[str]:
    party, returnees = stats["party_development"], stats["returnees"]
    clauses = []
    if present["party"]:
        clauses.append(f"全镇新发展农村党员{party['new_probationary_members']}人")
    if present["talents"]:
        clauses.append(f"动员{returnees['started_business']}名优秀乡土人才回乡创业")
    lines = [f"{span}，{'，'.join(clauses)}。"] if clauses else []
    if present["party"]:
        sources = [f"{word}{n}人" for word, n in party["by_source"].items() if n]
        if sources:
            lines.append(
                "严格把好发展农村党员“入口关”，新发展党员中来自" + _listing(sources) + "。"
            )
    else:
        lines.append(f"发展农村党员{NO_DATA}。")
    if present["outreach"]:
        lines.append(
            "利用春节、国庆等节假日在外人才返乡过节探亲的机会，采取上门走访、召开座谈会等方式，"
            f"走访联系在外务工兴业人才{returnees['outreach_contacts']}人次。"
        )
    else:
        lines.append(f"走访座谈在外人才{NO_DATA}。")
    if not present["talents"]:
        lines.append(f"在外人才返乡创业{NO_DATA}。")
    return lines


def _training(stats: dict[str, Any], present: dict[str, bool], span: str) -> list[str]:
    if not present["training"]:
        return [f"培训{NO_DATA}。"]
    training = stats["training"]
    programmes = training["by_programme"]
    lead = programmes.get("头雁工程", {"classes": 0, "person_times": 0})
    lines = [
        f"大力实施农村“头雁工程”，{span}开展“头雁工程”培训{lead['classes']}场次，"
        f"参训{lead['person_times']}人次。"
    ]
    others = [
        f"“{word}”{figures['classes']}期{figures['person_times']}人次"
        if word != "其他"
        else f"其他培训{figures['classes']}期{figures['person_times']}人次"
        for word, figures in programmes.items()
        if word != "头雁工程" and figures["classes"]
    ]
    detail = f"，其中{_listing(others)}" if others else ""
    lines.append(
        "坚持“因需开班、一技一训、分类施训”，举办各类培训班"
        f"{training['classes']}期，参训学员{training['person_times']}人次{detail}。"
    )
    return lines


def _mentoring(stats: dict[str, Any], charts: dict[str, Any], present: dict[str, bool]) -> str:
    if not present["mentoring"]:
        return f"导师帮带{NO_DATA}。"
    figures = stats["mentoring"]
    text = (
        "做实“导师帮带制”工作，本着“镇带村、老带新、强带弱”原则，"
        f"共聘请“导师”{figures['mentors']}人，结对帮带年轻镇村干部{figures['mentees']}名，"
        "传授基层工作经验，锻造过硬干事本领。"
    )
    coverage = charts["mentoring"]
    if coverage["young_cadres"]:
        text += (
            f"截至{_day(datetime.date.fromisoformat(coverage['on']))}，35岁以下在任村干部"
            f"{coverage['young_cadres']}人中，{coverage['young_cadres_mentored']}人有导师结对帮带。"
        )
    return text


def _ratings(stats: dict[str, Any], charts: dict[str, Any], present: dict[str, bool]) -> str:
    year = charts["ratings"]["years"][-1]
    rated = sum(values[-1] for values in charts["ratings"]["series"].values())
    if not present["ratings"] or not rated:
        return f"{year}年度村（社区）考评{NO_DATA}。"
    counts = [f"{word}{n}个" for word, n in stats["ratings"].items()]
    return (
        "在各村（社区）深入开展“创红旗、创模范、创先进，强基层、强执行、强发展”活动，"
        f"{year}年度考核中，被评为{_listing(counts)}，相应村（社区）“两委”干部绩效考核奖金"
        "按等次增加，激发干部担当作为的内生动力。"
    )


def _honours(
    town: OrgUnit,
    stats: dict[str, Any],
    present: dict[str, bool],
    span: str,
    years: tuple[int, int],
) -> list[str]:
    if not present["commendations"]:
        return [f"表彰奖励{NO_DATA}。"]
    honours = stats["commendations"]
    by = [f"被{authority}表彰{n}人" for authority, n in honours["by_authority"].items()]
    lines = [f"{span}，共有{honours['persons']}人受到表彰，其中{_listing(by)}。"]
    # The rare honours (an authority with few people) are named as the article names them.
    rare = [authority for authority, n in honours["by_authority"].items() if n <= 3]
    rows = (
        commendations_in_years(towns=[town], first=years[0], last=years[1])
        .filter(authority__in=rare)
        .order_by("year", "id")
        .values_list("year", "title", "person", "person__unit__name")[:5]
    )
    for year, title, person, unit in rows:
        # At most five rows: the post held that year, one small query each.
        post = (
            CadreTerm.objects.filter(person=person, started_on__year__lte=year)
            .order_by("-started_on")
            .values_list("post", flat=True)
            .first()
        )
        who = f"{unit}{post}" if post else f"{unit}1人"
        lines.append(f"{year}年，{who}被评为“{title}”。")
    return lines


def build_report(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date, today: datetime.date
) -> Report:
    """The year report of one town and period; the interface words in it are Chinese."""
    with translation.override("zh-hans"):
        stats = town_statistics(
            town=town, period_from=period_from, period_to=period_to, as_of=period_to
        )
        present = presence(town)
        charts = dashboard_charts(
            town=town,
            period_from=period_from,
            period_to=period_to,
            as_of=period_to,
            scope=Scope.unrestricted(),
        )
        span = span_words(period_from, period_to, today)
        pictures = charts_of(stats, charts, present)
        reserves = (
            _reserves(stats, period_to)
            if present["reserves"]
            else [f"村级后备力量资源库{NO_DATA}。"]
        )
        years = (period_from.year, period_to.year)
        role = [
            _ratings(stats, charts, present),
            *_honours(town, stats, present, span, years),
            duties_sentence(town),
            services_sentence(town, period_from, period_to, span),
        ]
        if present["party"]:
            from_reserves = stats["party_development"]["from_reserves"]
            role.append(
                "细化后备力量优先入党提干等落实措施，"
                f"{span}有{from_reserves}名村级后备力量被发展为预备党员。"
            )
        return Report(
            town=town,
            period_from=period_from,
            period_to=period_to,
            title=f"{town.name}：“群雁齐飞”助力乡村全面振兴",
            subtitle=f"{_day(period_from)}至{_day(period_to)}基层干部队伍建设情况报告",
            intro=[
                f"{span}，{town.name}把加强基层干部队伍建设作为壮大乡村振兴人才队伍的重要抓手，"
                "持续在基层干部培养储备、能力提升、作用发挥等方面下功夫，"
                f"全镇{stats['villages']}个村（社区）基层干部强担当、重实践、谋发展的动力和活力"
                "有效激发。"
            ],
            sections=[
                Section(
                    "一、坚持精引优储，壮大基层队伍“蓄水池”",
                    [*reserves, *_recruitment(stats, present, span)],
                    pictures["reserves"],
                ),
                Section(
                    "二、注重提质强能，锻造干事创业“铁肩膀”",
                    [*_training(stats, present, span), _mentoring(stats, charts, present)],
                    pictures["quality"],
                ),
                Section("三、强化作用发挥，打造赋能振兴“大舞台”", role, pictures["role"]),
            ],
            appendix=appendix(stats, charts, present),
        )
