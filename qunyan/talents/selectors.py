"""Reads of outside talents and outreach contacts."""

import datetime

from django.db.models import QuerySet

from qunyan.core.models import OrgUnit

from .models import Outreach, OutsideTalent


def business_starts_in_period(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> QuerySet[OutsideTalent]:
    """Talents of the town who came home and started a business within the closed period."""
    return OutsideTalent.objects.filter(
        town=town, business_started_on__gte=period_from, business_started_on__lte=period_to
    )


def outreach_in_period(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date
) -> QuerySet[Outreach]:
    """Contacts with people of the town dated within the closed period."""
    return Outreach.objects.filter(person__town=town, date__gte=period_from, date__lte=period_to)
