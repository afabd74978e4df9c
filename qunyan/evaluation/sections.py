"""Commendations, annual grades and the departed-cadre subsidy on a person's page."""

from collections.abc import Sequence

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy

from qunyan.people.models import Person
from qunyan.people.sections import Cells, PersonSection, register_section

from .models import CadreGrade, Commendation, SubsidyPayment


def _commendations(person: Person) -> Sequence[Cells]:
    return [
        (c.year, c.title, c.authority)
        for c in Commendation.objects.filter(person=person).order_by("-year", "-id")
    ]


def _grades(person: Person) -> Sequence[Cells]:
    return [
        (g.year, g.village.name, g.get_grade_display())
        for g in CadreGrade.objects.filter(person=person).select_related("village")
    ]


def _subsidy(person: Person) -> Sequence[Cells]:
    """The departed-cadre subsidy received, per year: months and yuan."""
    years = (
        SubsidyPayment.objects.filter(person=person)
        .values("month__year")
        .annotate(months=Count("id"), amount=Sum("amount"))
        .order_by("-month__year")
    )
    return [(row["month__year"], row["months"], f"{row['amount']:.2f}") for row in years]


register_section(PersonSection("commendations", gettext_lazy("Commendations"), 70, _commendations))
register_section(PersonSection("grades", gettext_lazy("Annual grades"), 71, _grades))
register_section(
    PersonSection("subsidy", gettext_lazy("Departed-cadre subsidy received"), 72, _subsidy)
)
