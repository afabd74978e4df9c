"""Reads of mentoring pairs."""

import datetime

from django.db.models import Q, QuerySet

from qunyan.core.models import OrgUnit

from .models import Mentorship


def mentorships_active_in_period(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> QuerySet[Mentorship]:
    """Pairs active at any time in the closed period: paired by its end, not ended before it.

    A pair counts for its mentee's town: mentors may come from the town or from above it.
    """
    return Mentorship.objects.filter(mentee__town=town, started_on__lte=period_to).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=period_from)
    )
