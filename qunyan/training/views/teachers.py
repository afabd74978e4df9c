"""The town's teacher register (师资库)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability

from ..forms import TeacherForm
from ..models import Teacher
from ..selectors import teacher_list
from ..services import teacher_save
from .common import or_404, working_town


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def teacher_list_view(request: HttpRequest) -> HttpResponse:
    user = account_of(request)
    teacher = None
    edit = request.GET.get("edit") or request.POST.get("edit")
    if edit and edit.isdigit():
        teacher = or_404(lambda: teacher_list(scope=scope_of(request)).get(pk=int(edit)))
    initial = (
        {f: getattr(teacher, f) for f in ("name", "kind", "organisation", "speciality")}
        if teacher
        else None
    )
    form = TeacherForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not user.can(Capability.MANAGE_TRAINING):
            raise Http404
        if form.is_valid():
            try:
                teacher_save(
                    town=teacher.town if teacher else working_town(request),
                    data=form.cleaned_data,
                    teacher=teacher if isinstance(teacher, Teacher) else None,
                    by=user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The teacher register was saved."))
                return redirect("training:teacher-list")
    return render(
        request,
        "training/teacher_list.html",
        {
            "teachers": teacher_list(scope=scope_of(request)),
            "form": form,
            "editing": teacher,
            "current": "teachers",
        },
    )
