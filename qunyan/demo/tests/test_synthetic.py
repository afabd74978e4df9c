"""`qunyan generate`: a tiny synthetic data set, checked for consistency on either database."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from qunyan.core.crypto import blind_index
from qunyan.core.models import AuditEntry, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.demo.synthetic import Spec, generate, period_of
from qunyan.people.idnumbers import parse_id_number
from qunyan.people.models import CadreTerm, Person
from qunyan.people.pinyin import name_keys
from qunyan.people.selectors import person_by_id_number, person_list
from qunyan.people.services import PHONE_PURPOSE
from qunyan.reports.selectors import statistics_by_town, town_statistics
from qunyan.spreadsheets.engine import workbook_import

pytestmark = pytest.mark.django_db

SPEC = Spec(towns=2, villages_per_town=5, people=1_200, seed=7, report_year=2025)


@pytest.fixture
def generated():
    return generate(SPEC)


def test_tree_people_and_one_audit_entry(generated):
    root = generated.root
    assert root.kind == OrgUnit.Kind.COUNTY
    towns = OrgUnit.objects.filter(parent=root)
    assert towns.count() == 2
    for town in towns:
        villages = OrgUnit.objects.filter(parent=town)
        assert villages.count() == 5
        assert all(v.path == f"{town.path}{v.pk}/" and v.town_id == town.pk for v in villages)
    people = Person.objects.filter(town__parent=root)
    assert people.count() == 1_200 == generated.counts["people.Person"]
    assert AuditEntry.objects.filter(target_id=str(root.pk)).count() == 1
    # One entry for the generation, none per row.
    assert AuditEntry.objects.count() == 1


def test_ids_decrypt_validate_and_are_found_by_blind_index(generated):
    people = list(Person.objects.filter(town__parent=generated.root).select_related("unit"))
    assert len({p.id_number for p in people}) == len(people)
    for person in people[:300]:
        parsed = parse_id_number(person.id_number)  # decrypted and valid
        assert parsed.birth_date == person.birth_date
        assert parsed.gender == person.gender
        assert person.town_id == (person.unit.town_id or person.unit.pk)
        assert (person.name_pinyin, person.name_initials) == name_keys(person.name)
        if person.phone:
            assert person.phone_index == blind_index(person.phone, purpose=PHONE_PURPOSE)
    sample = people[17]
    assert person_by_id_number(scope=Scope.unrestricted(), text=sample.id_number) == sample
    town = OrgUnit.objects.get(pk=sample.town_id)
    other = OrgUnit.objects.filter(parent=generated.root).exclude(pk=town.pk).get()
    assert person_by_id_number(scope=Scope(root_paths=(town.path,)), text=sample.id_number)
    assert person_by_id_number(scope=Scope(root_paths=(other.path,)), text=sample.id_number) is None


def test_every_town_at_once_is_each_town_alone(generated):
    """The province-level call groups by town: the same figures as one town at a time."""
    first, last = period_of(SPEC)
    towns = list(OrgUnit.objects.filter(parent=generated.root).order_by("name"))
    together = statistics_by_town(towns, period_from=first, period_to=last, as_of=last)
    for town in towns:
        alone = town_statistics(town=town, period_from=first, period_to=last, as_of=last)
        assert together[town.pk] == alone
    assert together[towns[0].pk]["reserves"] != together[towns[1].pk]["reserves"]
    out = io.StringIO()
    call_command("stats", "--all-towns", "--from", "2023-01-01", "--to", "2025-12-31", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed == [together[town.pk] for town in towns]


def test_town_statistics_are_not_trivial(generated):
    first, last = period_of(SPEC)
    assert (first, last) == (datetime.date(2023, 1, 1), datetime.date(2025, 12, 31))
    for town in OrgUnit.objects.filter(parent=generated.root):
        stats = town_statistics(town=town, period_from=first, period_to=last, as_of=last)
        assert stats["villages"] == 5
        assert 0 < stats["reserves"]["young_and_college"] <= stats["reserves"]["total"]
        assert stats["party_development"]["new_probationary_members"] > 0
        assert stats["training"]["classes"] > 0 and stats["training"]["person_times"] > 0
        assert stats["mentoring"]["mentees"] > 0
        assert stats["commendations"]["persons"] > 0
        assert stats["returnees"]["outreach_contacts"] > 0
        assert sum(stats["ratings"].values()) > 0
    # Five committee posts per village, every post held by a party member.
    current = CadreTerm.objects.filter(ended_on=None, village__town__parent=generated.root)
    assert current.count() == 2 * 5 * 5
    assert set(current.values_list("person__political_status", flat=True)) == {"cpc"}


def test_a_second_generation_adds_new_people_and_keys_continue(generated):
    again = generate(SPEC)
    assert again.root.pk != generated.root.pk and again.root.name != generated.root.name
    assert Person.objects.count() == 2_400
    # The ORM's next row gets a fresh key (PostgreSQL's sequences were moved on).
    unit = OrgUnit.objects.create(name="新村", kind=OrgUnit.Kind.VILLAGE, parent=again.root)
    assert unit.pk > max(OrgUnit.objects.exclude(pk=unit.pk).values_list("pk", flat=True))


def test_registry_list_pages_and_searches(generated):
    town = OrgUnit.objects.filter(parent=generated.root).first()
    scope = Scope(root_paths=(town.path,))
    page = list(person_list(scope=scope)[:50])
    assert len(page) == 50 and all(p.town_id == town.pk for p in page)
    assert [p.name_pinyin for p in page] == sorted(p.name_pinyin for p in page)
    name = page[3].name
    assert any(p.name == name for p in person_list(scope=scope, q=name)[:50])


def test_the_command_and_its_workbooks_import_cleanly(tmp_path: Path, capsys):
    call_command(
        "generate", "--towns", "2", "--villages-per-town", "4", "--people", "600",
        "--year", "2025", "--workbooks", str(tmp_path),
    )  # fmt: skip
    files = sorted(tmp_path.glob("*.xlsx"))
    assert len(files) == 2
    for path in files:
        report = workbook_import(str(path), scope=Scope.unrestricted(), by=None)
        assert report.ok, [str(issue) for issue in report.errors[:5]]
        assert report.sheets["人员"].created == 300
        assert report.sheets["发展党员"].created > 0
    assert Person.objects.count() == 600
    call_command("generate", "--towns", "1", "--villages-per-town", "3", "--people", "100")
    assert "Person" in capsys.readouterr().out
    assert Person.objects.count() == 700
