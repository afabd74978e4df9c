"""Training's part of a person's page: hours per year, every class attended, the export."""

from collections.abc import Sequence

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunyan.core.dates import day
from qunyan.people.models import Person
from qunyan.people.sections import Cells, PersonSection, register_section

from .hours import hours_per_year
from .record import record_lines


def _training(person: Person) -> Sequence[Cells]:
    lines = record_lines(person)
    if not lines:
        return []
    years = " · ".join(
        _("%(year)d: %(hours)s h") % {"year": year, "hours": hours}
        for year, hours in hours_per_year(person).items()
    )
    export = format_html(
        '<a href="{}" class="training-record-export">{}</a>',
        reverse("training:person-record", args=[person.pk]),
        _("Training record (xlsx)"),
    )
    rows: list[Cells] = [(_("Class hours per year"), years or "—", export)]
    for line in lines:
        training_class = line.training_class
        rows.append(
            (
                day(training_class.starts_on),
                training_class.get_programme_display(),
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("training:class-detail", args=[training_class.pk]),
                    training_class.name,
                ),
                _("%(hours)s class hours") % {"hours": line.hours}
                if line.hours is not None
                else "",
                _("completed") if line.completed else "",
            )
        )
    return rows


register_section(PersonSection("training", gettext_lazy("Training"), 50, _training))
