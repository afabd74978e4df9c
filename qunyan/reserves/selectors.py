"""Reads of the reserve pool."""

import datetime

from django.db.models import Q, QuerySet

from .models import Reserve


def reserves_in_pool(*, on: datetime.date) -> QuerySet[Reserve]:
    """Stays that are open on a day: entered on or before it, not yet left."""
    return Reserve.objects.filter(entered_on__lte=on).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=on)
    )
