"""Mentoring's part of a person's page: pairs as mentor and as mentee."""

from collections.abc import Sequence

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunyan.people.models import Person
from qunyan.people.sections import Cells, PersonSection, register_section, span

from .models import Mentorship


def _pairs(person: Person) -> Sequence[Cells]:
    pairs = (
        Mentorship.objects.filter(Q(mentor=person) | Q(mentee=person))
        .select_related("mentor", "mentee")
        .order_by("-started_on")
    )
    return [
        (
            _("mentor of %(name)s") % {"name": pair.mentee.name}
            if pair.mentor_id == person.pk
            else _("mentored by %(name)s") % {"name": pair.mentor.name},
            pair.get_principle_display(),
            span(pair.started_on, pair.ended_on, _("ongoing")),
        )
        for pair in pairs
    ]


register_section(PersonSection("mentoring", gettext_lazy("Mentoring"), 60, _pairs))
