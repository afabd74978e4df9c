"""Party development's part of a person's page."""

import datetime
from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext, gettext_lazy

from qunyan.core.dates import day
from qunyan.people.models import Person
from qunyan.people.sections import Cells, PersonSection, register_section
from qunyan.people.selectors import Identity, register_identity

from .models import DevelopmentRecord
from .workflow import STAGE_FIELDS, Stage


def _stages(person: Person) -> Sequence[Cells]:
    record = DevelopmentRecord.objects.filter(person=person).first()
    if record is None:
        return []
    rows: list[Cells] = [
        (Stage(index + 1).label, day(getattr(record, name)))
        for index, name in enumerate(STAGE_FIELDS)
        if getattr(record, name)
    ]
    if record.extension_months:
        rows.append((gettext("Probation extended (months)"), str(record.extension_months)))
    if record.cancelled_on:
        rows.append((gettext("Probationary membership cancelled"), day(record.cancelled_on)))
    # The 25 steps, documents and votes are on the record's own page.
    steps = record.steps.count() or sum(1 for name in STAGE_FIELDS if getattr(record, name))
    rows.append((gettext("Steps recorded"), f"{steps} / 25"))
    return rows


def _in_development(on: datetime.date) -> Q:
    """Applied on or before the day and not yet admitted as a probationary member by then."""
    records = DevelopmentRecord.objects.filter(person=OuterRef("pk"), applied_on__lte=on).filter(
        Q(admitted_on__isnull=True) | Q(admitted_on__gt=on)
    )
    return Q(Exists(records))


register_identity(
    "in_development", Identity(gettext_lazy("Applying to join the party"), _in_development)
)
register_section(PersonSection("party", gettext_lazy("Party member development"), 30, _stages))
