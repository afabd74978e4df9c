"""Mentoring's part of a person's page: the register entry, pairs as mentor and as mentee."""

import datetime
from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunyan.people.models import Person
from qunyan.people.sections import Cells, PersonSection, register_section, span
from qunyan.people.selectors import Identity, register_identity

from .choices import area_labels
from .models import Mentor, Mentorship


def _pairs(person: Person) -> Sequence[Cells]:
    rows: list[Cells] = []
    mentor = Mentor.objects.filter(person=person).first()
    if mentor is not None:
        rows.append(
            (
                _("in the mentor register: %(kind)s") % {"kind": mentor.get_kind_display()},
                "、".join(area_labels(mentor.strengths)),
                _("takes up to %(n)d") % {"n": mentor.capacity},
            )
        )
    pairs = (
        Mentorship.objects.filter(Q(mentor=person) | Q(mentee=person))
        .select_related("mentor", "mentee")
        .order_by("-started_on")
    )
    rows.extend(
        (
            _("mentor of %(name)s") % {"name": pair.mentee.name}
            if pair.mentor_id == person.pk
            else _("mentored by %(name)s") % {"name": pair.mentor.name},
            pair.get_principle_display(),
            span(pair.started_on, pair.ended_on, _("ongoing")),
        )
        for pair in pairs
    )
    return rows


def _registered_mentor(on: datetime.date) -> Q:
    return Q(Exists(Mentor.objects.filter(person=OuterRef("pk"))))


register_identity("mentor", Identity(gettext_lazy("Mentor"), _registered_mentor))
register_section(PersonSection("mentoring", gettext_lazy("Mentoring"), 60, _pairs))
