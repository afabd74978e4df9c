"""The reserve pool's part of a person's page."""

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunyan.people.models import Person
from qunyan.people.sections import Cells, PersonSection, register_section, span


def _stays(person: Person) -> Sequence[Cells]:
    return [
        (
            stay.get_source_category_display(),
            span(stay.entered_on, stay.left_on, _("in the pool")),
            stay.leave_reason,
        )
        for stay in person.reserve_stays.order_by("-entered_on")
    ]


register_section(PersonSection("reserve", gettext_lazy("Reserve pool"), 20, _stays))
