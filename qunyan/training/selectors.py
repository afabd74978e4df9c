"""Reads of training, always narrowed by the acting account's Scope."""

import datetime
from typing import Any, TypeVar

from django.db import models
from django.db.models import Count, Q, QuerySet

from qunyan.core.models import Towns
from qunyan.core.scopes import Scope
from qunyan.people.models import Person

from .choices import NeedStatus
from .models import (
    Attendance,
    Enrolment,
    Nomination,
    Session,
    SessionAttendance,
    Teacher,
    TrainingClass,
    TrainingNeed,
)

M = TypeVar("M", bound=models.Model)


def classes_started_in_period(
    *, towns: Towns, period_from: datetime.date, period_to: datetime.date
) -> QuerySet[TrainingClass]:
    """The towns' classes that start within the closed period."""
    return TrainingClass.objects.filter(
        town__in=towns, starts_on__gte=period_from, starts_on__lte=period_to
    )


def class_list(
    *, scope: Scope, programme: str = "", year: int | None = None, q: str = ""
) -> QuerySet[TrainingClass]:
    """Classes of the towns the account works in, newest first, with their 人次."""
    classes = TrainingClass.objects.filter(town__in=scope.towns())
    if programme:
        classes = classes.filter(programme=programme)
    if year:
        classes = classes.filter(starts_on__year=year)
    if q:
        classes = classes.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return classes.annotate(
        person_times=Count("attendances", distinct=True),
        session_count=Count("sessions", distinct=True),
    ).order_by("-starts_on", "code")


def class_get(*, scope: Scope, pk: int) -> TrainingClass:
    """A class of a town in scope, or TrainingClass.DoesNotExist (the view answers 404)."""
    return TrainingClass.objects.select_related("town").get(pk=pk, town__in=scope.towns())


def session_get(*, scope: Scope, pk: int) -> Session:
    return Session.objects.select_related("training_class__town", "teacher").get(
        pk=pk, training_class__town__in=scope.towns()
    )


def people_in_scope(scope: Scope, queryset: QuerySet[M], field: str = "person") -> QuerySet[M]:
    """Rows about people, narrowed to the people the account may see."""
    return scope.filter(queryset, unit_field=f"{field}__unit" if field else "unit")


def class_enrolments(*, scope: Scope, training_class: TrainingClass) -> QuerySet[Enrolment]:
    return people_in_scope(
        scope, training_class.enrolments.select_related("person__unit")
    ).order_by("person__unit__name", "person__name_pinyin")


def class_attendances(*, scope: Scope, training_class: TrainingClass) -> QuerySet[Attendance]:
    return people_in_scope(
        scope, training_class.attendances.select_related("person__unit")
    ).order_by("person__unit__name", "person__name_pinyin")


def session_roll(
    *, scope: Scope, session: Session
) -> list[tuple[Person, SessionAttendance | None]]:
    """Everyone enrolled in the session's class (in scope), with their presence if recorded."""
    presences = {p.person_id: p for p in session.presences.select_related("by")}
    enrolled = class_enrolments(scope=scope, training_class=session.training_class)
    return [(e.person, presences.get(e.person_id)) for e in enrolled]


def teacher_list(*, scope: Scope) -> QuerySet[Teacher]:
    return Teacher.objects.filter(town__in=scope.towns()).annotate(session_count=Count("sessions"))


def need_list(
    *, scope: Scope, status: str = NeedStatus.OPEN, topic: str = ""
) -> QuerySet[TrainingNeed]:
    needs = people_in_scope(
        scope, TrainingNeed.objects.select_related("person__unit", "training_class")
    )
    if status:
        needs = needs.filter(status=status)
    if topic:
        needs = needs.filter(topic=topic)
    return needs


def need_demand(*, scope: Scope) -> list[dict[str, Any]]:
    """Open needs per topic: how many people and how many villages ask, most wanted first."""
    rows = (
        need_list(scope=scope)
        .values("topic")
        .annotate(
            people=Count("person", distinct=True), villages=Count("person__unit", distinct=True)
        )
        .order_by("-people", "topic")
    )
    return list(rows)


def nomination_list(*, scope: Scope, status: str = "", track: str = "") -> QuerySet[Nomination]:
    nominations = people_in_scope(scope, Nomination.objects.select_related("person__unit"))
    if status:
        nominations = nominations.filter(status=status)
    if track:
        nominations = nominations.filter(track=track)
    return nominations


def nomination_get(*, scope: Scope, pk: int) -> Nomination:
    return nomination_list(scope=scope).get(pk=pk)
