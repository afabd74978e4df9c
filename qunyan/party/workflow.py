"""Party member development (发展党员): its five stages and the date rules between them.

Plain Python, no ORM: the importer, the services and (later) forms all ask these functions,
and tests check them without a database. The rules are the hard ones of the
《中国共产党发展党员工作细则》 (2014) that a record of stage dates can show (../docs/domain.md).
The 25 steps will hang off the same stages when they are modelled.
"""

import datetime
import enum
import itertools
from dataclasses import dataclass, fields

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MINIMUM_AGE = 18
ACTIVIST_YEARS = 1  # as activist before becoming a development candidate
PROBATION_YEARS = 1  # as probationary member before conversion


class Stage(enum.IntEnum):
    """The five stages, in order; a record is in the last stage it has a date for."""

    APPLICANT = 1
    ACTIVIST = 2
    DEVELOPMENT_CANDIDATE = 3
    PROBATIONARY_MEMBER = 4
    FULL_MEMBER = 5

    @property
    def label(self) -> str:
        return str(STAGE_LABELS[self])


STAGE_LABELS = {
    Stage.APPLICANT: gettext_lazy("Applicant"),
    Stage.ACTIVIST: gettext_lazy("Activist"),
    Stage.DEVELOPMENT_CANDIDATE: gettext_lazy("Development candidate"),
    Stage.PROBATIONARY_MEMBER: gettext_lazy("Probationary member"),
    Stage.FULL_MEMBER: gettext_lazy("Full member"),
}


@dataclass(frozen=True)
class StageDates:
    """The day each stage began; None for stages not reached yet. Field order is stage order."""

    applied_on: datetime.date | None = None
    activist_on: datetime.date | None = None
    candidate_on: datetime.date | None = None
    admitted_on: datetime.date | None = None
    converted_on: datetime.date | None = None


# The exchange workbook's column for each stage date (contract text, not translated).
STAGE_HEADERS = {
    "applied_on": "递交入党申请书日期",
    "activist_on": "确定入党积极分子日期",
    "candidate_on": "确定发展对象日期",
    "admitted_on": "接收预备党员日期",
    "converted_on": "预备党员转正日期",
}
STAGE_FIELDS = tuple(field.name for field in fields(StageDates))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later; from 29 February, the last day of February.

    A period counted in years ends on the corresponding day, or on the month's last day when
    there is none (民法典 art. 202), so a year from 29 February 2020 is done on 28 February 2021.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_on(birth: datetime.date, day: datetime.date) -> int:
    """Full years of age (周岁) on a day, as the statistics count them."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def stage_of(dates: StageDates) -> Stage | None:
    """The stage a record has reached: the last one with a date."""
    reached = [Stage(i + 1) for i, name in enumerate(STAGE_FIELDS) if getattr(dates, name)]
    return reached[-1] if reached else None


# Minimum full years between two consecutive stages (hard rules of the 细则).
_MINIMUM_YEARS = {
    ("activist_on", "candidate_on"): (
        ACTIVIST_YEARS,
        gettext_lazy("A development candidate must have been an activist for a full year."),
    ),
    ("admitted_on", "converted_on"): (
        PROBATION_YEARS,
        gettext_lazy("Conversion needs a full year of probation after admission."),
    ),
}


def development_violations(
    dates: StageDates, *, birth_date: datetime.date | None
) -> list[tuple[str, str]]:
    """The rules a record breaks, as (workbook column, message); empty when it keeps them all."""
    violations: list[tuple[str, str]] = []
    given = [(name, getattr(dates, name)) for name in STAGE_FIELDS]
    last = max((i for i, (_name, day) in enumerate(given) if day), default=-1)
    violations += [
        (STAGE_HEADERS[name], _("This date is missing, but a later stage has a date."))
        for name, day in given[:last]
        if day is None
    ]
    if dates.applied_on and birth_date and age_on(birth_date, dates.applied_on) < MINIMUM_AGE:
        message = _("The applicant is under %(age)d on the application date.")
        violations.append((STAGE_HEADERS["applied_on"], message % {"age": MINIMUM_AGE}))
    reached = [(name, day) for name, day in given if day]
    for (earlier, earlier_day), (later, later_day) in itertools.pairwise(reached):
        if later_day < earlier_day:
            message = _("This date is before the %(column)s.")
            violations.append((STAGE_HEADERS[later], message % {"column": STAGE_HEADERS[earlier]}))
            continue
        years, minimum_message = _MINIMUM_YEARS.get((earlier, later), (0, ""))
        if later_day < add_years(earlier_day, years):
            violations.append((STAGE_HEADERS[later], str(minimum_message)))
    return violations
