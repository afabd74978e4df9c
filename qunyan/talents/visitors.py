"""The cadres who visit: the town's accounts, and serving committee members or town staff of
the registry who have no account. Forms and URLs name one as `account:<pk>` or `person:<pk>`."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Role
from qunyan.core.scopes import Scope
from qunyan.people.models import Person

VISITING_ROLES = (Role.TOWN_OFFICER, Role.TOWN_LEADER, Role.VILLAGE_SECRETARY)


@dataclass(frozen=True)
class Visitor:
    account: Account | None = None
    person: Person | None = None

    @property
    def key(self) -> str:
        if self.account is not None:
            return f"account:{self.account.pk}"
        if self.person is not None:
            return f"person:{self.person.pk}"
        return ""

    @property
    def name(self) -> str:
        return str(self.account or self.person or "")

    def fields(self) -> dict[str, Account | Person | None]:
        return {"visitor_account": self.account, "visitor_person": self.person}


NOBODY = Visitor()


def visiting_accounts(*, town: OrgUnit) -> QuerySet[Account]:
    """Active accounts of the town and its villages whose holders go on visits."""
    return Account.objects.filter(
        is_active=True, role__in=VISITING_ROLES, unit__path__startswith=town.path
    ).order_by("role", "username")


def visiting_people(*, town: OrgUnit, scope: Scope, on: datetime.date) -> QuerySet[Person]:
    """Committee members serving on the day and town staff, as far as the scope sees them."""
    serving = Q(cadre_terms__started_on__lte=on) & (
        Q(cadre_terms__ended_on__isnull=True) | Q(cadre_terms__ended_on__gte=on)
    )
    people = Person.objects.filter(town=town).filter(serving | Q(unit=town))
    return scope.filter(people.select_related("unit"), unit_field="unit").distinct()


def visitor_choices(
    *, town: OrgUnit, scope: Scope, on: datetime.date
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a select: accounts first, then people of the registry."""
    accounts = [
        (f"account:{account.pk}", f"{account}（{account.get_role_display()}）")
        for account in visiting_accounts(town=town).select_related("unit")
    ]
    people = [
        (f"person:{person.pk}", f"{person.name}（{person.unit.name}）")
        for person in visiting_people(town=town, scope=scope, on=on).order_by(
            "unit__name", "name_pinyin"
        )
    ]
    return [(_("Accounts"), accounts), (_("Cadres in the registry"), people)]


def visitor_from_key(key: str, *, town: OrgUnit, scope: Scope, on: datetime.date) -> Visitor:
    """The visitor a key names, checked against the town; NOBODY for an empty key."""
    if not key:
        return NOBODY
    kind, _sep, number = key.partition(":")
    if number.isdigit():
        if kind == "account":
            account = visiting_accounts(town=town).filter(pk=int(number)).first()
            if account is not None:
                return Visitor(account=account)
        elif kind == "person":
            person = visiting_people(town=town, scope=scope, on=on).filter(pk=int(number)).first()
            if person is not None:
                return Visitor(person=person)
    raise ValidationError({"visitor": [_("Choose a cadre of this town.")]})


def visitor_belongs(visitor: Visitor, *, town: OrgUnit) -> bool:
    """Whether the visitor works in the town (services check what forms already narrowed)."""
    if visitor.account is not None:
        unit = visitor.account.unit
        return unit is not None and unit.path.startswith(town.path)
    if visitor.person is not None:
        return visitor.person.town_id == town.pk
    return True
