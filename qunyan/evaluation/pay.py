"""The year's performance bonus per cadre: base × grade share × (1 + village uplift), with trail.

Money is Decimal throughout; the product is kept exact and rounded once, half up, to the fen.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from qunyan.core.models import OrgUnit
from qunyan.people.models import CadreTerm, Person

from .choices import Grade, Rating
from .models import CadreGrade, PayStandard, VillageRating
from .rules import bonus_uplift_percent, grade_percent
from .workflow import terms_in_year

FEN = Decimal("0.01")
HUNDRED = Decimal(100)


def yuan(value: Decimal) -> Decimal:
    """An amount rounded half up to the fen (分)."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """Every significant digit, no trailing zeros, never 3.6E+4: 110.165, 36000."""
    return format(value.normalize(), "f")


@dataclass
class Bonus:
    person: Person
    village: OrgUnit
    post: str
    grade: str
    rating: str | None
    base: Decimal | None
    grade_percent: Decimal
    uplift_percent: Decimal
    amount: Decimal | None
    trail: list[str] = field(default_factory=list)

    @property
    def grade_label(self) -> str:
        return str(Grade(self.grade).label)


def bonus_amount(base: Decimal, grade_share: Decimal, uplift: Decimal) -> tuple[Decimal, Decimal]:
    """(exact product, amount to the fen) for a base, a grade percent and an uplift percent."""
    exact = base * grade_share / HUNDRED * (HUNDRED + uplift) / HUNDRED
    return exact, yuan(exact)


def _term_of(grade: CadreGrade, terms: list[CadreTerm]) -> CadreTerm | None:
    """The latest term of the year in the grade's village: its post and base apply."""
    own = [t for t in terms if t.person_id == grade.person_id and t.village_id == grade.village_id]
    return max(own, key=lambda t: t.started_on, default=None)


def bonuses(*, town: OrgUnit, year: int, grades: list[CadreGrade]) -> list[Bonus]:
    """The bonus of every graded cadre, each with the rules that made it."""
    person_ids = [g.person_id for g in grades]
    terms = list(terms_in_year(year).filter(person_id__in=person_ids, village__parent=town))
    standards = {s.post: s.bonus_base for s in PayStandard.objects.filter(town=town, year=year)}
    ratings = dict(
        VillageRating.objects.filter(village__parent=town, year=year).values_list(
            "village_id", "rating"
        )
    )
    return [_bonus(g, _term_of(g, terms), standards, ratings.get(g.village_id)) for g in grades]


def _bonus(
    grade: CadreGrade,
    term: CadreTerm | None,
    standards: dict[str, Decimal],
    rating: str | None,
) -> Bonus:
    post = term.post if term else ""
    share, uplift = grade_percent(grade.grade), bonus_uplift_percent(rating)
    trail: list[str] = []
    base: Decimal | None = None
    if term is not None and term.bonus_base is not None:
        base = term.bonus_base
        trail.append(_("Bonus base %(base)s yuan, from the cadre's own record.") % {"base": base})
    elif post in standards:
        base = standards[post]
        trail.append(
            _("Bonus base %(base)s yuan, the town's standard for %(post)s.")
            % {"base": base, "post": post}
        )
    else:
        trail.append(_("No bonus base: the post %(post)s has no pay standard.") % {"post": post})
    trail.append(
        _("Grade %(grade)s: %(share)s %% of the base.")
        % {"grade": Grade(grade.grade).label, "share": share}
    )
    label = Rating(rating).label if rating else _("not rated")
    trail.append(
        _("Village rating %(rating)s: bonus raised by %(uplift)s %%.")
        % {"rating": label, "uplift": uplift}
    )
    amount = None
    if base is not None:
        exact, amount = bonus_amount(base, share, uplift)
        trail.append(
            _(
                "%(base)s × %(share)s %% × %(factor)s %% = %(exact)s, rounded half up to the fen: "
                "%(amount)s yuan."
            )
            % {
                "base": base,
                "share": share,
                "factor": HUNDRED + uplift,
                "exact": plain(exact),
                "amount": amount,
            }
        )
    return Bonus(
        person=grade.person,
        village=grade.village,
        post=post,
        grade=grade.grade,
        rating=rating,
        base=base,
        grade_percent=share,
        uplift_percent=uplift,
        amount=amount,
        trail=trail,
    )
