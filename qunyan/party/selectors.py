"""Reads of party member development records."""

import datetime

from django.db.models import QuerySet

from qunyan.core.models import OrgUnit

from .models import DevelopmentRecord


def admissions_in_period(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> QuerySet[DevelopmentRecord]:
    """Records of the town whose admission as probationary member falls in the closed period."""
    return DevelopmentRecord.objects.filter(
        town=town, admitted_on__gte=period_from, admitted_on__lte=period_to
    )
