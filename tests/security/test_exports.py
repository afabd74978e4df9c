"""Every workbook a user can download: no cell is a formula, no full ID or phone number.

Exports are found from the URL conf (tests/security/urlconf.py): every route without arguments
is fetched as is and with `?format=xlsx`; routes that need a record are fetched with the records
made here (ARGUMENTS), and a route that looks like an export but is in neither list fails the
test, so a new export cannot escape it. The person in every module is named
`=HYPERLINK("http://x","y")`, the classic spreadsheet formula injection.
"""

import datetime
import io
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from qunyan.core.scopes import Scope
from qunyan.evaluation.tests.factories import add_term
from qunyan.people.tests.factories import make_person
from qunyan.talents.campaigns import assignment_save
from qunyan.talents.tests.factories import make_campaign, make_talent
from qunyan.talents.visitors import Visitor
from qunyan.training.tests.factories import enrol, make_class, make_session
from tests.web.conftest import login

from .urlconf import Route, all_routes

NAME = '=HYPERLINK("http://x","y")'
PHONE = "13912345678"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml"
# Routes that need a record: how to call them (persona, method, URL arguments, data).
Call = tuple[str, str, dict[str, Any], dict[str, Any]]
ARGUMENTS: dict[str, Callable[[SimpleNamespace], list[Call]]] = {
    "duties:village-export": lambda s: [("alice", "get", {"pk": s.village.pk}, {})],
    "training:person-record": lambda s: [("alice", "get", {"pk": s.person.pk}, {})],
    "training:signin-sheet": lambda s: [("alice", "get", {"pk": s.session.pk}, {"format": "xlsx"})],
    "talents:visit-list": lambda s: [
        ("alice", "get", {"pk": s.campaign.pk}, {"format": "xlsx", "visitor": s.visitor}),
        # POST without `reveal`: the masked download (with it, the explicit, logged reveal).
        ("alice", "post", {"pk": s.campaign.pk}, {"visitor": s.visitor}),
    ],
}
# Exports without arguments that other roles download, or that take a POST.
EXTRA: dict[str, Callable[[SimpleNamespace], list[Call]]] = {
    "spreadsheets:export": lambda s: [("alice", "post", {}, {"town": s.town.pk})],
    "core:audit-list": lambda s: [("auditor", "get", {}, {"format": "xlsx"})],
    "reports:county-export": lambda s: [("dora", "get", {}, {})],
}
# Exports that list people: the person must be in them (else the test would prove nothing).
LISTS_THE_PERSON = {
    "spreadsheets:export",
    "training:person-record",
    "training:signin-sheet",
    "talents:visit-list",
    "core:audit-list",
}
# Words in a route's name or URL that mark an export.
EXPORT_WORDS = ("export", "xlsx", "download", "sheet", "record.")


@pytest.fixture
def setting(tree, alice) -> SimpleNamespace:
    """The person in every module of 羊角塘镇 where one can be put without a long story."""
    person = make_person(tree.niupingao, name=NAME, phone=PHONE, political_status="cpc")
    add_term(person, tree.niupingao, post="委员", started=datetime.date(2021, 3, 20))
    make_talent(tree.niupingao, person=person)
    campaign = make_campaign(tree.yangjiaotang)
    assignment_save(
        campaign=campaign,
        person=person,
        visitor=Visitor(account=alice),
        by=None,
        scope=Scope.unrestricted(),
    )
    training_class = make_class(tree.yangjiaotang)
    session = make_session(training_class)
    enrol(training_class, person)
    return SimpleNamespace(
        person=person,
        town=tree.yangjiaotang,
        village=tree.niupingao,
        campaign=campaign,
        session=session,
        visitor=f"account:{alice.pk}",
    )


def _is_export(route: Route) -> bool:
    text = f"{route.name} {route.url()}".lower()
    return any(word in text for word in EXPORT_WORDS)


def _workbook_bytes(response: Any) -> bytes | None:
    if response.status_code != 200 or not response.get("Content-Type", "").startswith(XLSX):
        return None
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _calls(setting: SimpleNamespace) -> list[tuple[str, Call]]:
    calls: list[tuple[str, Call]] = []
    for route in all_routes():
        if route.name in EXTRA:
            calls += [(route.name, call) for call in EXTRA[route.name](setting)]
        elif route.name in ARGUMENTS:
            calls += [(route.name, call) for call in ARGUMENTS[route.name](setting)]
        elif not route.takes_arguments:
            calls.append((route.name, ("alice", "get", {}, {})))
            calls.append((route.name, ("alice", "get", {}, {"format": "xlsx"})))
    return calls


def test_every_route_that_looks_like_an_export_is_tried():
    untried = [
        route.name
        for route in all_routes()
        if route.takes_arguments and _is_export(route) and route.name not in ARGUMENTS
    ]
    # Word and PDF documents, not workbooks: the party's record sheet and the year report.
    assert set(untried) <= {"party:record-export", "reports:report-download"}, untried


def test_no_export_holds_a_formula_or_a_full_number(setting, request):
    person = setting.person
    clients: dict[str, Client] = {}
    found: dict[str, int] = {}
    named: set[str] = set()
    problems: list[str] = []
    for name, (persona, method, kwargs, data) in _calls(setting):
        if persona not in clients:
            clients[persona] = login(request.getfixturevalue(persona))
        route = next(r for r in all_routes() if r.name == name)
        response = getattr(clients[persona], method)(route.url(**kwargs), data)
        content = _workbook_bytes(response)
        if content is None:
            continue
        found[name] = found.get(name, 0) + 1
        book = load_workbook(io.BytesIO(content))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    where = f"{name} {data} {sheet.title}!{cell.coordinate}"
                    if cell.data_type == "f":
                        problems.append(f"{where}: formula {cell.value!r}")
                    text = str(cell.value or "")
                    if person.id_number in text or PHONE in text:
                        problems.append(f"{where}: full number {text!r}")
                    if NAME in text:
                        named.add(name)
    assert problems == []
    expected = {"duties:town-export", "duties:village-export", "reserves:survey"}
    assert expected | set(EXTRA) | set(ARGUMENTS) <= set(found), found
    assert named >= LISTS_THE_PERSON, named
    print(f"exports: {len(found)} routes, {sum(found.values())} workbooks checked")
