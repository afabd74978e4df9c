"""Party member development (发展党员): its five stages and the date rules between them.

Plain Python, no ORM: the importer, the services and (later) forms all ask these functions,
and tests check them without a database. The rules are the hard ones of the
《中国共产党发展党员工作细则》 (2014) (../docs/domain.md): those a record of stage dates can show
(`development_violations`, what the 发展党员 sheet is checked against) and those of each of the
25 steps (`step_violations`, what the forms are checked against). The service that writes a
record or a step calls them; nothing else decides whether a record keeps the rules.
"""

import calendar
import datetime
import enum
import itertools
from dataclasses import dataclass, field, fields

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunyan.core.dates import day as day_text
from qunyan.core.rules import rule_int

from .workdays import working_days

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
    wait = rule_int("PARTY_ACTIVIST_MIN_MONTHS")  # a setting: local rules use 3 or 6
    if wait and dates.applied_on and dates.activist_on:
        earliest = add_months(dates.applied_on, wait)
        if dates.applied_on <= dates.activist_on < earliest:
            message = _(
                "Rule: an activist is fixed at least %(months)d months after applying (%(day)s)."
            )
            violations.append(
                (
                    STAGE_HEADERS["activist_on"],
                    message % {"months": wait, "day": day_text(earliest)},
                )
            )
    return violations


# --- The 25 steps -------------------------------------------------------------------------

TALK_WITHIN_MONTHS = 1  # the talk (step 2) after the application
ASSESSMENT_MONTHS = 6  # activists are assessed every half year
TRAINING_MIN_DAYS = 3  # centralised training: at least 3 days …
TRAINING_MIN_HOURS = 24  # … or 24 class hours
APPROVAL_MONTHS = 3  # superior approval after a branch meeting
APPROVAL_MAX_MONTHS = 6  # … in special cases
EXTENSION_MIN_MONTHS, EXTENSION_MAX_MONTHS = 6, 12
CONTACTS_MIN, CONTACTS_MAX = 1, 2
SPONSORS = 2


class Outcome(TextChoices):
    """What the conversion meeting decides about a probationary member."""

    CONVERT = "convert", gettext_lazy("Convert to full member")
    EXTEND = "extend", gettext_lazy("Extend the probation")
    CANCEL = "cancel", gettext_lazy("Cancel the probationary membership")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Votes:
    """A branch meeting's count: members with voting rights due to attend, and their votes."""

    due: int
    present: int
    yes: int
    no: int = 0
    abstain: int = 0
    written_yes: int = 0  # written opinions of absent members, for
    written_no: int = 0  # … and against


@dataclass(frozen=True)
class Participant:
    """Someone named in a step (talker, contact, sponsor, reviewer): is a full member or not."""

    name: str
    full_member: bool


@dataclass(frozen=True)
class StepEntry:
    """What an officer records for one step."""

    number: int
    on: datetime.date
    people: tuple[Participant, ...] = ()
    review_passed: bool | None = None
    training_days: float | None = None
    training_hours: float | None = None
    publicity_from: datetime.date | None = None
    publicity_to: datetime.date | None = None
    votes: Votes | None = None
    outcome: str = ""
    extension_months: int | None = None
    special_case: bool = False
    leaves_unit_on: datetime.date | None = None


@dataclass(frozen=True)
class RecordState:
    """What the rules need to know of a record before the next step."""

    birth_date: datetime.date | None
    done: dict[int, datetime.date] = field(default_factory=dict)
    sponsors: int = 0  # full-member sponsors on file
    review_passed: bool | None = None
    training_days: float = 0
    training_hours: float = 0
    # Latest publicity period by the step that set it (12: admission, 22: conversion).
    publicity: dict[int, tuple[datetime.date, datetime.date]] = field(default_factory=dict)
    extension_months: int | None = None
    last_extension_on: datetime.date | None = None
    cancelled: bool = False


def next_step(state: RecordState) -> int | None:
    """The step to record next; None once the record is closed (archived or cancelled)."""
    if state.cancelled:
        return None
    number = max(state.done, default=0) + 1
    return number if number <= 25 else None


def probation_ends(admitted_on: datetime.date, extension_months: int | None) -> datetime.date:
    """The first day the conversion meeting may be held: a year after admission, plus any extension."""
    return add_months(add_years(admitted_on, PROBATION_YEARS), extension_months or 0)


def publicity_violations(first: datetime.date, last: datetime.date) -> list[str]:
    """The publicity period's faults: too few working days, or ending before it starts."""
    if last < first:
        return [_("The publicity ends before it starts.")]
    minimum = rule_int("PARTY_PUBLICITY_WORKING_DAYS")
    if working_days(first, last) < minimum:
        message = _(
            "Rule: the publicity must last at least %(days)d working days; "
            "%(first)s to %(last)s has %(count)d (public holidays do not count, "
            "make-up working days do)."
        )
        return [
            message
            % {
                "days": minimum,
                "first": day_text(first),
                "last": day_text(last),
                "count": working_days(first, last),
            }
        ]
    return []


def vote_violations(votes: Votes) -> list[str]:
    """A branch meeting's faults: counts that do not add up, no quorum, no majority."""
    if min(vars(votes).values()) < 0:
        return [_("Vote counts cannot be negative.")]
    if votes.present > votes.due:
        return [_("More members are present than are due to attend.")]
    if votes.yes + votes.no + votes.abstain > votes.present:
        return [_("More votes were cast than members are present.")]
    if votes.present + votes.written_yes + votes.written_no > votes.due:
        return [_("Written opinions come from absent members only.")]
    problems = []
    if votes.present * 2 <= votes.due:
        problems.append(
            _(
                "Rule: the branch meeting needs more than half of the %(due)d members with "
                "voting rights present; %(present)d were."
            )
            % {"due": votes.due, "present": votes.present}
        )
    if (votes.yes + votes.written_yes) * 2 <= votes.due:
        problems.append(
            _(
                "Rule: approval needs yes votes (written opinions included) from more than half "
                "of the %(due)d members due to attend; there were %(yes)d."
            )
            % {"due": votes.due, "yes": votes.yes + votes.written_yes}
        )
    return problems


def approval_violation(meeting_on: datetime.date, entry: StepEntry) -> str | None:
    """The superior committee approves within 3 months of the meeting, 6 in special cases."""
    months = APPROVAL_MAX_MONTHS if entry.special_case else APPROVAL_MONTHS
    if entry.on > add_months(meeting_on, months):
        return _(
            "Rule: the superior committee approves within %(months)d months of the branch "
            "meeting of %(meeting)s (6 at most in special cases)."
        ) % {"months": months, "meeting": day_text(meeting_on)}
    return None


def _people_violations(entry: StepEntry, low: int, high: int, role: str) -> list[str]:
    count = len(entry.people)
    if not low <= count <= high:
        if low == high:
            message = _("Rule: this step needs exactly %(low)d %(role)s.")
        else:
            message = _("Rule: this step needs %(low)d to %(high)d %(role)s.")
        return [message % {"low": low, "high": high, "role": role}]
    if len({person.name for person in entry.people}) < count:
        return [_("The same person is named twice.")]
    return [
        _("Rule: %(name)s is not a full party member and cannot be one of the %(role)s.")
        % {"name": person.name, "role": role}
        for person in entry.people
        if not person.full_member
    ]


def _meeting_violations(state: RecordState, entry: StepEntry, publicity_step: int) -> list[str]:
    """Before a branch meeting: publicity over, and a vote with quorum and majority."""
    problems = []
    period = state.publicity.get(publicity_step)
    if period is None:
        problems.append(_("Rule: the meeting must follow a publicity period; none is on file."))
    elif period[1] >= entry.on:
        problems.append(
            _("Rule: the publicity (to %(last)s) must end before the branch meeting.")
            % {"last": day_text(period[1])}
        )
    if entry.votes is None:
        problems.append(_("Give the branch meeting's vote count."))
    else:
        problems += vote_violations(entry.votes)
    return problems


def _admission_violations(state: RecordState, entry: StepEntry) -> list[str]:
    problems = []
    if state.sponsors < SPONSORS:
        problems.append(_("Rule: admission needs two full-member sponsors on file."))
    if not state.review_passed:
        problems.append(_("Rule: admission needs a passed political review."))
    if state.training_days < TRAINING_MIN_DAYS and state.training_hours < TRAINING_MIN_HOURS:
        problems.append(
            _("Rule: admission needs centralised training of at least 3 days or 24 class hours.")
        )
    problems += _meeting_violations(state, entry, 12)
    months = rule_int("PARTY_LEAVING_UNIT_MONTHS")
    if months and entry.leaves_unit_on and entry.leaves_unit_on <= add_months(entry.on, months):
        problems.append(
            _("Rule: someone leaving the unit within %(months)d months is not admitted.")
            % {"months": months}
        )
    return problems


def _conversion_violations(state: RecordState, entry: StepEntry) -> list[str]:
    admitted = state.done[15]
    problems = []
    ends = probation_ends(admitted, state.extension_months)
    if entry.on < ends:
        problems.append(
            _("Rule: the conversion meeting is held after the probation ends, on %(day)s or later.")
            % {"day": day_text(ends)}
        )
    problems += _meeting_violations(state, entry, 22)
    if entry.outcome not in Outcome.values:
        problems.append(_("Give the meeting's decision: convert, extend or cancel."))
    elif entry.outcome == Outcome.EXTEND:
        if state.extension_months:
            problems.append(_("Rule: the probation can be extended only once."))
        months = entry.extension_months or 0
        if not EXTENSION_MIN_MONTHS <= months <= EXTENSION_MAX_MONTHS:
            problems.append(_("Rule: an extension of the probation is 6 to 12 months."))
    if state.last_extension_on and entry.on <= state.last_extension_on:
        problems.append(_("The meeting must be after the one that extended the probation."))
    return problems


def _step_rules(state: RecordState, entry: StepEntry) -> list[str]:
    """The rules particular to one step."""
    number, on = entry.number, entry.on
    if number == 2:
        problems = _people_violations(entry, 1, 1, str(_("talkers")))
        deadline = add_months(state.done[1], TALK_WITHIN_MONTHS)
        if on > deadline:
            problems.append(
                _("Rule: the talk takes place within one month of the application (by %(day)s).")
                % {"day": day_text(deadline)}
            )
        return problems
    if number == 5:
        return _people_violations(entry, CONTACTS_MIN, CONTACTS_MAX, str(_("cultivation contacts")))
    if number == 9:
        return _people_violations(entry, SPONSORS, SPONSORS, str(_("sponsors")))
    if number == 10 and not entry.review_passed:
        return [_("Rule: only someone who passed the political review goes on.")]
    if number == 11:
        days, hours = entry.training_days or 0, entry.training_hours or 0
        if days < TRAINING_MIN_DAYS and hours < TRAINING_MIN_HOURS:
            return [_("Rule: the centralised training lasts at least 3 days or 24 class hours.")]
    if number in (12, 22):
        if not (entry.publicity_from and entry.publicity_to):
            return [_("Give the first and last day of the publicity.")]
        problems = publicity_violations(entry.publicity_from, entry.publicity_to)
        if entry.publicity_from < on:
            problems.append(_("The publicity starts on or after the day of this step."))
        return problems
    if number == 15:
        return _admission_violations(state, entry)
    if number == 16:
        return _people_violations(entry, 1, 1, str(_("talkers of the superior committee")))
    if number == 23:
        return _conversion_violations(state, entry)
    if number in (17, 24):
        message = approval_violation(state.done[number - 2], entry)
        return [message] if message else []
    return []


def step_violations(state: RecordState, entry: StepEntry, today: datetime.date) -> list[str]:
    """The rules recording `entry` on a record in `state` would break; empty when it keeps them."""
    expected = next_step(state)
    if expected is None:
        return [_("This record is closed; no further step can be recorded.")]
    if entry.number != expected:
        return [
            _("Steps are recorded in order: the next step is %(number)d.") % {"number": expected}
        ]
    if entry.on > today:
        return [_("The date of a step cannot be in the future.")]
    last = max(state.done.values(), default=None)
    if last and entry.on < last:
        return [
            _("This step cannot be dated before the previous one (%(day)s).")
            % {"day": day_text(last)}
        ]
    return _step_rules(state, entry)
