"""Training rules as plain functions: each returns the error messages that stop an action."""

import datetime

from django.utils.translation import gettext as _

from qunyan.core.dates import day
from qunyan.core.rules import rule_int
from qunyan.people.choices import Education
from qunyan.people.models import Person
from qunyan.reports.periods import age_on

from .choices import CollegeTrack, NominationStatus
from .models import Session

# 高中 level: senior high school or its vocational equivalent (中专).
HIGH_SCHOOL_LEVEL = (Education.SENIOR, Education.VOCATIONAL)

# Where a nomination may go next; graduated and withdrawn are final.
NEXT_STATUSES = {
    NominationStatus.NOMINATED: (NominationStatus.STUDYING, NominationStatus.WITHDRAWN),
    NominationStatus.STUDYING: (NominationStatus.GRADUATED, NominationStatus.WITHDRAWN),
    NominationStatus.GRADUATED: (),
    NominationStatus.WITHDRAWN: (),
}


def college_eligibility(person: Person, track: str, on: datetime.date) -> list[str]:
    """Why a person may not enter a 农民大学生 track on a day (empty: eligible).

    Diploma track: high-school level (高中 or 中专) and at most FARMER_COLLEGE_DIPLOMA_MAX_AGE;
    degree track: a diploma (大专) and at most FARMER_COLLEGE_DEGREE_MAX_AGE; full years.
    """
    problems = []
    levels: tuple[str, ...]
    age = age_on(person.birth_date, on)
    if track == CollegeTrack.DIPLOMA:
        max_age, levels = rule_int("FARMER_COLLEGE_DIPLOMA_MAX_AGE"), HIGH_SCHOOL_LEVEL
        level_problem = _("The diploma track needs high-school level education (高中 or 中专).")
    else:
        max_age, levels = rule_int("FARMER_COLLEGE_DEGREE_MAX_AGE"), (Education.COLLEGE,)
        level_problem = _("The degree track needs a junior college diploma (大专).")
    if person.education not in levels:
        problems.append(level_problem)
    if age > max_age:
        problems.append(
            _("%(name)s is %(age)d on %(date)s; this track takes people up to %(max)d.")
            % {"name": person.name, "age": age, "date": day(on), "max": max_age}
        )
    return problems


def nomination_move_problems(
    *, status: str, to: str, on: datetime.date, since: datetime.date
) -> list[str]:
    """A status change must follow nominated → studying → graduated (or withdrawn)."""
    if to not in NEXT_STATUSES.get(NominationStatus(status), ()):
        return [_("A nomination cannot go from this status to that one.")]
    if on < since:
        return [_("The date is before the nomination's previous date.")]
    return []


def checkin_window(session: Session) -> tuple[datetime.datetime, datetime.datetime]:
    """When a session's QR codes are valid: its own time, opened earlier only by the setting."""
    opens = session.starts_at - datetime.timedelta(
        minutes=rule_int("TRAINING_CHECKIN_OPENS_MINUTES")
    )
    return opens, session.ends_at


def checkin_problem(session: Session, now: datetime.datetime) -> str:
    """Why a QR check-in is refused at this moment ("" when the session is open)."""
    opens, closes = checkin_window(session)
    if now < opens:
        return _("Check-in has not opened yet: this session starts at %(time)s.") % {
            "time": _local(session.starts_at)
        }
    if now > closes:
        return _("This session ended at %(time)s; its QR codes are no longer valid.") % {
            "time": _local(closes)
        }
    return ""


def _local(moment: datetime.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
