"""Mentoring through the web, per role: overview, register, suggestions, pairs and the log."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from qunyan.mentoring.choices import Principle, WorkArea
from qunyan.mentoring.models import (
    Evaluation,
    Meeting,
    MenteeNeed,
    Mentor,
    Mentorship,
    PairingRejection,
)
from qunyan.mentoring.tests.factories import make_cadre, make_mentor, make_need, make_pair
from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import mentoring

from .conftest import login

pytestmark = pytest.mark.usefixtures("english")

D = datetime.date


@pytest.fixture
def town(tree):
    """Two town-cadre mentors, a pair in each village, and two young cadres without a mentor."""
    finance = make_mentor(
        make_person(tree.yangjiaotang, name="财务导师", birth=D(1972, 1, 1)),
        strengths=[WorkArea.FINANCE],
    )
    party = make_mentor(
        make_person(tree.yangjiaotang, name="党建导师", birth=D(1970, 1, 1)),
        strengths=[WorkArea.PARTY_BUILDING],
    )
    ours = make_pair(
        party.person,
        make_cadre(make_person(tree.niupingao, name="牛坪坳学员")),
        started=D(2023, 1, 1),
        principle=Principle.TOWN_TO_VILLAGE,
    )
    theirs = make_pair(
        party.person,
        make_cadre(make_person(tree.shimen, name="石门学员")),
        started=D(2023, 1, 1),
        principle=Principle.TOWN_TO_VILLAGE,
    )
    open_one = make_cadre(make_person(tree.niupingao, name="待结对甲", birth=D(1996, 1, 1)))
    make_need(open_one, WorkArea.FINANCE)
    other = make_cadre(make_person(tree.shimen, name="待结对乙", birth=D(1997, 1, 1)))
    return {
        "finance": finance,
        "party": party,
        "ours": ours,
        "theirs": theirs,
        "open": open_one,
        "other": other,
    }


def test_the_overview_shows_the_statistics_figures(alice, town, tree):
    """mentors and mentees on the page are `qunyan stats`'s `mentoring` for the period."""
    html = (
        login(alice)
        .get(
            reverse("mentoring:overview"),
            {"period_from": "2021-01-01", "period_to": "2023-12-31"},
        )
        .content.decode()
    )
    yangjiaotang = tree.yangjiaotang
    period = {"period_from": D(2021, 1, 1), "period_to": D(2023, 12, 31)}
    expected = mentoring([yangjiaotang], **period)[yangjiaotang.pk]
    assert expected == {"mentors": 1, "mentees": 2}
    assert f'data-figure="mentors">{expected["mentors"]}<' in html
    assert f'data-figure="mentees">{expected["mentees"]}<' in html
    assert 'data-figure="idle">2<' in html  # nothing logged since January
    assert 'id="mentoring-data"' in html


def test_a_secretary_sees_only_her_villages_pairs(bob, town):
    """bob's list has 牛坪坳村's pair; 石门村's pair is a 404 for him."""
    client = login(bob)
    html = client.get(reverse("mentoring:pair-list")).content.decode()
    assert "牛坪坳学员" in html
    assert "石门学员" not in html
    assert client.get(reverse("mentoring:pair-detail", args=[town["theirs"].pk])).status_code == 404
    assert client.get(reverse("mentoring:pair-detail", args=[town["ours"].pk])).status_code == 200


def test_suggestions_need_the_town_office(bob, dora, town):
    for account in (bob, dora):
        client = login(account)
        assert client.get(reverse("mentoring:suggestions")).status_code == 403
        response = client.post(
            reverse("mentoring:pairing-accept"),
            {
                "mentor": town["finance"].pk,
                "mentee": town["open"].pk,
                "principle": Principle.TOWN_TO_VILLAGE,
                "started_on": "2023-12-01",
            },
        )
        assert response.status_code == 403
    assert Mentorship.objects.count() == 2


def test_the_suggestions_show_why_and_save_nothing(alice, town):
    """Each open mentee gets a mentor with the score broken down; showing writes nothing."""
    response = login(alice).get(reverse("mentoring:suggestions"))
    html = response.content.decode()
    suggested = {
        (pair.mentee.name, pair.mentor.person.name) for pair in response.context["result"].pairs
    }
    assert ("待结对甲", "财务导师") in suggested
    assert {name for name, _ in suggested} == {"待结对甲", "待结对乙"}
    for part in ("skill", "distance", "age", "experience", "load"):
        assert f'data-part="{part}"' in html
    assert 'data-part="skill">40.0<' in html  # 财务导师 covers 待结对甲's one weak area
    assert Mentorship.objects.count() == 2


def test_accepting_a_suggestion_makes_the_pair(alice, town):
    response = login(alice).post(
        reverse("mentoring:pairing-accept"),
        {
            "mentor": town["finance"].pk,
            "mentee": town["open"].pk,
            "principle": Principle.TOWN_TO_VILLAGE,
            "started_on": "2023-12-01",
            "next": reverse("mentoring:suggestions"),
        },
    )
    pair = Mentorship.objects.get(mentee=town["open"])
    assert response["Location"] == reverse("mentoring:pair-detail", args=[pair.pk])
    assert (pair.mentor, pair.principle) == (town["finance"].person, Principle.TOWN_TO_VILLAGE)


def test_a_refused_accept_explains_itself_and_returns(alice, town):
    """A mentee who already has a mentor: the message says so and nothing is made."""
    client = login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("mentoring:pairing-accept"),
        {
            "mentor": town["finance"].pk,
            "mentee": town["ours"].mentee.pk,
            "principle": Principle.TOWN_TO_VILLAGE,
            "started_on": "2023-12-01",
            "next": reverse("mentoring:suggestions"),
        },
        follow=True,
    )
    assert "This person already has a mentor." in response.content.decode()
    assert Mentorship.objects.count() == 2


def test_rejecting_a_suggestion_keeps_it_out(alice, town):
    client = login(alice)
    response = client.post(
        reverse("mentoring:pairing-reject"),
        {"mentor": town["finance"].pk, "mentee": town["open"].pk, "reason": "另有安排"},
    )
    assert response.status_code == 302
    assert PairingRejection.objects.get().reason == "另有安排"
    pairs = client.get(reverse("mentoring:suggestions")).context["result"].pairs
    assert ("待结对甲", "财务导师") not in {(p.mentee.name, p.mentor.person.name) for p in pairs}


def test_changing_the_mentor_picks_another_from_the_mentees_page(alice, town):
    """The mentee's page ranks the candidates with their scores; choosing one makes the pair."""
    client = login(alice)
    page = client.get(reverse("mentoring:mentee-detail", args=[town["open"].pk]))
    ranked = [c.mentor.person.name for c, *_ in page.context["candidates"]]
    assert ranked == ["财务导师", "党建导师"]
    client.post(
        reverse("mentoring:pairing-accept"),
        {
            "mentor": town["party"].pk,
            "mentee": town["open"].pk,
            "principle": Principle.TOWN_TO_VILLAGE,
            "started_on": "2023-12-01",
        },
    )
    assert Mentorship.objects.get(mentee=town["open"]).mentor == town["party"].person


def test_a_secretary_logs_a_meeting_and_an_evaluation_for_her_village(bob, charlie, town):
    client = login(bob)
    url = reverse("mentoring:pair-detail", args=[town["ours"].pk])
    response = client.post(
        url,
        {
            "action": "meeting",
            "meeting-on": "2023-05-06",
            "meeting-topic": "村务公开",
            "meeting-tasks_given": "整理公开栏",
            "meeting-tasks_done": "",
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.get().topic == "村务公开"
    response = client.post(
        url,
        {
            "action": "evaluation",
            "evaluation-year": "2023",
            "evaluation-half": "1",
            "evaluation-evaluator": "mentee",
            "evaluation-score": "5",
            "evaluation-comment": "收获很大",
        },
    )
    assert response.status_code == 302
    assert Evaluation.objects.get().score == 5
    # The town's own evaluation is not offered to her, and is refused if posted.
    response = client.post(
        url,
        {
            "action": "evaluation",
            "evaluation-year": "2023",
            "evaluation-half": "1",
            "evaluation-evaluator": "town",
            "evaluation-score": "5",
        },
    )
    assert response.status_code == 200
    assert Evaluation.objects.count() == 1
    assert login(charlie).post(url, {"action": "meeting"}).status_code == 404


def test_a_county_reader_reads_but_writes_nothing(dora, town):
    client = login(dora)
    url = reverse("mentoring:pair-detail", args=[town["ours"].pk])
    html = client.get(url).content.decode()
    assert 'id="log-meeting"' not in html
    response = client.post(
        url, {"action": "meeting", "meeting-on": "2023-05-06", "meeting-topic": "x"}
    )
    assert response.status_code == 404
    assert not Meeting.objects.exists()


def test_the_officer_registers_a_mentor_by_id_number(alice, tree):
    person = make_person(tree.niupingao, name="老支书", birth=D(1962, 1, 1))
    client = login(alice)
    response = client.post(
        reverse("mentoring:mentor-add"),
        {
            "id_number": person.id_number,
            "kind": "veteran_secretary",
            "strengths": ["mediation", "residents"],
            "capacity": "3",
            "available": "on",
            "serving_since": "1998-03-01",
        },
    )
    mentor = Mentor.objects.get(person=person)
    assert response["Location"] == reverse("mentoring:mentor-detail", args=[mentor.pk])
    assert mentor.strengths == ["mediation", "residents"]
    html = client.get(reverse("mentoring:mentor-list")).content.decode()
    assert "老支书" in html


def test_a_secretary_records_weak_areas_on_the_mentees_page(bob, town):
    client = login(bob)
    url = reverse("mentoring:mentee-detail", args=[town["open"].pk])
    page = client.get(url)
    assert page.context["candidates"] == []  # pairing is the town office's
    client.post(url, {"weak_areas": ["finance", "writing"], "note": ""})
    assert MenteeNeed.objects.get(person=town["open"]).weak_areas == ["finance", "writing"]
    other = reverse("mentoring:mentee-detail", args=[town["other"].pk])
    assert client.get(other).status_code == 404


def test_the_persons_page_shows_the_register_entry_and_pairs(alice, town):
    html = login(alice).get(town["party"].person.get_absolute_url()).content.decode()
    assert 'id="section-mentoring"' in html
    assert "牛坪坳学员" in html
