"""Data scopes per role: which units and people each persona's Scope lets through."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from qunyan.core.models import OrgUnit
from qunyan.core.roles import Capability, Role
from qunyan.core.scopes import Scope
from qunyan.core.selectors import unit_get, villages_of
from qunyan.core.services import account_create, orgunit_create, orgunit_update
from qunyan.core.tests.factories import PASSWORD
from qunyan.people.models import Person
from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import towns_in_scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):
    """One person in each village and one at each town office."""
    return {
        unit.name: make_person(unit, name=f"{unit.name}人")
        for unit in (tree.yangjiaotang, tree.niupingao, tree.shimen, tree.baishui, tree.dongcun)
    }


def unit_names(scope: Scope) -> set[str]:
    return set(scope.units().values_list("name", flat=True))


def people_seen(scope: Scope) -> set[str]:
    return set(scope.filter(Person.objects.all()).values_list("name", flat=True))


def test_a_town_officer_sees_her_town_only(alice, people):
    """alice sees 羊角塘镇, its villages and their people; nothing of 白水镇 or the county."""
    scope = Scope.for_account(alice)
    assert unit_names(scope) == {"羊角塘镇", "牛坪坳村", "石门村"}
    assert people_seen(scope) == {"羊角塘镇人", "牛坪坳村人", "石门村人"}


def test_a_town_leader_sees_the_town_like_its_officer(leader, people):
    """The town leader reads the whole town (and no other)."""
    scope = Scope.for_account(leader)
    assert unit_names(scope) == {"羊角塘镇", "牛坪坳村", "石门村"}
    assert people_seen(scope) == {"羊角塘镇人", "牛坪坳村人", "石门村人"}


def test_a_secretary_sees_her_own_village_only(bob, people):
    """bob sees 牛坪坳村 and its people: not the neighbouring village, not the town office."""
    scope = Scope.for_account(bob)
    assert unit_names(scope) == {"牛坪坳村"}
    assert people_seen(scope) == {"牛坪坳村人"}


def test_another_secretary_sees_her_own_village_only(charlie, people):
    """charlie's scope is 石门村 alone."""
    assert people_seen(Scope.for_account(charlie)) == {"石门村人"}


def test_a_county_reader_sees_every_town_of_the_county(dora, people):
    """dora sees both towns, all their villages and all their people."""
    scope = Scope.for_account(dora)
    assert unit_names(scope) == {"祁阳市", "羊角塘镇", "牛坪坳村", "石门村", "白水镇", "东村"}
    assert people_seen(scope) == {p.name for p in people.values()}


def test_a_county_reader_sees_nothing_of_another_county(dora, people):
    """A town created under another county is outside dora's scope."""
    other = orgunit_create(
        name="祁东县", kind=OrgUnit.Kind.COUNTY, parent=None, by=None, scope=Scope.unrestricted()
    )
    town = orgunit_create(
        name="白地市镇", kind=OrgUnit.Kind.TOWN, parent=other, by=None, scope=Scope.unrestricted()
    )
    make_person(town, name="外县人")
    scope = Scope.for_account(dora)
    assert "白地市镇" not in unit_names(scope)
    assert "外县人" not in people_seen(scope)


@pytest.mark.parametrize("persona", ["sysadmin", "secadmin", "auditor"])
def test_the_separated_roles_see_no_personal_data(persona, people, request):
    """三员分立: system admin, security admin and auditor see no units and no people."""
    scope = Scope.for_account(request.getfixturevalue(persona))
    assert unit_names(scope) == set()
    assert people_seen(scope) == set()
    assert list(scope.towns()) == []
    assert not scope.contains(people["牛坪坳村"].unit)


def test_a_separated_role_with_a_unit_still_sees_nothing(yangjiaotang, people):
    """Giving the system admin a unit does not open its people."""
    admin = account_create(
        username="admin2", password=PASSWORD, role=Role.SYSTEM_ADMIN, unit=yangjiaotang, by=None
    )
    assert people_seen(Scope.for_account(admin)) == set()


def test_an_anonymous_visitor_sees_nothing(people):
    """Not logged in: an empty scope."""
    scope = Scope.for_account(AnonymousUser())
    assert people_seen(scope) == set() and unit_names(scope) == set()


def test_a_deactivated_account_sees_nothing(alice, people):
    """Switching an account off closes its scope at once."""
    alice.is_active = False
    assert people_seen(Scope.for_account(alice)) == set()


def test_the_operator_is_unrestricted(people):
    """Management commands run unrestricted and see everything."""
    scope = Scope.unrestricted()
    assert scope.is_unrestricted
    assert people_seen(scope) == {p.name for p in people.values()}


def test_contains_follows_the_subtree(tree, alice, bob):
    """contains() is true for the account's unit and below, false above and beside."""
    town_scope, village_scope = Scope.for_account(alice), Scope.for_account(bob)
    assert town_scope.contains(tree.yangjiaotang) and town_scope.contains(tree.niupingao)
    assert not town_scope.contains(tree.dongcun) and not town_scope.contains(tree.county)
    assert village_scope.contains(tree.niupingao)
    assert not village_scope.contains(tree.shimen)
    assert not village_scope.contains(tree.yangjiaotang)
    assert not village_scope.contains(None)


def test_a_unit_whose_id_extends_another_is_not_inside_it():
    """Paths end with a slash: the scope of unit /1/2/ does not hold unit /1/23/."""
    scope = Scope(root_paths=("/1/2/",))
    assert scope.contains(OrgUnit(path="/1/2/7/"))
    assert not scope.contains(OrgUnit(path="/1/23/"))


@pytest.mark.parametrize(
    ("persona", "towns"),
    [
        ("alice", ["羊角塘镇"]),
        ("leader", ["羊角塘镇"]),
        ("bob", ["羊角塘镇"]),
        ("dora", ["白水镇", "羊角塘镇"]),
        ("auditor", []),
        ("sysadmin", []),
    ],
)
def test_each_persona_works_in_its_towns(persona, towns, request):
    """The towns whose statistics an account reads: its own, the one above its village, or all."""
    scope = Scope.for_account(request.getfixturevalue(persona))
    assert sorted(t.name for t in towns_in_scope(scope)) == sorted(towns)


def test_a_secretary_cannot_reach_another_village_through_unit_get(bob, tree):
    """unit_get answers DoesNotExist for a unit outside the scope (a 404, not a 403)."""
    scope = Scope.for_account(bob)
    assert unit_get(scope=scope, pk=tree.niupingao.pk) == tree.niupingao
    for unit in (tree.shimen, tree.yangjiaotang, tree.dongcun):
        with pytest.raises(OrgUnit.DoesNotExist):
            unit_get(scope=scope, pk=unit.pk)


def test_a_secretary_lists_only_her_own_village(bob, tree):
    """villages_of a town, seen from a village, is that village alone."""
    names = [v.name for v in villages_of(scope=Scope.for_account(bob), town=tree.yangjiaotang)]
    assert names == ["牛坪坳村"]


def test_a_town_officer_lists_none_of_another_towns_villages(alice, tree):
    """Asking for another town's villages gives nothing, not that town's list."""
    assert list(villages_of(scope=Scope.for_account(alice), town=tree.baishui)) == []


def test_require_refuses_a_missing_capability(bob, alice):
    """A secretary cannot reveal numbers; the town officer can."""
    with pytest.raises(PermissionDenied):
        Scope.for_account(bob).require(Capability.REVEAL)
    Scope.for_account(alice).require(Capability.REVEAL)
    assert Scope.unrestricted().can(Capability.REVEAL)


@pytest.mark.parametrize(
    ("role", "can"),
    [
        (Role.COUNTY_READER, {Capability.VIEW_PEOPLE, Capability.EXPORT}),
        (Role.TOWN_LEADER, {Capability.VIEW_PEOPLE}),
        (
            Role.VILLAGE_SECRETARY,
            {
                Capability.VIEW_PEOPLE,
                Capability.CHANGE_PEOPLE,
                Capability.SUPERVISE,
                Capability.RECORD_SERVICE,
            },
        ),
        (Role.SYSTEM_ADMIN, {Capability.MANAGE_ACCOUNTS}),
        (Role.SECURITY_ADMIN, {Capability.MANAGE_ROLES}),
        (Role.AUDITOR, {Capability.VIEW_AUDIT}),
    ],
)
def test_each_role_has_exactly_its_capabilities(role, can):
    """Read-only roles change nothing; the separated roles never read personal data."""
    from qunyan.core.roles import role_can

    assert {c for c in Capability if role_can(role, c)} == can


def test_only_the_town_officer_may_import_and_reveal():
    """Import and reveal belong to the town officer alone."""
    from qunyan.core.roles import role_can

    for capability in (Capability.IMPORT, Capability.REVEAL, Capability.CHANGE_UNITS):
        assert [r for r in Role if role_can(r, capability)] == [Role.TOWN_OFFICER]


@pytest.mark.parametrize(
    ("role", "unit_name"),
    [
        (Role.TOWN_OFFICER, "牛坪坳村"),
        (Role.VILLAGE_SECRETARY, "羊角塘镇"),
        (Role.COUNTY_READER, "羊角塘镇"),
        (Role.TOWN_LEADER, None),
    ],
)
def test_an_account_needs_a_unit_of_its_roles_kind(role, unit_name, tree):
    """A town officer belongs to a town, a secretary to a village, a reader to a county."""
    unit = OrgUnit.objects.get(name=unit_name) if unit_name else None
    with pytest.raises(ValidationError):
        account_create(username="zed", password=PASSWORD, role=role, unit=unit, by=None)


def test_a_town_officer_cannot_rename_another_towns_village(alice, tree):
    """orgunit_update refuses a unit outside the acting scope."""
    with pytest.raises(ValidationError) as caught:
        orgunit_update(
            unit=tree.dongcun,
            name="西村",
            kind=OrgUnit.Kind.VILLAGE,
            by=alice,
            scope=Scope.for_account(alice),
        )
    assert "parent" in caught.value.message_dict
    tree.dongcun.refresh_from_db()
    assert tree.dongcun.name == "东村"


def test_a_town_officer_cannot_add_a_village_to_another_town(alice, tree):
    """orgunit_create refuses a parent outside the acting scope."""
    with pytest.raises(ValidationError):
        orgunit_create(
            name="西村",
            kind=OrgUnit.Kind.VILLAGE,
            parent=tree.baishui,
            by=alice,
            scope=Scope.for_account(alice),
        )
    assert not OrgUnit.objects.filter(name="西村").exists()


def test_a_town_officer_adds_a_village_to_her_town(alice, tree):
    """Inside her town the officer creates villages; path and town are set."""
    village = orgunit_create(
        name="西村",
        kind=OrgUnit.Kind.VILLAGE,
        parent=tree.yangjiaotang,
        by=alice,
        scope=Scope.for_account(alice),
    )
    assert village.path == f"{tree.yangjiaotang.path}{village.pk}/"
    assert village.town == tree.yangjiaotang
    assert Scope.for_account(alice).contains(village)


def test_a_village_name_is_unique_within_its_town_only(tree):
    """Two towns may each have a 东村; one town may not have two."""
    orgunit_create(
        name="东村",
        kind=OrgUnit.Kind.VILLAGE,
        parent=tree.yangjiaotang,
        by=None,
        scope=Scope.unrestricted(),
    )
    with pytest.raises(ValidationError):
        orgunit_create(
            name="东村",
            kind=OrgUnit.Kind.COMMUNITY,
            parent=tree.yangjiaotang,
            by=None,
            scope=Scope.unrestricted(),
        )


def test_units_nest_only_in_the_allowed_order(tree):
    """A village cannot hang directly under the county, nor a town under a village."""
    for kind, parent in ((OrgUnit.Kind.VILLAGE, tree.county), (OrgUnit.Kind.TOWN, tree.shimen)):
        with pytest.raises(ValidationError):
            orgunit_create(
                name="错位", kind=kind, parent=parent, by=None, scope=Scope.unrestricted()
            )
