"""Reads of the reserve pool."""

import datetime

from django.db.models import OuterRef, Q, QuerySet

from .models import Reserve


def reserves_in_pool(*, on: datetime.date | OuterRef) -> QuerySet[Reserve]:
    """Stays that are open on a day: entered on or before it, not yet left.

    `on` may be an OuterRef to a date of the enclosing query, for "in the pool on that day".
    """
    return Reserve.objects.filter(entered_on__lte=on).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=on)
    )
