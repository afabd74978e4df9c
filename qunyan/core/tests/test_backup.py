"""`qunyan backup` and `qunyan restore`: a verified snapshot comes back whole; a bad one changes nothing."""

import pytest
from django.core.management import CommandError, call_command

from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.services import PersonData, person_save
from qunyan.people.tests.factories import make_person

pytestmark = pytest.mark.django_db(transaction=True)


def rename(person: Person, name: str) -> None:
    data = PersonData(name=name, id_number=person.id_number, unit=person.unit)
    person_save(data=data, by=None, scope=Scope.unrestricted(), person=person)


def test_a_restored_backup_brings_back_the_data_as_it_was(tree, tmp_path, capsys):
    person = make_person(tree.niupingao, name="备份前")
    call_command("backup", "-o", str(tmp_path / "qunyan.backup"))
    assert (tmp_path / "qunyan.backup").exists()
    rename(person, "备份后")
    make_person(tree.shimen, name="新来的")
    call_command("restore", str(tmp_path / "qunyan.backup"), "--yes")
    assert list(Person.objects.values_list("name", flat=True)) == ["备份前"]


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 50]
)
def test_a_damaged_backup_is_refused_and_the_database_is_untouched(tree, tmp_path, content):
    make_person(tree.niupingao, name="原样")
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("restore", str(damaged), "--yes")
    with pytest.raises(CommandError):
        call_command("restore", str(damaged), "--verify-only")
    assert list(Person.objects.values_list("name", flat=True)) == ["原样"]


def test_verify_only_checks_a_sound_backup_without_restoring(tree, tmp_path, capsys):
    call_command("backup", "-o", str(tmp_path / "q.backup"))
    make_person(tree.niupingao, name="之后")
    call_command("restore", str(tmp_path / "q.backup"), "--verify-only")
    assert Person.objects.filter(name="之后").exists()
