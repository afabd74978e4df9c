"""Writes to ratings, indicator scores, grades and commendations (pay and subsidies: services_pay).

Every write: validate, one transaction, write, audit.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunyan.core.audit import Action, audit_record, diff_fields
from qunyan.core.models import VILLAGE_KINDS, Account, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.core.versions import require_unchanged
from qunyan.people.models import Person
from qunyan.people.services import person_names_and_towns

from .choices import Grade, Rating, RatingSource
from .indicators import indicator_source, ratings_from_totals, weighted_total
from .models import CadreGrade, Commendation, IndicatorScore, VillageRating
from .rules import indicator_weights
from .workflow import assessed_ids, excellent_quota, quota_error


def village_ratings_upsert(
    *, records: Sequence[dict[str, Any]], by: Account | None
) -> UpsertCounts:
    """Create or update annual ratings keyed by (village, year)."""
    village_ids = {record["village_id"] for record in records}
    names = dict(OrgUnit.objects.filter(pk__in=village_ids).values_list("pk", "name"))
    return records_upsert(
        VillageRating,
        key=("village_id", "year"),
        rows=records,
        by=by,
        describe=lambda rating: f"{rating.year} {names[rating.village_id]}",
    )


def commendations_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update commendations keyed by (person, year, title)."""
    names, town_of = person_names_and_towns(record["person_id"] for record in records)
    # The town that keeps the honour: the person's town when it is written.
    rows = [{"town_id": town_of[record["person_id"]], **record} for record in records]
    return records_upsert(
        Commendation,
        key=("person_id", "year", "title"),
        rows=rows,
        by=by,
        describe=lambda honour: f"{honour.year} {honour.title}: {names[honour.person_id]}",
    )


def _village_in_scope(village: OrgUnit, scope: Scope) -> None:
    scope.require(Capability.MANAGE_EVALUATION)
    if village.kind not in VILLAGE_KINDS or not scope.contains(village):
        raise ValidationError(_("This village is outside your area."))


@transaction.atomic
def indicator_scores_save(
    *,
    village: OrgUnit,
    year: int,
    scores: Mapping[str, Decimal | None],
    by: Account | None,
    scope: Scope,
) -> None:
    """Set a village's indicator scores for a year; None clears one."""
    _village_in_scope(village, scope)
    errors = {
        key: [_("A score lies between 0 and 100.")]
        for key, value in scores.items()
        if value is not None and not Decimal(0) <= value <= Decimal(100)
    }
    unknown = set(scores) - set(indicator_weights())
    if unknown:
        errors["__all__"] = [_("Unknown indicator: %(keys)s.") % {"keys": ", ".join(unknown)}]
    if errors:
        raise ValidationError(errors)
    existing = {s.indicator: s for s in IndicatorScore.objects.filter(village=village, year=year)}
    changes: dict[str, list[Any]] = {}
    for key, value in scores.items():
        old = existing.get(key)
        if value is None:
            if old is not None:
                old.delete()
                changes[key] = [str(old.score), None]
        elif old is None:
            IndicatorScore.objects.create(village=village, year=year, indicator=key, score=value)
            changes[key] = [None, str(value)]
        elif old.score != value:
            changes[key] = [str(old.score), str(value)]
            old.score = value
            old.save(update_fields=["score", "updated_at"])
    if changes:
        audit_record(
            action=Action.UPDATE,
            actor=by,
            target=village,
            target_repr=_("%(year)d indicator scores of %(village)s")
            % {"year": year, "village": village.name},
            changes=changes,
        )


@transaction.atomic
def indicator_scores_fill(
    *, town: OrgUnit, year: int, key: str, by: Account | None, scope: Scope
) -> int:
    """Take one indicator's scores from the module that registered it; the count written."""
    source = indicator_source(key)
    if source is None or key not in indicator_weights():
        raise ValidationError(_("No module offers scores for this indicator."))
    villages = {v.pk: v for v in scope.units().filter(parent=town, kind__in=VILLAGE_KINDS)}
    written = 0
    for village_id, score in source.scores(town, year).items():
        if village_id in villages:
            capped = min(max(Decimal(score), Decimal(0)), Decimal(100))
            indicator_scores_save(
                village=villages[village_id], year=year, scores={key: capped}, by=by, scope=scope
            )
            written += 1
    return written


def village_totals(*, town: OrgUnit, year: int, scope: Scope) -> dict[int, Decimal]:
    """Each scored village's weighted total for a year."""
    scores: dict[int, dict[str, Decimal]] = {}
    rows = IndicatorScore.objects.filter(village__parent=town, year=year)
    for row in scope.filter(rows, "village"):
        scores.setdefault(row.village_id, {})[row.indicator] = row.score
    return {village_id: weighted_total(own) for village_id, own in scores.items()}


@transaction.atomic
def ratings_compute(*, town: OrgUnit, year: int, by: Account | None, scope: Scope) -> int:
    """Rate every scored village of the town from its total (minimums and caps as set)."""
    scope.require(Capability.MANAGE_EVALUATION)
    if not scope.contains(town):
        raise ValidationError(_("This town is outside your area."))
    totals = village_totals(town=town, year=year, scope=scope)
    if not totals:
        raise ValidationError(_("No village has scores for %(year)d yet.") % {"year": year})
    ratings = ratings_from_totals([(str(pk), total) for pk, total in totals.items()])
    records = [
        {
            "village_id": pk,
            "year": year,
            "rating": ratings[str(pk)],
            "total_score": total,
            "source": RatingSource.COMPUTED,
        }
        for pk, total in totals.items()
    ]
    village_ratings_upsert(records=records, by=by)
    return len(records)


@transaction.atomic
def rating_set(
    *, village: OrgUnit, year: int, rating: str, by: Account | None, scope: Scope
) -> None:
    """Enter a village's rating directly (it replaces a computed one)."""
    _village_in_scope(village, scope)
    Rating(rating)
    village_ratings_upsert(
        records=[
            {
                "village_id": village.pk,
                "year": year,
                "rating": rating,
                "total_score": None,
                "source": RatingSource.ENTERED,
            }
        ],
        by=by,
    )


@transaction.atomic
def grades_save(
    *, village: OrgUnit, year: int, grades: Mapping[int, str], by: Account | None, scope: Scope
) -> None:
    """Grade a village's assessed cadres for a year ("" clears); the 优秀 quota is enforced."""
    _village_in_scope(village, scope)
    # One grading of a village at a time, so two saves cannot pass the quota together.
    OrgUnit.objects.select_for_update().filter(pk=village.pk).first()
    assessed = assessed_ids(village, year)
    strangers = set(grades) - assessed
    if strangers:
        raise ValidationError(_("Only the village's committee members of the year are graded."))
    current = {g.person_id: g for g in CadreGrade.objects.filter(village=village, year=year)}
    # The village's grades after this save: kept, changed or added; "" clears one.
    merged = {pid: g.grade for pid, g in current.items()} | dict(grades)
    wanted = {pid: Grade(grade).value for pid, grade in merged.items() if grade}
    rated = VillageRating.objects.filter(village=village, year=year).first()
    quota = excellent_quota(len(assessed), rated.rating if rated else None)
    problem = quota_error(
        excellent=sum(1 for g in wanted.values() if g == Grade.EXCELLENT), quota=quota
    )
    if problem:
        raise ValidationError(problem)
    elsewhere = CadreGrade.objects.filter(person_id__in=wanted, year=year).exclude(village=village)
    if elsewhere.exists():
        raise ValidationError(_("Someone was already graded in another village this year."))
    names = dict(Person.objects.filter(pk__in=assessed).values_list("pk", "name"))
    for pid in set(current) | set(wanted):
        old, new = current.get(pid), wanted.get(pid)
        describe = f"{year} {names.get(pid, pid)}"
        if old is not None and new is None:
            audit_record(
                action=Action.DELETE,
                actor=by,
                target=old,
                target_repr=describe,
                changes={"grade": [old.grade, None]},
            )
            old.delete()
        elif old is None and new is not None:
            made = CadreGrade.objects.create(person_id=pid, village=village, year=year, grade=new)
            audit_record(
                action=Action.CREATE,
                actor=by,
                target=made,
                target_repr=describe,
                changes={"grade": [None, new]},
            )
        elif old is not None and new is not None and old.grade != new:
            audit_record(
                action=Action.UPDATE,
                actor=by,
                target=old,
                target_repr=describe,
                changes={"grade": [old.grade, new]},
            )
            old.grade = new
            old.save(update_fields=["grade", "updated_at"])


@transaction.atomic
def commendation_save(
    *,
    commendation: Commendation | None = None,
    person: Person | None,
    village: OrgUnit | None,
    year: int,
    title: str,
    authority: str,
    by: Account | None,
    scope: Scope,
    version: str = "",
) -> Commendation:
    """Record an honour of one person or one village (the 表彰奖励 sheet's row, by hand).

    `version`: the honour as the editor opened it (optimistic locking, core/versions.py).
    """
    scope.require(Capability.MANAGE_EVALUATION)
    if commendation is not None:
        require_unchanged(commendation, version)
    errors: dict[str, list[str]] = {}
    if (person is None) == (village is None):
        errors["__all__"] = [_("An honour goes to one person or to one village.")]
    elif person is not None and not scope.contains(person.unit):
        errors["person"] = [_("This person is outside your area.")]
    elif village is not None and (village.kind not in VILLAGE_KINDS or not scope.contains(village)):
        errors["village"] = [_("This village is outside your area.")]
    title, authority = title.strip(), authority.strip()
    if not title:
        errors["title"] = [_("This field is required.")]
    if not authority:
        errors["authority"] = [_("This field is required.")]
    same = Commendation.objects.filter(
        person=person, village=village if person is None else None, year=year, title=title
    )
    if commendation is not None:
        same = same.exclude(pk=commendation.pk)
    if not errors and same.exists():
        errors["title"] = [_("This honour of that year is already recorded.")]
    if errors:
        raise ValidationError(errors)
    values = {
        "person_id": person.pk if person else None,
        "village_id": village.pk if village and person is None else None,
        "year": year,
        "title": title,
        "authority": authority,
    }
    # The town that keeps the honour: its person's, or the honoured village's, when written.
    town_id = person.town_id if person is not None else village.town_id if village else None
    assert town_id is not None
    if commendation is None:
        commendation = Commendation.objects.create(town_id=town_id, **values)
        audit_record(
            action=Action.CREATE, actor=by, target=commendation, changes=diff_fields({}, values)
        )
        return commendation
    old = {name: getattr(commendation, name) for name in values}
    changes = diff_fields(old, values)
    if changes:
        for name, value in values.items():
            setattr(commendation, name, value)
        if "person_id" in changes or "village_id" in changes:
            commendation.town_id = town_id
        commendation.save()
        audit_record(action=Action.UPDATE, actor=by, target=commendation, changes=changes)
    return commendation


@transaction.atomic
def commendation_delete(*, commendation: Commendation, by: Account | None, scope: Scope) -> None:
    scope.require(Capability.MANAGE_EVALUATION)
    audit_record(action=Action.DELETE, actor=by, target=commendation)
    commendation.delete()
