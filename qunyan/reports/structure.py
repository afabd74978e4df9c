"""Age and education of serving cadres and of the reserve pool over time (the dashboard's
structure charts): one query each for terms and stays, counted per day here."""

import datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from qunyan.core.models import OrgUnit
from qunyan.people.choices import Education
from qunyan.people.models import CadreTerm
from qunyan.people.selectors import AGE_BANDS
from qunyan.reserves.models import Reserve

from .periods import age_on

# Education in four groups for the structure charts; "" is a person whose education is unknown.
EDUCATION_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("junior_or_below", (Education.PRIMARY, Education.JUNIOR)),
    ("senior", (Education.SENIOR, Education.VOCATIONAL)),
    ("college", (Education.COLLEGE,)),
    ("bachelor_or_above", (Education.BACHELOR, Education.MASTER, Education.DOCTOR)),
    ("unknown", ("",)),
)
MAX_STRUCTURE_POINTS = 6


def education_labels() -> dict[str, str]:
    return {
        "junior_or_below": _("Junior middle school or below"),
        "senior": _("Senior high or vocational school"),
        "college": _("Junior college"),
        "bachelor_or_above": _("Bachelor or above"),
        "unknown": _("Not recorded"),
    }


def structure_days(period_from: datetime.date, as_of: datetime.date) -> list[datetime.date]:
    """Year ends within the period, the last one replaced by the as-of day (at most six)."""
    days = [datetime.date(year, 12, 31) for year in range(period_from.year, as_of.year)]
    days.append(as_of)
    return days[-MAX_STRUCTURE_POINTS:]


def _band_of(age: int) -> str:
    for band, (_label, low, high) in AGE_BANDS.items():
        if age >= low and (high is None or age <= high):
            return band
    return ""


_GROUP_OF = {code: group for group, codes in EDUCATION_GROUPS for code in codes}


def _group_of(education: str) -> str:
    return _GROUP_OF.get(education, "unknown")


def _series(
    rows: list[tuple[int, datetime.date, str, datetime.date | None, datetime.date | None]],
    days: list[datetime.date],
    *,
    left_on_is_last_day: bool,
) -> list[dict[str, Any]]:
    """Distinct people per day by age band and education group.

    The rows are (person, birth date, education, start, end) of terms or pool stays: a few
    hundred for a town, fetched in one query and counted here, which is much cheaper than an
    aggregate with a filtered count per day, band and group.
    """
    points = []
    for day in days:
        people: dict[int, tuple[datetime.date, str]] = {}
        for person, birth, education, start, end in rows:
            if start is None or start > day:
                continue
            if end is not None and (end < day if left_on_is_last_day else end <= day):
                continue
            people[person] = (birth, education)
        age = dict.fromkeys(AGE_BANDS, 0)
        groups = dict.fromkeys((group for group, _codes in EDUCATION_GROUPS), 0)
        for birth, education in people.values():
            band = _band_of(age_on(birth, day))
            if band:
                age[band] += 1
            groups[_group_of(education)] += 1
        points.append(
            {"on": day.isoformat(), "total": len(people), "age": age, "education": groups}
        )
    return points


def structure(*, town: OrgUnit, days: list[datetime.date]) -> dict[str, Any]:
    """Age and education of serving cadres and of the reserve pool on each day (two queries)."""
    first, last = min(days), max(days)
    fields = ("person", "person__birth_date", "person__education")
    terms = (
        CadreTerm.objects.filter(village__parent=town, started_on__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .values_list(*fields, "started_on", "ended_on")
    )
    stays = (
        Reserve.objects.filter(town=town, entered_on__lte=last)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=first))
        .values_list(*fields, "entered_on", "left_on")
    )
    return {
        "days": [day.isoformat() for day in days],
        "age_labels": {band: str(label) for band, (label, _low, _high) in AGE_BANDS.items()},
        "education_labels": education_labels(),
        # A term's end date is its last day; a stay's exit date is the first day out of the pool.
        "cadres": _series(list(terms), days, left_on_is_last_day=True),
        "reserves": _series(list(stays), days, left_on_is_last_day=False),
    }
