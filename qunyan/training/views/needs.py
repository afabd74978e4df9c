"""Training needs (因需开班): villages submit, the town sees demand per topic and opens a class."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.forms import add_service_errors
from qunyan.core.roles import Capability

from ..choices import SUGGESTED_TOPICS, NeedStatus
from ..forms import NeedForm, OpenClassForm
from ..needs import class_open_from_needs, need_submit, need_withdraw
from ..selectors import need_demand, need_list
from .common import or_404, page_number, working_town


def _may_submit(request: HttpRequest) -> bool:
    user = account_of(request)
    return user.can(Capability.CHANGE_PEOPLE) or user.can(Capability.MANAGE_TRAINING)


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET", "POST"])
def need_list_view(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    status = request.GET.get("status", NeedStatus.OPEN)
    status = status if status in NeedStatus.values else ""
    form = NeedForm(request.POST or None, scope=scope)
    if request.method == "POST":
        if not _may_submit(request):
            raise PermissionDenied
        if form.is_valid():
            try:
                need_submit(
                    person=form.cleaned_data["person"],
                    topic=form.cleaned_data["topic"],
                    note=form.cleaned_data["note"],
                    by=account_of(request),
                    scope=scope,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The training need was submitted."))
                return redirect("training:need-list")
    needs = Paginator(need_list(scope=scope, status=status), 30).get_page(page_number(request))
    return render(
        request,
        "training/need_list.html",
        {
            "form": form,
            "may_submit": _may_submit(request),
            "page": needs,
            "status": status,
            "statuses": NeedStatus.choices,
            "demand": need_demand(scope=scope),
            "topics": SUGGESTED_TOPICS,
            "current": "needs",
        },
    )


@requires(Capability.VIEW_PEOPLE)
@require_POST
def need_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not _may_submit(request):
        raise PermissionDenied
    need = or_404(lambda: need_list(scope=scope_of(request), status="").get(pk=pk))
    try:
        need_withdraw(need=need, by=account_of(request))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The need was withdrawn."))
    return redirect("training:need-list")


@requires(Capability.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def class_open(request: HttpRequest) -> HttpResponse:
    """Open a class for one topic's open needs: the class, its first session, the invitations."""
    scope = scope_of(request)
    topic = request.GET.get("topic", "")
    needs = need_list(scope=scope, topic=topic).order_by("person__unit__name", "person__name")
    form = OpenClassForm(
        request.POST or None,
        needs=needs,
        town=working_town(request),
        initial={"name": _("%(topic)s class") % {"topic": topic}},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            training_class = class_open_from_needs(
                town=working_town(request),
                needs=list(data["needs"]),
                class_data={
                    "code": data["code"],
                    "name": data["name"],
                    "programme": data["programme"],
                    "category": topic,
                    "hours": data["class_hours"],
                },
                session_data=data,
                by=account_of(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The class was opened and %(n)d people were invited.")
                % {"n": training_class.enrolments.count()},
            )
            return redirect("training:class-detail", pk=training_class.pk)
    return render(
        request,
        "training/class_open.html",
        {"form": form, "topic": topic, "needs": needs, "current": "needs"},
    )
