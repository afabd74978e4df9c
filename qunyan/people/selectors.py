"""Reads of the person registry, always narrowed by the acting account's Scope."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.lookups import DataContains
from django.db import connection
from django.db.models import Exists, Func, OuterRef, Q, QuerySet, TextField, Value
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.reports.periods import born_after_for_age_at_most

from .choices import COLLEGE_OR_ABOVE, PARTY_MEMBER_STATUSES
from .idnumbers import InvalidIdNumber, parse_id_number
from .models import CadreTerm, Person
from .phones import normalise_phone
from .services import id_number_index, phone_index


def _serving_cadre(on: datetime.date) -> Q:
    terms = CadreTerm.objects.filter(person=OuterRef("pk"), started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on)
    )
    return Q(Exists(terms))


def _in_reserve_pool(on: datetime.date) -> Q:
    from qunyan.reserves.selectors import reserves_in_pool

    return Q(Exists(reserves_in_pool(on=on).filter(person=OuterRef("pk"))))


def _party_member(on: datetime.date) -> Q:
    return Q(political_status__in=PARTY_MEMBER_STATUSES)


@dataclass(frozen=True)
class Identity:
    label: str | Promise
    condition: Callable[[datetime.date], Q]


# Identities a person can hold at once; modules built on the registry add theirs.
IDENTITIES: dict[str, Identity] = {
    "cadre": Identity(_("Two-committee cadre"), _serving_cadre),
    "reserve": Identity(_("Reserve"), _in_reserve_pool),
    "party_member": Identity(_("Party member"), _party_member),
}


def register_identity(key: str, identity: Identity) -> None:
    IDENTITIES[key] = identity


# Age bands in full years on the day: (label, lowest age, highest age).
AGE_BANDS: dict[str, tuple[str | Promise, int, int | None]] = {
    "to35": (_("35 or under"), 0, 35),
    "36to45": (_("36 to 45"), 36, 45),
    "46to55": (_("46 to 55"), 46, 55),
    "56to60": (_("56 to 60"), 56, 60),
    "over60": (_("Over 60"), 61, None),
}

# The filter value for 大专以上 as one choice (the contract's "college or above").
COLLEGE_PLUS = "college_plus"

SORTS = {
    "name": ("name_pinyin", "id"),
    "-name": ("-name_pinyin", "-id"),
    "birth": ("birth_date", "id"),
    "-birth": ("-birth_date", "-id"),
    "unit": ("unit__name", "name_pinyin", "id"),
}

_ID_LIKE = re.compile(r"^\d{17}[\dXx]$")
_PHONE_LIKE = re.compile(r"^[\d\-\s+]{7,}$")
_ASCII = re.compile(r"^[A-Za-z]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def search_condition(text: str) -> Q:
    """Name, pinyin initials (zs → 张三), full pinyin, an exact ID number or an exact phone."""
    # Control characters are in no name or number; PostgreSQL refuses a NUL in a parameter.
    text = _CONTROL.sub("", text).strip()
    if _ID_LIKE.match(text):
        try:
            return Q(id_number_index=id_number_index(parse_id_number(text).value))
        except InvalidIdNumber:
            return Q(pk__in=[])
    if _PHONE_LIKE.match(text):
        return Q(phone_index=phone_index(normalise_phone(text)))
    if _ASCII.match(text):
        lowered = text.lower()
        return Q(name_initials__startswith=lowered) | Q(name_pinyin__startswith=lowered)
    return _name_contains(text)


class _NameGrams(Func):
    """The characters and pairs of characters of a name: people.0003's indexed function."""

    function = "qunyan_name_grams"
    output_field = ArrayField(TextField())


def _name_contains(text: str) -> Q:
    """`name` contains the text, through the index of pairs of characters on PostgreSQL.

    A name holding every pair of the text is a candidate; for one or two characters it is the
    answer itself, for more the LIKE confirms the order. Only the index is selective: the LIKE
    beside a lone pair would make the planner think the match rare and walk the pinyin order.
    """
    contains = Q(name__icontains=text)
    if connection.vendor != "postgresql":
        return contains
    lowered = text.lower()
    grams = sorted({lowered[i : i + 2] for i in range(len(lowered) - 1)}) or [lowered]
    candidates = Q(DataContains(_NameGrams("name"), Value(grams, ArrayField(TextField()))))
    return candidates if len(lowered) <= 2 else candidates & contains


# When browsing, a scope of up to this many units is applied as a list of unit ids rather than
# as a join on the units' paths: PostgreSQL then estimates the rows from its statistics and walks
# the pinyin index in order (a deep keyset page of a million-person town: 0.74 s → 0.07 s)
# instead of sorting every person of the town. A search keeps the join: its matches may all lie
# at the far end of the alphabet ("zhang"), where an ordered walk from "a" would be the slow plan.
_SCOPE_AS_IDS_MAX = 2000


def _scope_town(scope: Scope) -> int | None:
    """The town, when the scope is exactly one town's subtree."""
    if scope.root_paths is None or len(scope.root_paths) != 1:
        return None
    unit = scope.account.unit if scope.account is not None else None
    if unit is None or unit.path != scope.root_paths[0]:
        unit = OrgUnit.objects.filter(path=scope.root_paths[0]).first()
    return unit.pk if unit is not None and unit.kind == OrgUnit.Kind.TOWN else None


def _in_scope(scope: Scope, people: QuerySet[Person], *, as_ids: bool) -> QuerySet[Person]:
    # A town's subtree is its people (`town` is their unit's town): the (town, pinyin) index
    # then gives a page of the town's registry without reading the rest of the town.
    town = _scope_town(scope)
    if town is not None:
        return people.filter(town_id=town)
    if scope.is_unrestricted or not as_ids:
        return scope.filter(people)
    units = list(scope.units().values_list("pk", flat=True)[: _SCOPE_AS_IDS_MAX + 1])
    if len(units) > _SCOPE_AS_IDS_MAX:
        return scope.filter(people)
    return people.filter(unit_id__in=units)


def _in_unit(unit_id: int) -> Q:
    """People of a unit and the units below it: a village's, or a whole town's (its index)."""
    found = OrgUnit.objects.filter(pk=unit_id).values_list("kind", "path").first()
    if found is None:
        return Q(pk__in=[])
    kind, path = found
    if kind == OrgUnit.Kind.TOWN:
        return Q(town_id=unit_id)
    if kind in VILLAGE_KINDS:
        return Q(unit_id=unit_id)
    return Q(unit__path__startswith=path)


def person_list(
    *,
    scope: Scope,
    q: str = "",
    unit: int | None = None,
    identity: str = "",
    age_band: str = "",
    education: str = "",
    political_status: str = "",
    sort: str = "name",
    on: datetime.date | None = None,
) -> QuerySet[Person]:
    """People in scope matching the filters, sorted (pinyin order by default)."""
    on = on or timezone.localdate()
    people = _in_scope(scope, Person.objects.select_related("unit"), as_ids=not q)
    if q:
        people = people.filter(search_condition(q))
    if unit:
        people = people.filter(_in_unit(unit))
    if identity in IDENTITIES:
        people = people.filter(IDENTITIES[identity].condition(on))
    if age_band in AGE_BANDS:
        _label, low, high = AGE_BANDS[age_band]
        if low:
            people = people.filter(birth_date__lte=born_after_for_age_at_most(low - 1, on))
        if high is not None:
            people = people.filter(birth_date__gt=born_after_for_age_at_most(high, on))
    if education == COLLEGE_PLUS:
        people = people.filter(education__in=COLLEGE_OR_ABOVE)
    elif education:
        people = people.filter(education=education)
    if political_status:
        people = people.filter(political_status=political_status)
    return people.order_by(*SORTS.get(sort, SORTS["name"]))


def mark_reserves(people: list[Person], *, on: datetime.date | None = None) -> list[Person]:
    """Set `is_reserve` on a page of people: the mark beside a name (后备力量优先入党提干).

    One query for the page. As an annotation of the list, PostgreSQL hashed the whole pool
    before it read the first row: 30 ms a page at a province's size.
    """
    from qunyan.reserves.selectors import reserves_in_pool

    on = on or timezone.localdate()
    ids = [person.pk for person in people]
    pooled = set(reserves_in_pool(on=on).filter(person__in=ids).values_list("person", flat=True))
    for person in people:
        person.is_reserve = person.pk in pooled  # type: ignore[attr-defined]
    return people


def person_get(*, scope: Scope, pk: int) -> Person:
    """A person in scope, or Person.DoesNotExist (so views answer 404, not 403)."""
    return scope.filter(Person.objects.select_related("unit", "town")).get(pk=pk)


def person_by_id_number(*, scope: Scope, text: str) -> Person | None:
    """The person in scope with this ID number (typed in a form), or None."""
    try:
        index = id_number_index(parse_id_number(text).value)
    except InvalidIdNumber:
        return None
    people = scope.filter(Person.objects.select_related("unit", "town"))
    return people.filter(id_number_index=index).first()
