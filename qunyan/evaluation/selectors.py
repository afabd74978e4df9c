"""Reads of ratings, scores, grades, pay, subsidies and commendations, narrowed by a Scope."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet

from qunyan.core.models import VILLAGE_KINDS, OrgUnit, Towns
from qunyan.core.scopes import Scope
from qunyan.people.models import CadreTerm, Person

from .choices import Grade, Rating, StopKind
from .indicators import weighted_total
from .models import (
    CadreGrade,
    CadreStop,
    Commendation,
    IndicatorScore,
    SubsidyPayment,
    VillageRating,
)
from .subsidies import Eligibility, departed_cadres, subsidy_terms_for
from .workflow import excellent_quota, quota_percent, terms_in_year


def ratings_of_year(*, towns: Towns, year: int) -> QuerySet[VillageRating]:
    """The ratings of the towns' villages and communities for one year."""
    return VillageRating.objects.filter(village__parent__in=towns, year=year)


def commendations_in_years(*, towns: Towns, first: int, last: int) -> QuerySet[Commendation]:
    """Commendations of people of the towns whose year lies between first and last, inclusive.

    Honours of a whole village have no person and so never count here.
    """
    return Commendation.objects.filter(
        town__in=towns, person__isnull=False, year__gte=first, year__lte=last
    )


def villages_of(*, scope: Scope, town: OrgUnit) -> QuerySet[OrgUnit]:
    return scope.units().filter(parent=town, kind__in=VILLAGE_KINDS).order_by("name")


@dataclass
class RatingRow:
    village: OrgUnit
    scores: dict[str, Decimal]
    total: Decimal | None
    rating: VillageRating | None


def rating_board(*, scope: Scope, town: OrgUnit, year: int) -> list[RatingRow]:
    """Every village of the town in scope, with its scores, weighted total and rating."""
    villages = list(villages_of(scope=scope, town=town))
    scores: dict[int, dict[str, Decimal]] = {}
    for row in IndicatorScore.objects.filter(village__in=villages, year=year):
        scores.setdefault(row.village_id, {})[row.indicator] = row.score
    ratings = {
        r.village_id: r for r in VillageRating.objects.filter(village__in=villages, year=year)
    }
    return [
        RatingRow(
            village=v,
            scores=scores.get(v.pk, {}),
            total=weighted_total(scores[v.pk]) if v.pk in scores else None,
            rating=ratings.get(v.pk),
        )
        for v in villages
    ]


@dataclass
class GradeSheet:
    village: OrgUnit
    year: int
    rating: str | None
    people: list[tuple[Person, str, str]]  # (person, post, grade code or "")
    quota: int
    percent: int
    excellent: int
    graded: int = 0
    flagged: set[int] = field(default_factory=set)

    @property
    def rating_label(self) -> str:
        return str(Rating(self.rating).label) if self.rating else ""


def grade_sheet(*, village: OrgUnit, year: int) -> GradeSheet:
    """The village's assessed cadres of the year, their grades and the 优秀 quota."""
    terms = terms_in_year(year).filter(village=village).select_related("person")
    posts: dict[int, tuple[Person, str]] = {}
    for term in terms.order_by("started_on"):
        posts[term.person_id] = (term.person, term.post)
    grades = dict(
        CadreGrade.objects.filter(village=village, year=year).values_list("person_id", "grade")
    )
    rated = VillageRating.objects.filter(village=village, year=year).first()
    rating = rated.rating if rated else None
    people = sorted(
        ((p, post, grades.get(pid, "")) for pid, (p, post) in posts.items()),
        key=lambda row: (row[0].name_pinyin, row[0].pk),
    )
    return GradeSheet(
        village=village,
        year=year,
        rating=rating,
        people=people,
        quota=excellent_quota(len(posts), rating),
        percent=quota_percent(rating),
        excellent=sum(1 for g in grades.values() if g == Grade.EXCELLENT),
        graded=len(grades),
        flagged=incompetent_twice(person_ids=set(posts), year=year),
    )


def incompetent_twice(*, person_ids: set[int], year: int) -> set[int]:
    """Who was graded 不称职 in this year and the year before (flagged)."""
    rows = CadreGrade.objects.filter(
        person_id__in=person_ids, year__in=(year - 1, year), grade=Grade.INCOMPETENT
    ).values_list("person_id", "year")
    years: dict[int, set[int]] = {}
    for pid, y in rows:
        years.setdefault(pid, set()).add(y)
    return {pid for pid, ys in years.items() if len(ys) == 2}


def grades_of_year(*, scope: Scope, town: OrgUnit, year: int) -> QuerySet[CadreGrade]:
    grades = CadreGrade.objects.filter(village__parent=town, year=year)
    return (
        scope.filter(grades, "village")
        .select_related("person", "village")
        .order_by("village__name", "person__name_pinyin", "id")
    )


def flagged_in_town(*, scope: Scope, town: OrgUnit, year: int) -> QuerySet[CadreGrade]:
    """Grades of the year that make a second 不称职 in a row."""
    ids = incompetent_twice(
        person_ids=set(
            grades_of_year(scope=scope, town=town, year=year).values_list("person_id", flat=True)
        ),
        year=year,
    )
    return grades_of_year(scope=scope, town=town, year=year).filter(person_id__in=ids)


def commendation_list(*, scope: Scope, year: int | None = None) -> QuerySet[Commendation]:
    """Honours of people and villages in scope."""
    honours = Commendation.objects.select_related("person", "person__unit", "village")
    if not scope.is_unrestricted:
        people = scope.filter(Person.objects.all()).values("pk")
        villages = scope.units().values("pk")
        honours = honours.filter(Q(person__in=people) | Q(village__in=villages))
    if year:
        honours = honours.filter(year=year)
    return honours.order_by("-year", "-id")


def departed_in_scope(*, scope: Scope, town: OrgUnit) -> list[Eligibility]:
    """Departed cadres of the town whose last village is in scope, eligible ones first."""
    entries = departed_cadres(town)
    last_village = {}
    for term in (
        CadreTerm.objects.filter(person_id__in=[e.person.pk for e in entries])
        .select_related("village")
        .order_by("started_on")
    ):
        last_village[term.person_id] = term.village
    visible = [e for e in entries if scope.contains(last_village.get(e.person.pk))]
    for entry in visible:
        entry.person.last_village = last_village.get(entry.person.pk)  # type: ignore[attr-defined]
    return sorted(visible, key=lambda e: (e.eligible_from is None, e.person.name_pinyin))


def payments_in_scope(*, scope: Scope, town: OrgUnit) -> QuerySet[SubsidyPayment]:
    payments = SubsidyPayment.objects.filter(town=town).select_related("person", "person__unit")
    return scope.filter(payments, "person__unit")


def payments_after_stop(*, scope: Scope, town: OrgUnit) -> QuerySet[SubsidyPayment]:
    """Payments for months that began after the person's death or disqualification was
    recorded: written before the event was known, they are to be recovered."""
    kinds = [StopKind.DEATH, *subsidy_terms_for(town).disqualifiers]
    stops = CadreStop.objects.filter(
        person=OuterRef("person"), on__lt=OuterRef("month"), kind__in=kinds
    )
    return payments_in_scope(scope=scope, town=town).filter(Exists(stops)).order_by("month")
