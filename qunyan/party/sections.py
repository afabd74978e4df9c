"""Party development's part of a person's page."""

import datetime
from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy

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
    return [
        (Stage(index + 1).label, day(getattr(record, name)))
        for index, name in enumerate(STAGE_FIELDS)
        if getattr(record, name)
    ]


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
