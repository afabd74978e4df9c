"""Training's part of a person's page: the classes attended."""

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunyan.core.dates import day
from qunyan.people.models import Person
from qunyan.people.sections import Cells, PersonSection, register_section

from .models import Attendance


def _classes(person: Person) -> Sequence[Cells]:
    attendances = (
        Attendance.objects.filter(person=person)
        .select_related("training_class")
        .order_by("-training_class__starts_on")
    )
    return [
        (
            day(a.training_class.starts_on),
            a.training_class.get_programme_display(),
            a.training_class.name,
            _("completed") if a.completed else "",
        )
        for a in attendances
    ]


register_section(PersonSection("training", gettext_lazy("Training"), 50, _classes))
