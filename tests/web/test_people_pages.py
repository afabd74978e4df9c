"""The registry's search, filters and forms through the web."""

import datetime

from django.urls import reverse

from qunyan.core.models import AuditEntry
from qunyan.people.idnumbers import make_id_number
from qunyan.people.models import Person

from .conftest import login


def test_search_finds_by_pinyin_initials(alice, residents):
    """Typing zs finds 张三 and not 李四."""
    html = login(alice).get(reverse("people:person-list"), {"q": "zs"}).content.decode()
    assert "张三" in html
    assert "李四" not in html


def test_search_finds_by_full_id_number(alice, residents):
    """A whole ID number finds exactly its person (through the blind index)."""
    person = residents.shimen
    html = login(alice).get(reverse("people:person-list"), {"q": person.id_number}).content.decode()
    assert "李四" in html
    assert "张三" not in html


def test_search_by_another_towns_id_number_finds_nothing(alice, residents):
    """The scope applies to ID lookups too."""
    html = (
        login(alice)
        .get(reverse("people:person-list"), {"q": residents.dongcun.id_number})
        .content.decode()
    )
    assert "王五" not in html


def test_filter_by_village(alice, residents, tree):
    """Choosing a village narrows the list to its people."""
    html = (
        login(alice).get(reverse("people:person-list"), {"unit": tree.shimen.pk}).content.decode()
    )
    assert "李四" in html
    assert "张三" not in html


def test_the_form_refuses_a_bad_id_number_and_writes_nothing(alice, tree):
    """The form applies the importer's ID check and shows the reason beside the field."""
    before = Person.objects.count()
    response = login(alice).post(
        reverse("people:person-create"),
        {
            "name": "赵六",
            "id_number": "431181199005170011",
            "unit": tree.niupingao.pk,
        },
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert Person.objects.count() == before


def test_the_form_creates_a_person_with_derived_fields_and_an_audit_entry(alice, tree):
    """Gender and birth date come from the ID number; the creation is audited."""
    id_number = make_id_number("431181", datetime.date(1995, 2, 3), 7, "F")
    response = login(alice).post(
        reverse("people:person-create"),
        {
            "name": "赵六",
            "id_number": id_number,
            "unit": tree.niupingao.pk,
            "phone": "13900001111",
        },
    )
    person = Person.objects.get(name="赵六")
    assert response.status_code == 302
    assert (person.gender, person.birth_date) == ("F", datetime.date(1995, 2, 3))
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.CREATE, target_id=str(person.pk), target_type="people.Person"
    )
    assert entry.actor_name == "alice"
    assert "13900001111" not in str(entry.changes)


def test_a_secretary_cannot_move_a_person_to_another_village(bob, residents, tree):
    """The unit list offers only units in scope; posting another one is refused."""
    person = residents.niupingao
    response = login(bob).post(
        reverse("people:person-edit", args=[person.pk]),
        {
            "name": person.name,
            "unit": tree.shimen.pk,
        },
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.unit == tree.niupingao


def test_editing_keeps_the_numbers_when_left_blank(alice, residents):
    """The edit form never shows the full numbers; blank means unchanged."""
    person = residents.niupingao
    client = login(alice)
    assert (
        person.id_number
        not in client.get(reverse("people:person-edit", args=[person.pk])).content.decode()
    )
    response = client.post(
        reverse("people:person-edit", args=[person.pk]),
        {
            "name": "张三丰",
            "unit": person.unit.pk,
            "education": "bachelor",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.education, person.phone) == ("张三丰", "bachelor", "13812345678")
    entry = AuditEntry.objects.filter(
        action=AuditEntry.Action.UPDATE, target_id=str(person.pk)
    ).latest("id")
    assert entry.changes["name"] == ["张三", "张三丰"]
