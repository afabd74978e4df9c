"""A person's training record: every class attended with its hours, and hours per year."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from qunyan.core.audit import Action, audit_record
from qunyan.core.models import Account
from qunyan.core.xlsx import safe_row
from qunyan.people.models import Person

from .hours import hours_per_year
from .models import Attendance, SessionAttendance, TrainingClass


@dataclass(frozen=True)
class RecordLine:
    training_class: TrainingClass
    hours: Decimal | None
    completed: bool


def record_lines(person: Person) -> list[RecordLine]:
    """The classes the person attended, newest first, with the hours they were present for."""
    attended = dict(
        SessionAttendance.objects.filter(person=person, present=True)
        .values("session__training_class")
        .annotate(total=Sum("session__hours"))
        .values_list("session__training_class", "total")
    )
    rows = (
        Attendance.objects.filter(person=person)
        .select_related("training_class")
        .order_by("-training_class__starts_on", "-id")
    )
    lines = []
    for row in rows:
        training_class = row.training_class
        hours = attended.get(training_class.pk)
        if hours is None and not training_class.sessions.exists():
            hours = training_class.hours
        lines.append(RecordLine(training_class, hours, row.completed))
    return lines


def record_workbook_response(person: Person, *, by: Account) -> HttpResponse:
    """The record as .xlsx: one sheet of classes, one of hours per year (no ID numbers)."""
    book = Workbook(write_only=True)
    classes = book.create_sheet(_("Training record"))
    classes.append(safe_row(classes, [person.name, person.unit.name]))
    classes.append(
        [
            _("Class number"),
            _("Name"),
            _("Programme"),
            _("Training category"),
            _("Start date"),
            _("End date"),
            _("Class hours attended"),
            _("Completed"),
        ]
    )
    for line in record_lines(person):
        training_class = line.training_class
        classes.append(
            safe_row(
                classes,
                [
                    training_class.code,
                    training_class.name,
                    training_class.get_programme_display(),
                    training_class.category,
                    training_class.starts_on,
                    training_class.ends_on,
                    line.hours,
                    _("yes") if line.completed else _("no"),
                ],
            )
        )
    years = book.create_sheet(_("Hours per year"))
    years.append([_("Year"), _("Class hours")])
    for year, hours in hours_per_year(person).items():
        years.append([year, hours])
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="training-record-{person.pk}.xlsx"'
    book.save(response)
    audit_record(action=Action.EXPORT, actor=by, target=person, note=_("Training record"))
    return response
