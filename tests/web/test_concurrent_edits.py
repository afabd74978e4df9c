"""Two people edit the same record: the second save is refused instead of overwriting the first."""

from django.urls import reverse

from qunyan.people.models import Person

from .conftest import login


def edit_form(client, person: Person) -> dict:
    form = client.get(reverse("people:person-edit", args=[person.pk])).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["unit"] = person.unit_id
    return data


def test_the_later_of_two_edits_from_the_same_version_is_refused(alice, bob, residents):
    person = residents.niupingao
    first, second = login(alice), login(bob)
    alice_form, bob_form = edit_form(first, person), edit_form(second, person)
    saved = first.post(
        reverse("people:person-edit", args=[person.pk]), {**alice_form, "skills": "养殖"}
    )
    assert saved.status_code == 302
    refused = second.post(
        reverse("people:person-edit", args=[person.pk]), {**bob_form, "skills": "电商"}
    )
    assert refused.status_code == 200
    assert "在您打开此记录之后" in refused.content.decode()
    person.refresh_from_db()
    assert person.skills == "养殖"
    # Opened again, the form carries the new version and the edit goes through.
    again = second.post(
        reverse("people:person-edit", args=[person.pk]),
        {**edit_form(second, person), "skills": "电商"},
    )
    assert again.status_code == 302
    person.refresh_from_db()
    assert person.skills == "电商"
