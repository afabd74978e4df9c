"""The demo town's training beyond the 培训班 / 参训记录 sheets: the teacher register, needs from
the villages, one class opened from the 电商 needs with two sessions and QR check-ins, and the
农民大学生 nominations.

The class starts in the year after the report year, so the contract's figures for the report
period (classes and 人次) stay exactly as the workbook gives them.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from qunyan.core.models import Account, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.models import CadreTerm, Person

from .attendance import presence_correct, qr_check_in
from .choices import CollegeTrack, NominationStatus, Programme, TeacherKind, Venue
from .college import nomination_add, nomination_move
from .models import TrainingNeed
from .needs import class_open_from_needs, need_submit
from .services import session_save, teacher_save
from .workflow import college_eligibility

TEACHERS = (
    ("王建华", TeacherKind.PARTY_SCHOOL, "祁阳市委党校", "党的理论与基层治理"),
    ("李农", TeacherKind.AGRICULTURE, "祁阳市农业农村局", "油茶与水稻种植"),
    ("陈晓", TeacherKind.LOCAL_TALENT, "羊角塘镇电商服务站", "农产品直播带货"),
)
# Topic → how many cadres ask for it (spread over the villages in turn).
NEEDS = (("电商", 8), ("种养技术", 5), ("村务管理", 3))


def _moment(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _cadres(town: OrgUnit, on: datetime.date) -> list[Person]:
    """Serving committee members, one village after the other, 牛坪坳村 first."""
    terms = (
        CadreTerm.objects.filter(village__town=town, started_on__lte=on, ended_on__isnull=True)
        .select_related("person__unit")
        .order_by("village__name", "person_id")
    )
    people = list({term.person_id: term.person for term in terms}.values())
    return sorted(people, key=lambda p: (p.unit.name != "牛坪坳村", p.unit.name, p.pk))


def demo_add(*, report_year: int, officer: Account) -> None:
    scope = Scope.for_account(officer)
    town = OrgUnit.objects.get(kind=OrgUnit.Kind.TOWN, name="羊角塘镇")
    teachers = [
        teacher_save(
            town=town,
            data={"name": name, "kind": kind, "organisation": org, "speciality": speciality},
            by=officer,
        )
        for name, kind, org, speciality in TEACHERS
    ]
    opens = datetime.date(report_year + 1, 3, 10)
    cadres = _cadres(town, opens)
    # Needs: every village in turn, so several villages ask for the same topic.
    by_village: dict[int, list[Person]] = {}
    for person in cadres:
        by_village.setdefault(person.unit_id, []).append(person)
    queue = [p for group in zip(*by_village.values(), strict=False) for p in group]
    needs: dict[str, list[TrainingNeed]] = {}
    position = 0
    for topic, count in NEEDS:
        for person in queue[position : position + count]:
            needs.setdefault(topic, []).append(
                need_submit(person=person, topic=topic, by=officer, scope=scope)
            )
        position += count
    ecommerce = class_open_from_needs(
        town=town,
        needs=needs["电商"],
        class_data={
            "code": f"PX{opens.year}-DS01",
            "name": "农村电商与直播带货培训班",
            "programme": Programme.HIGH_QUALITY_FARMERS,
            "hours": Decimal(8),
        },
        session_data={
            "starts_at": _moment(opens, 9),
            "ends_at": _moment(opens, 12),
            "place": "羊角塘镇党校",
            "venue": Venue.CLASSROOM,
            "topic": "农村电商政策与平台",
            "hours": Decimal(4),
            "teacher": teachers[0],
        },
        by=officer,
    )
    on_site = session_save(
        training_class=ecommerce,
        data={
            "starts_at": _moment(opens + datetime.timedelta(days=1), 14),
            "ends_at": _moment(opens + datetime.timedelta(days=1), 17),
            "place": "羊角塘镇电商服务站",
            "venue": Venue.ON_SITE,
            "topic": "直播带货实操",
            "hours": Decimal(4),
            "teacher": teachers[2],
        },
        by=officer,
    )
    invited = [need.person for need in needs["电商"]]
    first = ecommerce.sessions.order_by("starts_at").first()
    assert first is not None
    for minute, person in enumerate(invited[:-1]):
        qr_check_in(
            session=first,
            person=person,
            now=first.starts_at + datetime.timedelta(minutes=minute),
            by=officer,
        )
    for minute, person in enumerate(invited[:-2]):
        qr_check_in(
            session=on_site,
            person=person,
            now=on_site.starts_at + datetime.timedelta(minutes=minute),
            by=officer,
        )
    # One forgot the phone-scanned sheet: the organiser records the paper signature.
    presence_correct(
        session=on_site,
        person=invited[-2],
        present=True,
        reason="纸质签到表补录",
        now=on_site.ends_at,
        by=officer,
    )
    _nominations(town, report_year, officer, scope)


def _nominations(town: OrgUnit, report_year: int, officer: Account, scope: Scope) -> None:
    """Six 农民大学生: two graduated, two studying, two just nominated."""
    plan = (
        (datetime.date(report_year - 3, 3, 1), NominationStatus.GRADUATED),
        (datetime.date(report_year - 3, 3, 1), NominationStatus.GRADUATED),
        (datetime.date(report_year - 1, 3, 1), NominationStatus.STUDYING),
        (datetime.date(report_year - 1, 3, 1), NominationStatus.STUDYING),
        (datetime.date(report_year, 9, 1), NominationStatus.NOMINATED),
        (datetime.date(report_year, 9, 1), NominationStatus.NOMINATED),
    )
    people = _cadres(town, datetime.date(report_year, 12, 31))
    chosen: set[int] = set()
    for nominated_on, status in plan:
        for person in people[::-1]:
            if person.pk in chosen:
                continue
            track = next(
                (t for t in CollegeTrack if not college_eligibility(person, t, nominated_on)), None
            )
            if track is None:
                continue
            chosen.add(person.pk)
            nomination = nomination_add(
                person=person,
                track=track,
                nominated_on=nominated_on,
                school="湖南开放大学",
                by=officer,
                scope=scope,
            )
            if status != NominationStatus.NOMINATED:
                start = nominated_on.replace(month=9)
                nomination_move(
                    nomination=nomination, to=NominationStatus.STUDYING, on=start, by=officer
                )
            if status == NominationStatus.GRADUATED:
                nomination_move(
                    nomination=nomination,
                    to=NominationStatus.GRADUATED,
                    on=datetime.date(nominated_on.year + 2, 12, 31),
                    by=officer,
                )
            break
