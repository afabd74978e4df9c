"""The returnee funnel: contacted → intends to return → returned → started a business → joined the
reserve pool → applied to join the party, for a period, by village and by campaign.

Each step counts the people who reached it within the period (the contract's way of counting
events), so `started_business` and the contact rows are exactly `qunyan stats`'s `returnees`.
By campaign, each person counts once per step: for the latest campaign that reached them before
it (contacted and intends: the latest campaign contact in the period), or for "outside
campaigns". Every column of both tables therefore adds up to the town's total.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.party.models import DevelopmentRecord
from qunyan.people.models import Person
from qunyan.reserves.models import Reserve

from .choices import Intent
from .models import Campaign, Outreach, OutsideTalent
from .selectors import business_starts_in_period, outreach_in_period

STAGES: tuple[tuple[str, Promise], ...] = (
    ("contacted", _("Contacted")),
    ("intends", _("Intends to return")),
    ("returned", _("Returned")),
    ("started_business", _("Started a business")),
    ("joined_pool", _("Joined the reserve pool")),
    ("applied_party", _("Applied to join the party")),
)
STAGE_KEYS = tuple(key for key, _label in STAGES)
# The contract's row count of 走访座谈 in the period, shown beside the steps.
CONTACTS = "outreach_contacts"
COLUMNS: tuple[tuple[str, Promise], ...] = (*STAGES, (CONTACTS, _("Contact records")))
EMPTY = dict.fromkeys((key for key, _label in COLUMNS), 0)


@dataclass
class FunnelRow:
    key: str  # a village's or campaign's primary key; "" for the outside-campaigns row
    label: str
    counts: dict[str, int]
    unit: OrgUnit | None = None
    campaign: Campaign | None = None

    @property
    def cells(self) -> list[int]:
        """The counts in the order of COLUMNS."""
        return [self.counts[key] for key, _label in COLUMNS]


@dataclass
class Funnel:
    town: OrgUnit
    period_from: datetime.date
    period_to: datetime.date
    totals: dict[str, int]
    villages: list[FunnelRow] = field(default_factory=list)
    campaigns: list[FunnelRow] = field(default_factory=list)

    @property
    def total_cells(self) -> list[tuple[str, int]]:
        return [(key, self.totals[key]) for key, _label in COLUMNS]

    def steps(self, counts: dict[str, int] | None = None) -> list[tuple[str, Promise, int]]:
        counts = self.totals if counts is None else counts
        return [(key, label, counts[key]) for key, label in STAGES]


def _via(contacts: QuerySet[Outreach], *, on: Any = None) -> Subquery:
    """The campaign of a person's latest campaign contact (on or before `on`, if given)."""
    latest = contacts.filter(person=OuterRef("pk"), campaign__isnull=False)
    if on is not None:
        latest = latest.filter(date__lte=on)
    return Subquery(latest.order_by("-date", "-id").values("campaign")[:1])


def stage_people(
    *,
    town: OrgUnit,
    period_from: datetime.date,
    period_to: datetime.date,
    scope: Scope,
) -> dict[str, QuerySet[Person]]:
    """Each step's people, annotated with the campaign they count for (`via`)."""
    in_period = {"gte": period_from, "lte": period_to}
    contacts = scope.filter(
        outreach_in_period(towns=[town], period_from=period_from, period_to=period_to),
        unit_field="person__unit",
    )
    committed = contacts.filter(intent=Intent.COMMITTED)
    talents = scope.filter(OutsideTalent.objects.filter(town=town), unit_field="person__unit")
    starts = scope.filter(
        business_starts_in_period(towns=[town], period_from=period_from, period_to=period_to),
        unit_field="person__unit",
    )
    everyone = Outreach.objects.all()

    def dated(rows: QuerySet[Person], on: Any) -> QuerySet[Person]:
        return rows.annotate(on=on).annotate(via=_via(everyone, on=OuterRef("on")))

    returnees = Person.objects.filter(pk__in=talents.values("person")).filter(
        outside_talent__returned_on__isnull=False
    )
    pool_entry = (
        Reserve.objects.filter(
            person=OuterRef("pk"),
            entered_on__gte=OuterRef("outside_talent__returned_on"),
            entered_on__range=(period_from, period_to),
        )
        .order_by("entered_on")
        .values("entered_on")[:1]
    )
    applied = DevelopmentRecord.objects.filter(
        person=OuterRef("pk"),
        applied_on__gte=OuterRef("outside_talent__returned_on"),
        applied_on__range=(period_from, period_to),
    )
    return {
        "contacted": Person.objects.filter(pk__in=contacts.values("person")).annotate(
            via=_via(contacts)
        ),
        "intends": Person.objects.filter(pk__in=committed.values("person")).annotate(
            via=_via(committed)
        ),
        "returned": dated(
            Person.objects.filter(
                pk__in=talents.filter(
                    **{f"returned_on__{op}": day for op, day in in_period.items()}
                ).values("person")
            ),
            F("outside_talent__returned_on"),
        ),
        "started_business": dated(
            Person.objects.filter(pk__in=starts.values("person")),
            F("outside_talent__business_started_on"),
        ),
        "joined_pool": dated(returnees.filter(Exists(pool_entry)), Subquery(pool_entry)),
        "applied_party": dated(
            returnees.filter(Exists(applied)), Subquery(applied.values("applied_on")[:1])
        ),
    }


def _grouped(rows: QuerySet[Any], by: str, count: str = "pk") -> dict[Any, int]:
    return dict(rows.order_by().values_list(by).annotate(n=Count(count, distinct=True)))


def returnee_funnel(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date, scope: Scope
) -> Funnel:
    """The funnel of a town's period as far as the scope sees it: totals, villages, campaigns."""
    stages = stage_people(town=town, period_from=period_from, period_to=period_to, scope=scope)
    contacts = scope.filter(
        outreach_in_period(towns=[town], period_from=period_from, period_to=period_to),
        unit_field="person__unit",
    )
    totals = {key: people.count() for key, people in stages.items()}
    totals[CONTACTS] = contacts.count()

    per_unit: dict[Any, dict[str, int]] = {}
    per_campaign: dict[Any, dict[str, int]] = {}
    for key, people in stages.items():
        for unit_id, n in _grouped(people, "unit").items():
            per_unit.setdefault(unit_id, dict(EMPTY))[key] = n
        for campaign_id, n in _grouped(people, "via").items():
            per_campaign.setdefault(campaign_id, dict(EMPTY))[key] = n
    for unit_id, n in _grouped(contacts, "person__unit").items():
        per_unit.setdefault(unit_id, dict(EMPTY))[CONTACTS] = n
    for campaign_id, n in _grouped(contacts, "campaign").items():
        per_campaign.setdefault(campaign_id, dict(EMPTY))[CONTACTS] = n

    funnel = Funnel(town=town, period_from=period_from, period_to=period_to, totals=totals)
    villages = scope.filter(
        OrgUnit.objects.filter(parent=town, kind__in=VILLAGE_KINDS), unit_field=""
    )
    units = list(villages.order_by("kind", "name"))
    # People of the town itself (or of a unit no longer a village) still count in the total.
    listed = {unit.pk for unit in units}
    units += list(
        OrgUnit.objects.filter(pk__in=[pk for pk in per_unit if pk not in listed]).order_by("name")
    )
    funnel.villages = [
        FunnelRow(str(unit.pk), unit.name, per_unit.get(unit.pk, dict(EMPTY)), unit=unit)
        for unit in units
    ]
    overlapping = Q(starts_on__lte=period_to, ends_on__gte=period_from)
    campaigns = Campaign.objects.filter(town=town).filter(
        overlapping | Q(pk__in=[pk for pk in per_campaign if pk is not None])
    )
    funnel.campaigns = [
        FunnelRow(
            str(campaign.pk),
            campaign.name,
            per_campaign.get(campaign.pk, dict(EMPTY)),
            campaign=campaign,
        )
        for campaign in campaigns.order_by("starts_on", "pk")
    ]
    funnel.campaigns.append(
        FunnelRow("", str(_("Outside campaigns")), per_campaign.get(None, dict(EMPTY)))
    )
    return funnel


def returnee_outcomes(
    *, town: OrgUnit, period_from: datetime.date, period_to: datetime.date, scope: Scope
) -> QuerySet[OutsideTalent]:
    """Talents who came home, started a business, joined the pool or applied in the period,
    with the reserve stay and party record that go with the return."""
    in_period = Q(returned_on__range=(period_from, period_to)) | Q(
        business_started_on__range=(period_from, period_to)
    )
    stays = Reserve.objects.filter(
        person=OuterRef("person"), entered_on__gte=OuterRef("returned_on")
    ).order_by("entered_on")
    record = DevelopmentRecord.objects.filter(
        person=OuterRef("person"), applied_on__gte=OuterRef("returned_on")
    )
    talents = scope.filter(
        OutsideTalent.objects.filter(town=town, returned_on__isnull=False),
        unit_field="person__unit",
    ).annotate(
        stay_id=Subquery(stays.values("pk")[:1]),
        stay_entered_on=Subquery(stays.values("entered_on")[:1]),
        applied_on=Subquery(record.values("applied_on")[:1]),
    )
    later = Q(stay_entered_on__range=(period_from, period_to)) | Q(
        applied_on__range=(period_from, period_to)
    )
    return (
        talents.filter(in_period | later)
        .select_related("person__unit")
        .order_by("person__unit__name", "person__name_pinyin")
    )
