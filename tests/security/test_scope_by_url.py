"""Records of another town, reached by URL: every view that takes a record answers 404 or 403.

Each route of the URL conf that takes an argument must appear in OUTSIDE (how to name a record
of 白水镇, outside the personas' town 羊角塘镇) or in NOT_A_RECORD; a new view that is in neither
fails test_every_route_with_an_argument_is_covered, so none escapes the scope check.
"""

import datetime
import io
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

from qunyan.api.services import token_issue
from qunyan.casework.attachments import attachment_add
from qunyan.casework.tests.factories import PDF_BYTES, make_case, make_service
from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.services import orgunit_create
from qunyan.duties.models import ChiefPost, Duty, Pin
from qunyan.evaluation.models import Commendation
from qunyan.evaluation.models_pay import CadreStop, PayStandard
from qunyan.mentoring.tests.factories import make_cadre, make_mentor, make_pair
from qunyan.party.tests.factories import make_record
from qunyan.people.tests.factories import make_person
from qunyan.reserves.models import WorkItem
from qunyan.reserves.tests.factories import make_reserve
from qunyan.talents.models import Symposium
from qunyan.talents.tests.factories import make_campaign, make_contact, make_talent
from qunyan.training.models import Enrolment, Nomination, TrainingNeed
from qunyan.training.tests.factories import enrol, make_class, make_session
from tests.web.conftest import login

from .urlconf import all_routes

# Arguments that do not name a record (the API's own 404 is tested in tests/web/test_api.py; a
# check-in token is signed, see qunyan/training/tests/test_checkin.py; a report format is a word).
NOT_A_RECORD: set[str] = {
    "api-v1:person",
    # API writes: their 404 outside the scope is tested in tests/web/test_api_writes.py.
    "api-v1:person_update",
    "api-v1:outreach_change",
    "api-v1:service_change",
    "training:check-in",
    "reports:report-download",
}

Kwargs = Callable[[SimpleNamespace], dict[str, Any]]
OUTSIDE: dict[str, Kwargs] = {
    "api:token-revoke": lambda o: {"pk": o.token.pk},
    "core:account-role": lambda o: {"pk": o.account.pk},
    "core:account-unlock": lambda o: {"pk": o.account.pk},
    "core:unit-edit": lambda o: {"pk": o.village.pk},
    "people:person-detail": lambda o: {"pk": o.person.pk},
    "people:person-edit": lambda o: {"pk": o.person.pk},
    "people:person-reveal": lambda o: {"pk": o.person.pk},
    "reserves:reserve-detail": lambda o: {"pk": o.reserve.pk},
    "reserves:work-item": lambda o: {"pk": o.work_item.pk},
    "mentoring:mentee-detail": lambda o: {"pk": o.mentee.pk},
    "mentoring:mentor-detail": lambda o: {"pk": o.mentor.pk},
    "mentoring:pair-detail": lambda o: {"pk": o.pair.pk},
    "talents:talent-detail": lambda o: {"pk": o.talent.pk},
    "talents:talent-edit": lambda o: {"pk": o.talent.pk},
    "talents:outreach-edit": lambda o: {"pk": o.contact.pk},
    "talents:outreach-done": lambda o: {"pk": o.contact.pk},
    "talents:campaign-detail": lambda o: {"pk": o.campaign.pk},
    "talents:campaign-edit": lambda o: {"pk": o.campaign.pk},
    "talents:visit-list": lambda o: {"pk": o.campaign.pk},
    "talents:symposium-detail": lambda o: {"pk": o.symposium.pk},
    # 发展党员
    "party:record-detail": lambda o: {"pk": o.record.pk},
    "party:record-export": lambda o: {"pk": o.record.pk},
    "party:step-add": lambda o: {"pk": o.record.pk},
    "party:document-add": lambda o: {"pk": o.record.pk},
    # 培训
    "training:class-detail": lambda o: {"pk": o.training_class.pk},
    "training:class-edit": lambda o: {"pk": o.training_class.pk},
    "training:class-delete": lambda o: {"pk": o.training_class.pk},
    "training:session-detail": lambda o: {"pk": o.session.pk},
    "training:session-edit": lambda o: {"pk": o.session.pk},
    "training:session-delete": lambda o: {"pk": o.session.pk},
    "training:signin-sheet": lambda o: {"pk": o.session.pk},
    "training:presence-correct": lambda o: {"pk": o.session.pk},
    "training:enrolment-delete": lambda o: {"pk": o.enrolment.pk},
    "training:need-withdraw": lambda o: {"pk": o.need.pk},
    "training:nomination-detail": lambda o: {"pk": o.nomination.pk},
    "training:person-record": lambda o: {"pk": o.person.pk},
    # 考评
    "evaluation:village-scores": lambda o: {"pk": o.village.pk},
    "evaluation:village-grades": lambda o: {"pk": o.village.pk},
    "evaluation:commendation-edit": lambda o: {"pk": o.commendation.pk},
    "evaluation:commendation-delete": lambda o: {"pk": o.commendation.pk},
    "evaluation:standard-delete": lambda o: {"pk": o.pay_standard.pk},
    "evaluation:stop-delete": lambda o: {"pk": o.stop.pk},
    # 分工、三长制
    "duties:village-detail": lambda o: {"pk": o.village.pk},
    "duties:village-export": lambda o: {"pk": o.village.pk},
    "duties:confirm": lambda o: {"pk": o.village.pk},
    "duties:pin-add": lambda o: {"pk": o.village.pk},
    "duties:pin-delete": lambda o: {"pk": o.village.pk, "pin": o.pin.pk},
    "duties:group-add": lambda o: {"pk": o.village.pk},
    "duties:group-detail": lambda o: {"pk": o.group.pk},
    "duties:chief-end": lambda o: {"pk": o.chief.pk},
    "duties:duty-edit": lambda o: {"pk": o.duty.pk},
    "duties:profile": lambda o: {"pk": o.person.pk},
    # 贴近服务
    "casework:service-detail": lambda o: {"pk": o.service.pk},
    "casework:service-edit": lambda o: {"pk": o.service.pk},
    "casework:service-delete": lambda o: {"pk": o.service.pk},
    "casework:case-detail": lambda o: {"pk": o.case.pk},
    "casework:case-edit": lambda o: {"pk": o.case.pk},
    "casework:case-delete": lambda o: {"pk": o.case.pk},
    "casework:case-close": lambda o: {"pk": o.case.pk},
    "casework:case-step": lambda o: {"pk": o.case.pk},
    "casework:case-follow-up": lambda o: {"pk": o.case.pk},
    "casework:case-party": lambda o: {"pk": o.case.pk},
    "casework:case-reveal": lambda o: {"pk": o.case.pk},
    "casework:case-party-delete": lambda o: {"pk": o.case.pk, "party": o.case_party.pk},
    "casework:category-edit": lambda o: {"pk": o.category.pk},
    "casework:attachment-upload": lambda o: {"label": "casework.servicerecord", "pk": o.service.pk},
    "casework:attachment-file": lambda o: {"pk": o.attachment.pk},
    "casework:attachment-delete": lambda o: {"pk": o.attachment.pk},
}


@pytest.fixture
def outside(tree, dora) -> SimpleNamespace:
    """One record of each kind in 东村 / 白水镇."""
    return SimpleNamespace(**_registry_records(tree, dora), **_module_records(tree))


def _module_records(tree) -> dict[str, Any]:
    """The modules' records (party, training, evaluation, duties, casework) in 东村 / 白水镇."""
    candidate = make_person(tree.dongcun, name="周申", birth=datetime.date(1995, 3, 1))
    training_class = make_class(tree.baishui, "BS-1")
    session = make_session(training_class)
    member_ = make_person(tree.dongcun, name="吴学", birth=datetime.date(1990, 3, 1))
    enrol(training_class, member_)
    service = make_service(tree.dongcun)
    case = make_case(tree.dongcun)
    group = orgunit_create(
        name="一组",
        kind=OrgUnit.Kind.GROUP,
        parent=tree.dongcun,
        by=None,
        scope=Scope.unrestricted(),
    )
    duty = Duty.objects.create(town=tree.baishui, name="党建工作")
    return {
        "record": make_record(candidate),
        "training_class": training_class,
        "session": session,
        "enrolment": Enrolment.objects.get(training_class=training_class, person=member_),
        "need": TrainingNeed.objects.create(person=member_, topic="电商"),
        "nomination": Nomination.objects.create(
            town=tree.baishui,
            person=member_,
            track="diploma",
            nominated_on=datetime.date(2026, 1, 5),
        ),
        "commendation": Commendation.objects.create(
            person=member_, town=member_.town, year=2023, title="优秀党员", authority="镇党委"
        ),
        "pay_standard": PayStandard.objects.create(
            town=tree.baishui, year=2023, post="村委委员", base_monthly=2000, bonus_base=6000
        ),
        "stop": CadreStop.objects.create(
            person=member_, kind="death", on=datetime.date(2024, 6, 1)
        ),
        "group": group,
        "duty": duty,
        "pin": Pin.objects.create(village=tree.dongcun, person=member_, duty=duty),
        "chief": ChiefPost.objects.create(
            group=group, role="party_group", person=member_, started_on=datetime.date(2024, 1, 1)
        ),
        "service": service,
        "case": case,
        "case_party": case.parties.first(),
        "category": service.category,
        "attachment": attachment_add(
            label="casework.servicerecord",
            pk=service.pk,
            upload=io.BytesIO(PDF_BYTES),
            name="记录.pdf",
            size=len(PDF_BYTES),
            by=None,
            scope=Scope.unrestricted(),
        ),
    }


def _registry_records(tree, dora) -> dict[str, Any]:
    person = make_person(tree.dongcun, name="王外")
    mentee = make_person(tree.dongcun, name="赵新", birth=datetime.date(1998, 3, 1))
    make_cadre(mentee)
    mentor_person = make_person(tree.dongcun, name="钱老", birth=datetime.date(1970, 3, 1))
    talent = make_talent(tree.dongcun, name="孙远")
    campaign = make_campaign(tree.baishui)
    today = datetime.date(2023, 6, 1)
    return dict(
        token=token_issue(account=dora, name="dora")[0],
        account=dora,
        village=tree.dongcun,
        person=person,
        reserve=make_reserve(person),
        work_item=WorkItem.objects.create(village=tree.dongcun, opened_on=today, checked_on=today),
        mentee=mentee,
        mentor=make_mentor(mentor_person),
        pair=make_pair(mentor_person, mentee),
        talent=talent,
        contact=make_contact(talent.person, datetime.date(2023, 1, 20)),
        campaign=campaign,
        symposium=Symposium.objects.create(
            campaign=campaign, held_on=datetime.date(2023, 1, 25), topic="返乡创业座谈"
        ),
    )


def test_every_route_with_an_argument_is_covered():
    with_arguments = {route.name for route in all_routes() if route.takes_arguments}
    missing = with_arguments - set(OUTSIDE) - NOT_A_RECORD
    assert not missing, f"add these views to OUTSIDE or NOT_A_RECORD: {sorted(missing)}"


@pytest.mark.parametrize("persona", ["alice", "bob", "leader"])
def test_records_of_another_town_are_out_of_reach(request, outside, persona):
    client = login(request.getfixturevalue(persona))
    routes = {route.name: route for route in all_routes()}
    reached = {}
    for name, kwargs in OUTSIDE.items():
        url = routes[name].url(**kwargs(outside))
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            if status not in {403, 404, 405}:
                reached[f"{method.upper()} {url}"] = status
    assert not reached


def test_the_same_records_open_for_the_county(outside, dora):
    """The control: the records exist and the county, whose scope holds them, reaches them."""
    client = login(dora)
    assert client.get(f"/people/{outside.person.pk}/").status_code == 200
    assert client.get(f"/talents/{outside.talent.pk}/").status_code == 200
