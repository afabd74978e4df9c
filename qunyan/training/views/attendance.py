"""A session's attendance: the roll with corrections, the sign-in sheet, and QR check-in."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.roles import Capability
from qunyan.people.models import Person

from ..attendance import presence_correct, qr_check_in, qr_refusal, token_read
from ..forms import PresenceForm
from ..selectors import people_in_scope, session_get, session_roll
from ..signin import sheet_lines, signin_workbook_response
from ..workflow import checkin_window
from .common import or_404


@requires(Capability.VIEW_PEOPLE)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    session = or_404(lambda: session_get(scope=scope, pk=pk))
    roll = session_roll(scope=scope, session=session)
    opens, closes = checkin_window(session)
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "training_class": session.training_class,
            "roll": roll,
            "present": sum(1 for _person, p in roll if p and p.present),
            "opens": opens,
            "closes": closes,
            "correct_form": PresenceForm(),
            "current": "classes",
        },
    )


@requires(Capability.MANAGE_TRAINING)
@require_POST
def presence_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    session = or_404(lambda: session_get(scope=scope, pk=pk))
    form = PresenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose present or absent and say why."))
        return redirect("training:session-detail", pk=pk)
    person = or_404(
        lambda: people_in_scope(scope, Person.objects.all(), field="").get(
            pk=form.cleaned_data["person"]
        )
    )
    try:
        presence_correct(
            session=session,
            person=person,
            present=form.cleaned_data["present"],
            reason=form.cleaned_data["reason"],
            now=timezone.now(),
            by=account_of(request),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Attendance corrected for %(name)s.") % {"name": person.name})
    return redirect("training:session-detail", pk=pk)


@requires(Capability.MANAGE_TRAINING)
def signin_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    session = or_404(lambda: session_get(scope=scope, pk=pk))
    roll = session_roll(scope=scope, session=session)
    if request.GET.get("format") == "xlsx":
        return signin_workbook_response(session, roll, by=account_of(request))
    return render(
        request,
        "training/signin_sheet.html",
        {
            "session": session,
            "training_class": session.training_class,
            "lines": sheet_lines(request, session, roll),
        },
    )


@requires(Capability.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    """The page a scanned QR code opens on the organiser's phone: confirm, then signed in."""
    scope = scope_of(request)
    try:
        subject = token_read(token)
    except ValidationError as exc:
        return _refused(request, exc.messages[0], None, None)
    session = or_404(lambda: session_get(scope=scope, pk=subject.session_id))
    person = or_404(
        lambda: people_in_scope(scope, Person.objects.select_related("unit"), field="").get(
            pk=subject.person_id
        )
    )
    if request.method == "POST":
        try:
            qr_check_in(session=session, person=person, now=timezone.now(), by=account_of(request))
        except ValidationError as exc:
            return _refused(request, exc.messages[0], session, person)
        return render(
            request,
            "training/check_in.html",
            {"session": session, "person": person, "done": True},
        )
    refusal = qr_refusal(session, person, timezone.now())
    if refusal:
        return _refused(request, refusal, session, person)
    return render(request, "training/check_in.html", {"session": session, "person": person})


def _refused(request: HttpRequest, reason: str, session: object, person: object) -> HttpResponse:
    if session is None and person is None and not reason:
        raise Http404
    return render(
        request,
        "training/check_in.html",
        {"session": session, "person": person, "refusal": reason},
        status=409 if session is not None else 400,
    )
