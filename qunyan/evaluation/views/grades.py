"""Individual annual grades: the villages' quotas and each village's grading form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability

from ..choices import Grade
from ..forms import GradesForm
from ..selectors import flagged_in_town, grade_sheet, villages_of
from ..services import grades_save
from .common import village_in_scope, year_of, years_around


@requires(Capability.VIEW_PEOPLE)
def grades(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    year = year_of(request, town)
    scope = scope_of(request)
    sheets = [grade_sheet(village=v, year=year) for v in villages_of(scope=scope, town=town)]
    return render(
        request,
        "evaluation/grades.html",
        {
            "town": town,
            "year": year,
            "years": years_around(year),
            "sheets": sheets,
            "flagged": flagged_in_town(scope=scope, town=town, year=year),
        },
    )


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def village_grades(request: HttpRequest, pk: int) -> HttpResponse:
    village = village_in_scope(request, pk)
    year = year_of(request, village.parent)  # type: ignore[arg-type]
    sheet = grade_sheet(village=village, year=year)
    user = account_of(request)
    can_grade = user.can(Capability.MANAGE_EVALUATION)
    form = GradesForm(request.POST if request.method == "POST" else None, people=sheet.people)
    if request.method == "POST":
        if not can_grade:
            raise PermissionDenied
        if form.is_valid():
            try:
                grades_save(
                    village=village,
                    year=year,
                    grades=form.grades(),
                    by=user,
                    scope=scope_of(request),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Grades saved."))
                url = reverse("evaluation:grades")
                return redirect(f"{url}?year={year}&town={village.parent_id}")
    return render(
        request,
        "evaluation/village_grades.html",
        {
            "village": village,
            "year": year,
            "sheet": sheet,
            "form": form,
            "can_grade": can_grade,
            "rows": [
                (person, post, Grade(grade).label if grade else "—", person.pk in sheet.flagged)
                for person, post, grade in sheet.people
            ],
        },
    )
