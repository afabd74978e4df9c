"""Reads of duty division and three-chief teams, always narrowed by a Scope."""

import datetime
from collections import defaultdict

from django.db.models import Prefetch, Q, QuerySet

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.choices import PARTY_MEMBER_STATUSES
from qunyan.people.models import CadreTerm, Person

from .choices import ChiefRole, DivisionStatus, Trait
from .models import Assignment, ChiefPost, Division, Duty, DutySettings, Pin, Wish


def villages_of(*, scope: Scope, town: OrgUnit) -> QuerySet[OrgUnit]:
    """The town's villages and communities the account may see."""
    return scope.units().filter(town=town, kind__in=VILLAGE_KINDS).order_by("name", "id")


def village_get(*, scope: Scope, pk: int) -> OrgUnit:
    """A village in scope, or OrgUnit.DoesNotExist (views answer 404)."""
    return scope.units().filter(kind__in=VILLAGE_KINDS).select_related("town").get(pk=pk)


def group_get(*, scope: Scope, pk: int) -> OrgUnit:
    return scope.units().filter(kind=OrgUnit.Kind.GROUP).select_related("parent").get(pk=pk)


def town_duties(*, town: OrgUnit, active_only: bool = True) -> QuerySet[Duty]:
    duties = Duty.objects.filter(town=town)
    return duties.filter(active=True) if active_only else duties


def duty_get(*, scope: Scope, pk: int) -> Duty:
    return Duty.objects.filter(town__in=scope.towns()).get(pk=pk)


def settings_of(town: OrgUnit) -> DutySettings:
    """The town's settings; unsaved defaults (every trait, default labels) when none were kept."""
    found = DutySettings.objects.filter(town=town).first()
    return found or DutySettings(town=town, traits=list(Trait.values), chief_labels={})


def chief_labels(town: OrgUnit) -> dict[str, str]:
    """The three roles' names in this town, in order."""
    custom = settings_of(town).chief_labels
    return {role.value: custom.get(role.value) or str(role.label) for role in ChiefRole}


def serving_cadres(*, villages: list[OrgUnit], on: datetime.date) -> dict[int, list[Person]]:
    """Each village's serving two-committee members (once each, cross-membership or not)."""
    terms = (
        CadreTerm.objects.filter(village__in=villages, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "person__duty_profile__wishes",
                queryset=Wish.objects.select_related("duty"),
            )
        )
        .order_by("person__name_pinyin", "person_id")
    )
    found: dict[int, dict[int, Person]] = defaultdict(dict)
    for term in terms:
        found[term.village_id].setdefault(term.person_id, term.person)
    return {v.pk: list(found[v.pk].values()) for v in villages}


def pins_of(*, villages: list[OrgUnit]) -> dict[int, list[Pin]]:
    found: dict[int, list[Pin]] = defaultdict(list)
    for pin in Pin.objects.filter(village__in=villages).select_related("person", "duty"):
        found[pin.village_id].append(pin)
    return found


def current_divisions(*, villages: list[OrgUnit]) -> dict[int, Division]:
    divisions = Division.objects.filter(
        village__in=villages, status=DivisionStatus.CURRENT
    ).prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("person", "duty"))
    )
    return {d.village_id: d for d in divisions}


def divisions_of(*, village: OrgUnit) -> QuerySet[Division]:
    """Every confirmed version of a village's division, newest first."""
    return (
        Division.objects.filter(village=village)
        .select_related("by")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("person"))
        )
        .order_by("-version")
    )


def person_duties(person: Person) -> QuerySet[Assignment]:
    """The duties a person holds in divisions in force."""
    return Assignment.objects.filter(
        person=person, division__status=DivisionStatus.CURRENT
    ).select_related("division__village")


def groups_of(*, scope: Scope, town: OrgUnit, village: OrgUnit | None = None) -> QuerySet[OrgUnit]:
    groups = scope.units().filter(kind=OrgUnit.Kind.GROUP, town=town)
    if village is not None:
        groups = groups.filter(parent=village)
    return groups.select_related("parent").order_by("parent__name", "path")


def chief_posts_open(*, groups: list[OrgUnit]) -> dict[int, dict[str, ChiefPost]]:
    """The current holders of each group's seats: {group id: {role: post}}."""
    found: dict[int, dict[str, ChiefPost]] = defaultdict(dict)
    posts = ChiefPost.objects.filter(group__in=groups, ended_on__isnull=True).select_related(
        "person"
    )
    for post in posts:
        found[post.group_id][post.role] = post
    return found


def coverage(*, scope: Scope, town: OrgUnit) -> list[tuple[OrgUnit, dict[str, ChiefPost | None]]]:
    """Every villager group with its three seats (None where a seat is empty)."""
    groups = list(groups_of(scope=scope, town=town))
    posts = chief_posts_open(groups=groups)
    return [(g, {role: posts[g.pk].get(role) for role in ChiefRole.values}) for g in groups]


def chief_candidates(
    *, group: OrgUnit, role: str, on: datetime.date, limit: int = 8
) -> list[tuple[Person, list[str]]]:
    """Party members and reserves of the group's village for a seat, best first, with why.

    The 党小组长 seat goes to party members only; for the others reserves come first
    (后备力量优先), then party members. People of the group itself, and people holding no seat
    yet, rank higher.
    """
    from qunyan.reserves.selectors import reserves_in_pool

    village = group.parent
    assert village is not None
    in_pool = set(
        reserves_in_pool(on=on).filter(town=village.town_id).values_list("person_id", flat=True)
    )
    units = [village.pk, *OrgUnit.objects.filter(parent=village).values_list("pk", flat=True)]
    people = Person.objects.filter(unit_id__in=units).filter(
        Q(political_status__in=PARTY_MEMBER_STATUSES) | Q(pk__in=in_pool)
    )
    if role == ChiefRole.PARTY_GROUP:
        people = people.filter(political_status__in=PARTY_MEMBER_STATUSES)
    open_posts = ChiefPost.objects.filter(ended_on__isnull=True)
    seated = set(open_posts.values_list("person_id", flat=True))
    # One person, one seat within a group: the team is three people.
    people = people.exclude(pk__in=open_posts.filter(group=group).values("person_id"))
    ranked = []
    for person in people.select_related("unit"):
        why = []
        points = 0
        if person.pk in in_pool:
            why.append("reserve")
            points += 2 if role != ChiefRole.PARTY_GROUP else 1
        if person.political_status in PARTY_MEMBER_STATUSES:
            why.append("party_member")
            points += 2 if role == ChiefRole.PARTY_GROUP else 1
        if person.unit_id == group.pk:
            why.append("in_group")
            points += 2
        if person.pk in seated:
            why.append("seated")
            points -= 3
        ranked.append((points, person.name_pinyin, person.pk, person, why))
    ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
    return [(person, why) for _p, _n, _k, person, why in ranked[:limit]]
