"""The rules of outreach as plain functions: which campaign a contact belongs to, what is overdue,
who is expected home at a holiday, and which dates of a talent or a contact cannot be.

No ORM here, so the rules are tested on their own.
"""

import datetime
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .choices import HomeTime, Occasion

Errors = dict[str, list[str]]


@dataclass(frozen=True)
class CampaignDays:
    pk: int
    starts_on: datetime.date
    ends_on: datetime.date

    def holds(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


def campaign_for(
    day: datetime.date, campaigns: Sequence[CampaignDays], *, listing: Collection[int] = ()
) -> int | None:
    """The campaign a contact on `day` belongs to: one whose days hold it, or None.

    When campaigns overlap, one that lists the person (`listing`) wins, then the one that
    started last (the narrower one, usually), then the newer record.
    """
    holding = [c for c in campaigns if c.holds(day)]
    if not holding:
        return None
    best = max(holding, key=lambda c: (c.pk in listing, c.starts_on, c.pk))
    return best.pk


# The holidays at which someone who usually comes home at `HomeTime` is expected.
_EXPECTED_AT: dict[str, tuple[str, ...]] = {
    Occasion.SPRING_FESTIVAL: (HomeTime.SPRING_FESTIVAL, HomeTime.BOTH, ""),
    Occasion.NATIONAL_DAY: (HomeTime.NATIONAL_DAY, HomeTime.BOTH, ""),
    Occasion.OTHER: (HomeTime.OTHER, ""),
}


def home_times_expected_at(occasion: str) -> tuple[str, ...]:
    """Usual home times of the people to expect at a holiday; blank (not known) included."""
    return _EXPECTED_AT.get(occasion, ("",))


def is_overdue(
    follow_up_on: datetime.date | None, done_on: datetime.date | None, today: datetime.date
) -> bool:
    """A follow-up is overdue once its day has passed without being done."""
    return follow_up_on is not None and done_on is None and follow_up_on < today


def talent_errors(
    *,
    returned_on: datetime.date | None,
    business_started_on: datetime.date | None,
    business_project: str = "",
    jobs_created: int | None = None,
    investment: Decimal | None = None,
) -> Errors:
    """What is wrong with a talent's return and business, by field; empty when nothing is."""
    errors: Errors = {}
    if returned_on and business_started_on and business_started_on < returned_on:
        errors["business_started_on"] = [_("The business start date is before the return date.")]
    if business_started_on is None and (
        business_project.strip() or jobs_created or investment is not None
    ):
        errors["business_started_on"] = [
            _("Give the business start date for a project, jobs or an investment.")
        ]
    if investment is not None and investment < 0:
        errors["investment"] = [_("An investment is not negative.")]
    return errors


def outreach_errors(
    *, date: datetime.date, follow_up_on: datetime.date | None, today: datetime.date
) -> Errors:
    """What is wrong with a contact's dates, by field; empty when nothing is."""
    errors: Errors = {}
    if date > today:
        errors["date"] = [_("A contact is recorded once it has taken place.")]
    if follow_up_on is not None and follow_up_on < date:
        errors["follow_up_on"] = [_("The follow-up is due on or after the day of the contact.")]
    return errors


def campaign_errors(*, starts_on: datetime.date, ends_on: datetime.date) -> Errors:
    if ends_on < starts_on:
        return {"ends_on": [_("The last day is before the first day.")]}
    return {}
