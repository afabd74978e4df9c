"""Reads of outside talents, outreach contacts and campaigns, narrowed by a scope."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from qunyan.core.models import Towns
from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.selectors import search_condition

from .models import Assignment, Campaign, Outreach, OutsideTalent, Symposium


def business_starts_in_period(
    *, towns: Towns, period_from: datetime.date, period_to: datetime.date
) -> QuerySet[OutsideTalent]:
    """Talents of the towns who came home and started a business within the closed period."""
    return OutsideTalent.objects.filter(
        town__in=towns, business_started_on__gte=period_from, business_started_on__lte=period_to
    )


def outreach_in_period(
    *, towns: Towns, period_from: datetime.date, period_to: datetime.date
) -> QuerySet[Outreach]:
    """Contacts with people of the towns dated within the closed period."""
    return Outreach.objects.filter(town__in=towns, date__gte=period_from, date__lte=period_to)


def overdue_follow_ups(*, on: datetime.date) -> QuerySet[Outreach]:
    """Contacts whose follow-up was due before the day and is not done."""
    return Outreach.objects.filter(follow_up_on__lt=on, follow_up_done_on__isnull=True)


# Status filters of the register.
AWAY, RETURNED, STARTED = "away", "returned", "started"


def talent_list(
    *,
    scope: Scope,
    on: datetime.date,
    village: int | None = None,
    status: str = "",
    search: str = "",
    overdue: bool = False,
) -> QuerySet[OutsideTalent]:
    """The register in scope, with each person's last contact, last intent and overdue mark."""
    talents = scope.filter(
        OutsideTalent.objects.select_related("person__unit"), unit_field="person__unit"
    )
    if village:
        talents = talents.filter(person__unit_id=village)
    if status == AWAY:
        talents = talents.filter(returned_on__isnull=True)
    elif status == RETURNED:
        talents = talents.filter(returned_on__isnull=False)
    elif status == STARTED:
        talents = talents.filter(business_started_on__isnull=False)
    if search:
        talents = talents.filter(
            Q(person__in=Person.objects.filter(search_condition(search)))
            | Q(place__icontains=search)
            | Q(trade__icontains=search)
        )
    contacts = Outreach.objects.filter(person=OuterRef("person")).order_by("-date", "-id")
    late = overdue_follow_ups(on=on).filter(person=OuterRef("person"))
    talents = talents.annotate(
        last_contact=Subquery(contacts.values("date")[:1]),
        last_intent=Subquery(contacts.exclude(intent="").values("intent")[:1]),
        overdue=Exists(late),
    )
    if overdue:
        talents = talents.filter(overdue=True)
    return talents.order_by("person__unit__name", "person__name_pinyin", "id")


def talent_get(*, scope: Scope, pk: int) -> OutsideTalent:
    """A register entry in scope, or OutsideTalent.DoesNotExist."""
    talents = scope.filter(
        OutsideTalent.objects.select_related("person__unit", "town"), unit_field="person__unit"
    )
    return talents.get(pk=pk)


def outreach_list(
    *,
    scope: Scope,
    on: datetime.date,
    follow_up: str = "",
    campaign: int | None = None,
    village: int | None = None,
) -> QuerySet[Outreach]:
    """Contacts in scope, newest first; `follow_up` "open" or "overdue" narrows to those."""
    contacts = scope.filter(
        Outreach.objects.select_related(
            "person__unit",
            "person__outside_talent",
            "campaign",
            "visitor_account",
            "visitor_person",
        ),
        unit_field="person__unit",
    )
    if follow_up == "open":
        contacts = contacts.filter(follow_up_on__isnull=False, follow_up_done_on__isnull=True)
    elif follow_up == "overdue":
        contacts = contacts.filter(pk__in=overdue_follow_ups(on=on).values("pk"))
    if campaign:
        contacts = contacts.filter(campaign_id=campaign)
    if village:
        contacts = contacts.filter(person__unit_id=village)
    order = ("follow_up_on", "-date") if follow_up else ("-date", "-id")
    return contacts.order_by(*order)


def outreach_get(*, scope: Scope, pk: int) -> Outreach:
    """A contact in scope, or Outreach.DoesNotExist."""
    return outreach_list(scope=scope, on=datetime.date.min).get(pk=pk)


def campaigns_in_scope(*, scope: Scope) -> QuerySet[Campaign]:
    """Campaigns of the towns the account works in (a secretary sees their town's)."""
    return Campaign.objects.filter(town__in=scope.towns()).select_related("town")


def campaign_get(*, scope: Scope, pk: int) -> Campaign:
    """A campaign in scope, or Campaign.DoesNotExist."""
    return campaigns_in_scope(scope=scope).get(pk=pk)


def campaign_list(*, scope: Scope) -> QuerySet[Campaign]:
    """Campaigns with how many people each lists and how many of them were reached, in scope."""
    listed = scope.filter(Assignment.objects.all(), unit_field="person__unit").filter(
        campaign=OuterRef("pk")
    )
    reached = listed.filter(
        Exists(Outreach.objects.filter(campaign=OuterRef("campaign"), person=OuterRef("person")))
    )
    return campaigns_in_scope(scope=scope).annotate(listed=_count(listed), reached=_count(reached))


def _count(rows: QuerySet[Assignment]) -> Subquery:
    return Subquery(rows.order_by().values("campaign").annotate(n=Count("pk")).values("n")[:1])


def assignments_of(*, campaign: Campaign, scope: Scope) -> QuerySet[Assignment]:
    """The campaign's list as far as the scope sees it, each with the contacts it made."""
    contacts = Outreach.objects.filter(campaign=campaign, person=OuterRef("person")).order_by(
        "-date", "-id"
    )
    return (
        scope.filter(
            campaign.assignments.select_related(
                "person__unit", "person__outside_talent", "visitor_account", "visitor_person"
            ),
            unit_field="person__unit",
        )
        .annotate(
            contacted_on=Subquery(contacts.values("date")[:1]),
            intent=Subquery(contacts.exclude(intent="").values("intent")[:1]),
        )
        .order_by("person__unit__name", "person__name_pinyin")
    )


@dataclass
class VisitorLoad:
    key: str
    name: str
    listed: int
    reached: int


def visitor_loads(assignments: Iterable[Assignment]) -> list[VisitorLoad]:
    """Who visits how many of the listed people, and how many they have reached so far."""
    loads: dict[str, VisitorLoad] = {}
    for assignment in assignments:
        key = assignment.visitor_key
        load = loads.setdefault(key, VisitorLoad(key, assignment.visitor_name, 0, 0))
        load.listed += 1
        load.reached += bool(getattr(assignment, "contacted_on", None))
    return sorted(loads.values(), key=lambda load: (not load.key, load.name))


def visit_list(*, campaign: Campaign, visitor_key: str, scope: Scope) -> QuerySet[Assignment]:
    """One cadre's visits in a campaign (`visitor_key` empty: those nobody visits yet)."""
    assignments = assignments_of(campaign=campaign, scope=scope)
    kind, _sep, number = visitor_key.partition(":")
    if kind == "account" and number.isdigit():
        return assignments.filter(visitor_account_id=int(number))
    if kind == "person" and number.isdigit():
        return assignments.filter(visitor_person_id=int(number))
    return assignments.filter(visitor_account__isnull=True, visitor_person__isnull=True)


def symposium_get(*, scope: Scope, pk: int) -> Symposium:
    """A symposium of a campaign in scope, or Symposium.DoesNotExist."""
    return Symposium.objects.select_related("campaign__town").get(
        pk=pk, campaign__in=campaigns_in_scope(scope=scope)
    )
