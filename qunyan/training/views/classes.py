"""Classes: the list by programme, a class with its sessions and enrolment, and their forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability
from qunyan.core.versions import version_of

from ..choices import Programme
from ..forms import ClassForm, EnrolForm, SessionForm
from ..models import Enrolment
from ..selectors import class_attendances, class_enrolments, class_get, class_list, session_get
from ..services import (
    CLASS_FIELDS,
    class_delete,
    class_save,
    enrolment_remove,
    people_enrol,
    session_delete,
    session_save,
)
from .common import or_404, page_number, working_town


@requires(Capability.VIEW_PEOPLE)
def class_list_view(request: HttpRequest) -> HttpResponse:
    programme = request.GET.get("programme", "")
    programme = programme if programme in Programme.values else ""
    classes = class_list(scope=scope_of(request), programme=programme, q=request.GET.get("q", ""))
    page = Paginator(classes, 30).get_page(page_number(request))
    return render(
        request,
        "training/class_list.html",
        {
            "page": page,
            "programme": programme,
            "programmes": Programme.choices,
            "q": request.GET.get("q", ""),
            "current": "classes",
        },
    )


@requires(Capability.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def class_add(request: HttpRequest) -> HttpResponse:
    form = ClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training_class = class_save(
                town=working_town(request), data=form.cleaned_data, by=account_of(request)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The class was created. Add its sessions."))
            return redirect("training:class-detail", pk=training_class.pk)
    return render(request, "training/class_form.html", {"form": form, "current": "classes"})


@requires(Capability.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def class_edit(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = or_404(lambda: class_get(scope=scope_of(request), pk=pk))
    initial = {name: getattr(training_class, name) for name in CLASS_FIELDS}
    initial["version"] = version_of(training_class)
    form = ClassForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            class_save(
                town=training_class.town,
                data=form.cleaned_data,
                training_class=training_class,
                by=account_of(request),
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("training:class-detail", pk=training_class.pk)
    return render(
        request,
        "training/class_form.html",
        {"form": form, "training_class": training_class, "current": "classes"},
    )


@requires(Capability.MANAGE_TRAINING)
@require_POST
def class_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = or_404(lambda: class_get(scope=scope_of(request), pk=pk))
    class_delete(training_class=training_class, by=account_of(request))
    messages.success(request, _("The class was deleted."))
    return redirect("training:class-list")


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    training_class = or_404(lambda: class_get(scope=scope, pk=pk))
    user = account_of(request)
    session_form = SessionForm(
        request.POST if "add-session" in request.POST else None, town=training_class.town
    )
    enrol_form = EnrolForm(request.POST if "enrol" in request.POST else None, scope=scope)
    if request.method == "POST":
        if not user.can(Capability.MANAGE_TRAINING):
            raise Http404
        try:
            if "add-session" in request.POST and session_form.is_valid():
                session_save(training_class=training_class, data=session_form.cleaned_data, by=user)
                messages.success(request, _("The session was added."))
                return redirect("training:class-detail", pk=pk)
            if "enrol" in request.POST and enrol_form.is_valid():
                added = people_enrol(
                    training_class=training_class,
                    people=list(enrol_form.cleaned_data["people"]),
                    by=user,
                )
                messages.success(request, _("%(n)d people enrolled.") % {"n": added})
                return redirect("training:class-detail", pk=pk)
        except ValidationError as exc:
            add_service_errors(session_form if "add-session" in request.POST else enrol_form, exc)
    sessions = training_class.sessions.select_related("teacher")
    attendances = class_attendances(scope=scope, training_class=training_class)
    return render(
        request,
        "training/class_detail.html",
        {
            "training_class": training_class,
            "sessions": [(s, s.presences.filter(present=True).count()) for s in sessions],
            "enrolments": class_enrolments(scope=scope, training_class=training_class),
            "attendances": attendances,
            "person_times": training_class.attendances.count(),
            "session_form": session_form,
            "enrol_form": enrol_form,
            "current": "classes",
        },
    )


@requires(Capability.MANAGE_TRAINING)
@require_POST
def enrolment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    enrolment = or_404(
        lambda: Enrolment.objects.select_related("training_class").get(
            pk=pk, training_class__town__in=scope.towns()
        )
    )
    enrolment_remove(enrolment=enrolment, by=account_of(request))
    messages.success(request, _("The invitation was taken back."))
    return redirect("training:class-detail", pk=enrolment.training_class_id)


@requires(Capability.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = or_404(lambda: session_get(scope=scope_of(request), pk=pk))
    initial = {
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "place": session.place,
        "venue": session.venue,
        "topic": session.topic,
        "hours": session.hours,
        "teacher": session.teacher,
    }
    form = SessionForm(request.POST or None, initial=initial, town=session.training_class.town)
    if request.method == "POST" and form.is_valid():
        try:
            session_save(
                training_class=session.training_class,
                data=form.cleaned_data,
                session=session,
                by=account_of(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("training:session-detail", pk=session.pk)
    return render(
        request,
        "training/session_form.html",
        {"form": form, "session": session, "current": "classes"},
    )


@requires(Capability.MANAGE_TRAINING)
@require_POST
def session_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = or_404(lambda: session_get(scope=scope_of(request), pk=pk))
    class_id = session.training_class_id
    session_delete(session=session, by=account_of(request))
    messages.success(request, _("The session was deleted."))
    return redirect("training:class-detail", pk=class_id)
