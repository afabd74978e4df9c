"""The sign-in sheet (签到表) of a session: one row and one QR code per enrolled person.

Printed on paper or downloaded as .xlsx; ID and phone numbers are always masked on it.
"""

from dataclasses import dataclass

import segno
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from openpyxl import Workbook

from qunyan.core.audit import Action, audit_record
from qunyan.core.models import Account
from qunyan.core.xlsx import safe_row
from qunyan.people.models import Person

from .attendance import checkin_token
from .models import Session, SessionAttendance


@dataclass(frozen=True)
class SheetLine:
    number: int
    person: Person
    presence: SessionAttendance | None
    url: str

    @property
    def qr_svg(self) -> SafeString:
        """The check-in address as an inline SVG QR code (segno writes no script or style)."""
        svg = segno.make(self.url, error="m", micro=False).svg_inline(scale=3, border=2)
        return mark_safe(svg)  # noqa: S308  (segno's own markup; the URL is ours and escaped)


def checkin_url(request: HttpRequest, session: Session, person: Person) -> str:
    return request.build_absolute_uri(
        reverse("training:check-in", args=[checkin_token(session, person)])
    )


def sheet_lines(
    request: HttpRequest, session: Session, roll: list[tuple[Person, SessionAttendance | None]]
) -> list[SheetLine]:
    return [
        SheetLine(number, person, presence, checkin_url(request, session, person))
        for number, (person, presence) in enumerate(roll, start=1)
    ]


def _when(session: Session) -> str:
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return f"{starts:%Y-%m-%d %H:%M}–{ends:%H:%M}"


def signin_workbook_response(
    session: Session, roll: list[tuple[Person, SessionAttendance | None]], *, by: Account
) -> HttpResponse:
    """The sheet as .xlsx: masked numbers, check-in time when recorded, a column to sign."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Sign-in sheet"))
    training_class = session.training_class
    sheet.append(safe_row(sheet, [f"{training_class.code} {training_class.name}"]))
    sheet.append(safe_row(sheet, [_when(session), session.place, session.get_venue_display()]))
    sheet.append(
        [
            _("No."),
            _("Name"),
            _("Village or community"),
            _("ID number"),
            _("Phone"),
            _("Checked in at"),
            _("Signature"),
        ]
    )
    for number, (person, presence) in enumerate(roll, start=1):
        checked = (
            timezone.localtime(presence.checked_in_at).strftime("%H:%M")
            if presence and presence.present and presence.checked_in_at
            else ""
        )
        sheet.append(
            safe_row(
                sheet,
                [
                    number,
                    person.name,
                    person.unit.name,
                    person.masked_id_number,
                    person.masked_phone,
                    checked,
                    "",
                ],
            )
        )
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime(session.starts_at).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="signin-{session.pk}-{stamp}.xlsx"'
    book.save(response)
    audit_record(action=Action.EXPORT, actor=by, target=session, note=_("Sign-in sheet"))
    return response
