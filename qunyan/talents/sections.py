"""Outside talents' part of a person's page: where they work and how they were reached."""

import datetime
from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunyan.core.dates import day
from qunyan.people.models import Person
from qunyan.people.sections import Cells, PersonSection, register_section
from qunyan.people.selectors import Identity, register_identity

from .models import Outreach, OutsideTalent


def _talent(person: Person) -> Sequence[Cells]:
    rows: list[Cells] = []
    talent = OutsideTalent.objects.filter(person=person).first()
    if talent is not None:
        rows.append(
            (
                talent.place,
                talent.trade,
                talent.employer,
                _("returned %(date)s") % {"date": day(talent.returned_on)}
                if talent.returned_on
                else talent.get_home_time_display(),
                talent.business_project,
            )
        )
    rows.extend(
        (
            day(contact.date),
            contact.get_way_display(),
            contact.get_occasion_display(),
            contact.get_intent_display(),
            contact.notes,
        )
        for contact in Outreach.objects.filter(person=person).order_by("-date")
    )
    return rows


def _outside_talent(on: datetime.date) -> Q:
    return Q(Exists(OutsideTalent.objects.filter(person=OuterRef("pk"))))


register_identity("outside_talent", Identity(gettext_lazy("Outside talent"), _outside_talent))
register_section(
    PersonSection("talent", gettext_lazy("Working elsewhere and outreach"), 40, _talent)
)
