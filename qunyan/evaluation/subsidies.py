"""Departed-cadre subsidy eligibility from the cadre history (CadreTerm), with reasons.

A month is payable when the person is eligible on its first day: someone who turns 60 on
15 March is paid from April, someone who dies on 15 March is paid for March and not after.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from qunyan.core.dates import day
from qunyan.core.models import OrgUnit
from qunyan.people.choices import Gender
from qunyan.people.models import CadreTerm, Person
from qunyan.reports.periods import age_on

from .choices import StopKind
from .models import CadreStop, SubsidyRule
from .rules import SubsidyTerms, default_subsidy_terms

ONE_DAY = datetime.timedelta(days=1)


def anniversary(start: datetime.date, years: int) -> datetime.date:
    """The day `years` after `start`; 29 February falls on 1 March in other years (as 周岁 do)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return datetime.date(start.year + years, 3, 1)


def years_served(spans: list[tuple[datetime.date, datetime.date]]) -> int:
    """Full years in office: whole anniversaries of each unbroken stretch, then the rest in days.

    Spans are inclusive and may overlap (two posts at once count once); 2015-01-01 to
    2017-12-31 is exactly 3 years, to 2017-12-30 is 2.
    """
    merged: list[list[datetime.date]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    whole, rest = 0, 0
    for start, end in merged:
        years = age_on(start, end + ONE_DAY)
        whole += years
        rest += (end + ONE_DAY - anniversary(start, years)).days
    return whole + rest // 365


def subsidy_terms_for(town: OrgUnit) -> SubsidyTerms:
    """The town's own table, else its county's, else the settings' default."""
    for unit in (town, town.parent):
        if unit is None:
            continue
        table = SubsidyRule.objects.filter(unit=unit).first()
        if table is not None:
            values = {
                name: getattr(table, name)
                for name in (
                    "eligible_posts",
                    "min_years",
                    "male_age",
                    "female_age",
                    "disqualifiers",
                    "tiers",
                )
            }
            return SubsidyTerms.from_values(values, source=unit.name)
    return default_subsidy_terms()


@dataclass
class Eligibility:
    person: Person
    years: int
    last_day: datetime.date | None
    eligible_from: datetime.date | None = None
    amount: Decimal | None = None
    stop: CadreStop | None = None
    reasons: list[str] = field(default_factory=list)
    payable_now: bool = False  # set by pages for the current month

    def payable_on(self, on: datetime.date) -> bool:
        if self.eligible_from is None or self.amount is None or self.eligible_from > on:
            return False
        return self.stop is None or self.stop.on > on


def eligibility(
    person: Person, terms: list[CadreTerm], stops: list[CadreStop], rules: SubsidyTerms
) -> Eligibility:
    """Whether and from when a departed cadre is paid, and why (or why not)."""
    counted = [t for t in terms if t.post in rules.eligible_posts and t.ended_on is not None]
    years = years_served([(t.started_on, t.ended_on) for t in counted if t.ended_on])
    last = max((t.ended_on for t in terms if t.ended_on), default=None)
    result = Eligibility(person=person, years=years, last_day=last)
    reasons = result.reasons
    if any(t.ended_on is None for t in terms):
        reasons.append(_("Still serving on the two committees."))
        return result
    if not counted:
        reasons.append(_("Never held an eligible post."))
        return result
    disqualifier = next((s for s in stops if s.kind in rules.disqualifiers), None)
    death = next((s for s in stops if s.kind == StopKind.DEATH), None)
    if years < rules.min_years:
        reasons.append(
            _("Served %(years)d full years in eligible posts; %(least)d are needed.")
            % {"years": years, "least": rules.min_years}
        )
    threshold = rules.female_age if person.gender == Gender.FEMALE else rules.male_age
    aged = anniversary(person.birth_date, threshold)
    if years >= rules.min_years:
        reasons.append(
            _("Served %(years)d full years in eligible posts (%(least)d needed).")
            % {"years": years, "least": rules.min_years}
        )
        result.amount = rules.monthly_amount(years)
        if result.amount is None:
            reasons.append(_("No amount tier for %(years)d years.") % {"years": years})
    reasons.append(_("Reaches %(age)d on %(date)s.") % {"age": threshold, "date": day(aged)})
    # Paid from the later of the birthday and the day after leaving office.
    begins = max(aged, last + ONE_DAY) if last is not None else aged
    if disqualifier is not None:
        result.stop = disqualifier
        reasons.append(
            _("Disqualified: %(kind)s on %(date)s.")
            % {"kind": disqualifier.get_kind_display(), "date": day(disqualifier.on)}
        )
        if disqualifier.on <= begins:
            return result
    if years >= rules.min_years and result.amount is not None:
        result.eligible_from = begins
        reasons.append(_("Eligible from %(date)s.") % {"date": day(result.eligible_from)})
    if death is not None and (result.stop is None or death.on < result.stop.on):
        result.stop = death
        reasons.append(_("Died on %(date)s: payments stop.") % {"date": day(death.on)})
    return result


def departed_cadres(town: OrgUnit) -> list[Eligibility]:
    """Every former committee member of the town's villages, with their eligibility."""
    terms = list(
        CadreTerm.objects.filter(village__parent=town, person__cadre_terms__ended_on__isnull=False)
        .distinct()
        .select_related("person", "person__unit")
        .order_by("person_id", "started_on")
    )
    by_person: dict[int, list[CadreTerm]] = {}
    for term in terms:
        by_person.setdefault(term.person_id, []).append(term)
    stops: dict[int, list[CadreStop]] = {}
    for stop in CadreStop.objects.filter(person_id__in=by_person):
        stops.setdefault(stop.person_id, []).append(stop)
    rules = subsidy_terms_for(town)
    return [
        eligibility(own[0].person, own, stops.get(pid, []), rules)
        for pid, own in by_person.items()
        if all(t.ended_on is not None for t in own)
    ]
