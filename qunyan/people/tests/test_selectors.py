"""Reads of the registry: every selector is narrowed by the acting account's scope."""

import datetime

import pytest

from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.selectors import person_get, person_list
from qunyan.people.tests.factories import make_person
from qunyan.reserves.tests.factories import make_reserve

pytestmark = pytest.mark.django_db

ON = datetime.date(2023, 12, 31)


@pytest.fixture
def villagers(tree):
    return {
        "bob's": make_person(tree.niupingao, name="张三", phone="13812345678"),
        "charlie's": make_person(tree.shimen, name="李四", phone="13900001111"),
        "town's": make_person(tree.yangjiaotang, name="王五"),
        "baishui's": make_person(tree.dongcun, name="赵六"),
    }


def names(people) -> list[str]:
    return sorted(p.name for p in people)


def test_a_secretary_gets_a_person_of_her_village(bob, villagers):
    """person_get returns bob's own villager."""
    person = villagers["bob's"]
    assert person_get(scope=Scope.for_account(bob), pk=person.pk) == person


@pytest.mark.parametrize("whose", ["charlie's", "town's", "baishui's"])
def test_a_secretary_cannot_get_a_person_outside_her_village(bob, villagers, whose):
    """Another village's, the town office's or another town's person does not exist for bob."""
    with pytest.raises(Person.DoesNotExist):
        person_get(scope=Scope.for_account(bob), pk=villagers[whose].pk)


def test_a_town_officer_cannot_get_a_person_of_another_town(alice, villagers):
    """alice gets her town's people, not 白水镇's."""
    scope = Scope.for_account(alice)
    assert person_get(scope=scope, pk=villagers["town's"].pk).name == "王五"
    with pytest.raises(Person.DoesNotExist):
        person_get(scope=scope, pk=villagers["baishui's"].pk)


@pytest.mark.parametrize("persona", ["sysadmin", "secadmin", "auditor"])
def test_the_separated_roles_cannot_get_anyone(persona, villagers, request):
    """No person exists for the system admin, the security admin or the auditor."""
    scope = Scope.for_account(request.getfixturevalue(persona))
    assert list(person_list(scope=scope, on=ON)) == []
    with pytest.raises(Person.DoesNotExist):
        person_get(scope=scope, pk=villagers["bob's"].pk)


@pytest.mark.parametrize(
    ("persona", "seen"),
    [
        ("bob", ["张三"]),
        ("charlie", ["李四"]),
        ("alice", ["张三", "李四", "王五"]),
        ("leader", ["张三", "李四", "王五"]),
        ("dora", ["张三", "李四", "王五", "赵六"]),
    ],
)
def test_each_persona_lists_exactly_its_people(persona, seen, villagers, request):
    """The registry list is the scope's people, no more."""
    scope = Scope.for_account(request.getfixturevalue(persona))
    assert names(person_list(scope=scope, on=ON)) == seen


def test_searching_another_villages_id_number_finds_nothing(bob, villagers):
    """An exact ID number of charlie's villager gives bob an empty list, not the person."""
    other = villagers["charlie's"]
    scope = Scope.for_account(bob)
    assert list(person_list(scope=scope, q=other.id_number, on=ON)) == []
    assert list(person_list(scope=scope, q="13900001111", on=ON)) == []
    assert list(person_list(scope=scope, q="李", on=ON)) == []


def test_filtering_on_another_village_finds_nothing(bob, villagers, tree):
    """Choosing charlie's village as a filter does not widen bob's scope."""
    assert list(person_list(scope=Scope.for_account(bob), unit=tree.shimen.pk, on=ON)) == []


@pytest.mark.parametrize("query", ["zs", "ZS", "zhang", "张", "张三"])
def test_it_finds_people_by_name_or_pinyin(alice, villagers, query):
    """Pinyin initials, full pinyin and characters all find 张三."""
    assert names(person_list(scope=Scope.for_account(alice), q=query, on=ON)) == ["张三"]


def test_it_finds_people_by_exact_id_number_in_any_case(alice, villagers):
    """An ID number (x or X) finds its person through the blind index."""
    person = villagers["bob's"]
    found = person_list(scope=Scope.for_account(alice), q=person.id_number.lower(), on=ON)
    assert list(found) == [person]


def test_it_finds_people_by_exact_phone_number(alice, villagers):
    """A phone number, as typed with spaces, finds its person."""
    found = person_list(scope=Scope.for_account(alice), q="138 1234 5678", on=ON)
    assert names(found) == ["张三"]


def test_it_filters_reserves_on_the_day(alice, tree):
    """The reserve identity is the pool on the day asked for."""
    person = make_person(tree.niupingao, name="孙七")
    make_person(tree.niupingao, name="周八")
    make_reserve(person, entered_on=datetime.date(2022, 1, 1), left_on=datetime.date(2023, 6, 30))
    scope = Scope.for_account(alice)
    assert names(person_list(scope=scope, identity="reserve", on=datetime.date(2023, 6, 29))) == [
        "孙七"
    ]
    assert list(person_list(scope=scope, identity="reserve", on=datetime.date(2023, 6, 30))) == []


def test_the_35_or_under_band_includes_35(alice, tree):
    """A 35-year-old is in the band on the day before turning 36, not on the birthday."""
    make_person(tree.niupingao, name="钱九", birth=datetime.date(1988, 1, 1))
    scope = Scope.for_account(alice)
    assert names(person_list(scope=scope, age_band="to35", on=datetime.date(2023, 12, 31))) == [
        "钱九"
    ]
    assert list(person_list(scope=scope, age_band="to35", on=datetime.date(2024, 1, 1))) == []
    assert names(person_list(scope=scope, age_band="36to45", on=datetime.date(2024, 1, 1))) == [
        "钱九"
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("欧", ["欧阳明月", "王欧"]),
        ("阳明", ["欧阳明月"]),
        ("阳明月", ["欧阳明月"]),
        ("欧阳明月", ["欧阳明月"]),
        ("明阳", []),  # both characters, not in this order
        ("欧阳月", []),
        ("王", ["王欧"]),
    ],
)
def test_a_name_is_found_by_any_part_of_it_in_order(alice, tree, query, found):
    """Any run of characters finds the names holding it (on PostgreSQL through the index of
    pairs of characters, where a name with the pairs in another order must not match)."""
    for name in ("欧阳明月", "王欧", "月明"):
        make_person(tree.niupingao, name=name)
    for scope in (Scope.for_account(alice), Scope.unrestricted()):
        assert sorted(names(person_list(scope=scope, q=query, on=ON))) == sorted(found)


@pytest.mark.parametrize(
    ("unit", "seen"),
    [("yangjiaotang", ["张三", "李四", "王五"]), ("niupingao", ["张三"]), ("county", None)],
)
def test_a_unit_filter_is_the_unit_and_everything_below_it(dora, villagers, tree, unit, seen):
    """Choosing a town lists its villages' people and its own staff; a village, its people."""
    everyone = names(person_list(scope=Scope.for_account(dora), on=ON))
    chosen = getattr(tree, unit)
    found = names(person_list(scope=Scope.for_account(dora), unit=chosen.pk, on=ON))
    assert found == (seen if seen is not None else everyone)


def test_a_county_s_unit_filter_lists_its_towns_then_the_chosen_town_s_villages(
    dora, tree, monkeypatch
):
    """Past UNIT_CHOICES_MAX units (a province's 25,000 villages) the filter offers the towns,
    and beside them the villages of the town of the unit chosen."""
    from qunyan.people import forms

    def offered(data: dict) -> list[str]:
        form = forms.PersonFilterForm(data, scope=Scope.for_account(dora))
        return [str(label) for _pk, label in form.fields["unit"].widget.choices[1:]]

    everything = offered({})
    assert {"羊角塘镇", "牛坪坳村", "白水镇", "东村"} <= set(everything)
    monkeypatch.setattr(forms, "UNIT_CHOICES_MAX", 3)
    assert set(offered({})) == {"羊角塘镇", "白水镇"}
    near = offered({"unit": str(tree.shimen.pk)})
    assert set(near) == {"羊角塘镇", "牛坪坳村", "石门村", "白水镇"}
    assert set(offered({"unit": "not a number"})) == {"羊角塘镇", "白水镇"}


def test_control_characters_in_a_search_are_ignored(alice, villagers):
    """A NUL or another control character (from the API) is dropped, not sent to the database."""
    assert names(person_list(scope=Scope.for_account(alice), q="\x1e张\x00三\n", on=ON)) == ["张三"]
