"""Commendations on a person's page."""

from collections.abc import Sequence

from django.utils.translation import gettext_lazy

from qunyan.people.models import Person
from qunyan.people.sections import Cells, PersonSection, register_section

from .models import Commendation


def _commendations(person: Person) -> Sequence[Cells]:
    return [
        (c.year, c.title, c.authority)
        for c in Commendation.objects.filter(person=person).order_by("-year")
    ]


register_section(PersonSection("commendations", gettext_lazy("Commendations"), 70, _commendations))
