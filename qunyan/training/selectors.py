"""Reads of training classes."""

import datetime

from django.db.models import QuerySet

from qunyan.core.models import OrgUnit

from .models import TrainingClass


def classes_started_in_period(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> QuerySet[TrainingClass]:
    """The town's classes that start within the closed period."""
    return TrainingClass.objects.filter(
        town=town, starts_on__gte=period_from, starts_on__lte=period_to
    )
