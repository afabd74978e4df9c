"""Services and mediation in a person's page: what they served and mediated."""

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunyan.core.dates import day
from qunyan.people.models import Person
from qunyan.people.sections import Cells, PersonSection, register_section

from .models import MediationCase, ServiceRecord


def _casework(person: Person) -> Sequence[Cells]:
    rows: list[Cells] = [
        (day(record.date), record.village.name, record.category.name, record.summary)
        for record in ServiceRecord.objects.filter(servers=person)
        .select_related("village", "category")
        .order_by("-date")[:20]
    ]
    rows.extend(
        (
            day(case.received_on),
            case.village.name,
            _("Mediation: %(matter)s") % {"matter": case.title},
            case.get_result_display() or _("open"),
        )
        for case in MediationCase.objects.filter(mediators=person)
        .select_related("village")
        .order_by("-received_on")[:20]
    )
    return rows


register_section(PersonSection("casework", gettext_lazy("Services and mediation"), 75, _casework))
