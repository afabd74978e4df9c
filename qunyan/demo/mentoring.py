"""The demo town's mentoring beyond the 导师帮带 sheet: the mentor register, mentees' weak areas,
the mentoring log and half-yearly evaluations.

Written through the mentoring services after the workbook is imported, so the sheet's pairs (the
article's 51 mentors and 93 mentees) stay as generated. A random stream of its own keeps the
other builders' figures where they were. Young cadres whose pair ended, or who never had one,
are left without a mentor so that the suggested pairing has people to place.
"""

import datetime
import random

from django.utils import timezone

from qunyan.core.models import Account, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.evaluation.models import Commendation
from qunyan.mentoring.choices import Evaluator, Half, MentorKind, WorkArea
from qunyan.mentoring.log import evaluation_record, meeting_log
from qunyan.mentoring.models import Mentorship, default_capacity
from qunyan.mentoring.selectors import active_on, open_mentees
from qunyan.mentoring.services import mentee_need_save, mentor_register
from qunyan.people.choices import SourceCategory
from qunyan.people.models import Person
from qunyan.reports.periods import born_after_for_age_at_most
from qunyan.reserves.models import Reserve

A = WorkArea
# What each kind of mentor is usually strong in.
STRENGTHS = {
    MentorKind.TOWN_CADRE: (A.PARTY_BUILDING, A.POLICY, A.PROJECTS, A.WRITING, A.SAFETY),
    MentorKind.VETERAN_SECRETARY: (A.RESIDENTS, A.MEDIATION, A.GOVERNANCE, A.PARTY_BUILDING),
    MentorKind.OUTSTANDING_SECRETARY: (A.INDUSTRY, A.GOVERNANCE, A.PROJECTS, A.RESIDENTS),
    MentorKind.LOCAL_TALENT: (A.INDUSTRY, A.ECOMMERCE, A.FARMING),
}
WEAK_AREAS = (
    A.PARTY_BUILDING,
    A.INDUSTRY,
    A.MEDIATION,
    A.RESIDENTS,
    A.FINANCE,
    A.PROJECTS,
    A.ECOMMERCE,
    A.WRITING,
    A.POLICY,
)
LOCAL_TALENTS = 3
TOPICS = (
    ("入户走访与群众工作方法", "走访本组10户困难群众并建立台账", "已走访8户，台账已建"),
    ("村级财务公开与报账流程", "整理上半年村务公开资料", "资料已整理上墙"),
    ("矛盾纠纷调解实务", "参与一次邻里纠纷调解并写体会", "已参与调解，体会已交"),
    ("产业项目申报", "起草油茶基地项目申报材料初稿", "初稿完成，待修改"),
    ("党支部“三会一课”组织", "组织一次主题党日活动", "已组织，到会32人"),
    ("防汛与安全生产", "排查本村地质灾害隐患点", "排查3处，已上报"),
    ("农村电商与直播带货", "帮助两户开通网店", "开通1户"),
)
COMMENTS = ("进步明显", "工作主动", "需加强材料写作", "群众工作有方法", "按计划完成帮带任务")


def mentoring_demo(*, report_year: int, officer: Account) -> None:
    """Register the mentors, record weak areas, log meetings and evaluations for the demo town."""
    rng = random.Random(f"mentoring-{report_year}")
    scope = Scope.for_account(officer)
    town = officer.unit
    assert town is not None, "the demo officer works for the town"
    year_end = datetime.date(report_year, 12, 31)
    today = timezone.localdate()
    _register(rng, town, report_year, officer, scope)
    # Weak areas of everyone still to be paired, and of some of those already paired.
    for person in open_mentees(scope=scope, town=town, on=min(year_end, today)):
        _weak_areas(rng, person, officer, scope)
    running = list(
        Mentorship.objects.filter(active_on(year_end), mentee__town=town)
        .select_related("mentee__unit")
        .order_by("id")
    )
    for pair in running[::3]:
        _weak_areas(rng, pair.mentee, officer, scope)
    _log(rng, running, year_end, today, officer, scope)


def _register(
    rng: random.Random, town: OrgUnit, report_year: int, officer: Account, scope: Scope
) -> None:
    commended = set(
        Commendation.objects.filter(year=report_year).values_list("person_id", flat=True)
    )
    mentors = (
        Person.objects.filter(
            pk__in=Mentorship.objects.filter(mentee__town=town).values("mentor_id")
        )
        .select_related("unit")
        .order_by("pk")
    )
    for person in mentors:
        if person.unit.kind == OrgUnit.Kind.TOWN:
            kind, since = MentorKind.TOWN_CADRE, datetime.date(rng.randrange(2003, 2016), 9, 1)
        else:
            kind = (
                MentorKind.OUTSTANDING_SECRETARY
                if person.pk in commended
                else MentorKind.VETERAN_SECRETARY
            )
            since = datetime.date(rng.randrange(1998, 2014), 3, 1)
        mentor_register(
            person=person,
            kind=kind,
            strengths=rng.sample(STRENGTHS[kind], rng.choice((2, 3))),
            capacity=default_capacity(),
            available=rng.random() > 0.06,
            serving_since=since,
            by=officer,
            scope=scope,
        )
    # Local talents: reserves from the practical-talent and wealth-leader sources, older than
    # the mentees and never paired, who take on young cadres in their trade (强带弱).
    old_enough = born_after_for_age_at_most(40, datetime.date(report_year, 12, 31))
    talents = (
        Person.objects.filter(
            pk__in=Reserve.objects.filter(
                town=town,
                source_category__in=[SourceCategory.LOCAL_TALENT, SourceCategory.WEALTH_LEADER],
            ).values("person_id"),
            birth_date__lte=old_enough,
            mentor_profile__isnull=True,
        )
        .exclude(pk__in=Mentorship.objects.values("mentee_id"))
        .select_related("unit")
        .order_by("pk")[:LOCAL_TALENTS]
    )
    for person in talents:
        mentor_register(
            person=person,
            kind=MentorKind.LOCAL_TALENT,
            strengths=rng.sample(STRENGTHS[MentorKind.LOCAL_TALENT], 2),
            capacity=2,
            by=officer,
            scope=scope,
        )


def _meetings(
    rng: random.Random,
    pair: Mentorship,
    latest: datetime.date,
    today: datetime.date,
    officer: Account,
    scope: Scope,
) -> None:
    """One to three meetings some six weeks apart, the last on `latest`."""
    count = rng.choice((1, 2, 3))
    for day in sorted({latest - datetime.timedelta(days=45 * n) for n in range(count)}):
        if day < pair.started_on:
            continue
        topic, given, done = rng.choice(TOPICS)
        meeting_log(
            pair=pair,
            on=day,
            topic=topic,
            tasks_given=given,
            tasks_done=done if day < latest else "",
            by=officer,
            scope=scope,
            today=today,
        )


def _weak_areas(rng: random.Random, person: Person, officer: Account, scope: Scope) -> None:
    mentee_need_save(
        person=person,
        weak_areas=rng.sample(WEAK_AREAS, rng.choice((1, 2, 2, 3))),
        by=officer,
        scope=scope,
    )


def _log(
    rng: random.Random,
    running: list[Mentorship],
    year_end: datetime.date,
    today: datetime.date,
    officer: Account,
    scope: Scope,
) -> None:
    """Most pairs running at the year's end met in its last months; a few have gone quiet.

    When the report year is over, the same pairs also met in the last weeks before today, so
    the pages look the same today as on the last day of the report year.
    """
    ends = [min(year_end, today)] + ([today] if today > year_end else [])
    for index, pair in enumerate(running):
        if index % 8 == 7:
            continue  # idle: nothing logged since the pair started
        for end in ends:
            # Some pairs last met half a year before the end: idle as well.
            quiet = 150 if index % 10 == 4 else rng.randrange(60)
            _meetings(rng, pair, end - datetime.timedelta(days=quiet), today, officer, scope)
    # The first half of the year evaluated by both sides and the town, for a dozen pairs.
    mid_year = datetime.date(year_end.year, 6, 30)
    if mid_year > today:
        return
    evaluated = [pair for pair in running if pair.started_on <= mid_year][:12]
    for pair in evaluated:
        for evaluator in Evaluator.values:
            evaluation_record(
                pair=pair,
                year=year_end.year,
                half=Half.FIRST,
                evaluator=evaluator,
                score=rng.choice((3, 4, 4, 5, 5)),
                comment=rng.choice(COMMENTS),
                by=officer,
                scope=scope,
                today=today,
            )
