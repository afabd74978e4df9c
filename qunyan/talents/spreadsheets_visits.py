"""A cadre's visit list of a campaign as an .xlsx download, with blank columns to fill in."""

from collections.abc import Sequence

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from qunyan.core.audit import Action, audit_record
from qunyan.core.models import Account
from qunyan.core.xlsx import safe_row

from .models import Assignment, Campaign


def visit_list_response(
    campaign: Campaign,
    assignments: Sequence[Assignment],
    *,
    visitor_name: str,
    by: Account,
    reveal: bool = False,
) -> HttpResponse:
    """One row per person to visit; phone numbers masked unless `reveal` (audited either way)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Visit list"))
    sheet.append([campaign.name, visitor_name or _("Nobody yet")])
    sheet.append(
        [
            pgettext("person", "Name"),
            _("Village or community"),
            _("Place of work or business"),
            _("Trade"),
            _("Employer or own business"),
            _("Phone"),
            _("Expected home on"),
            _("Note"),
            _("Visit date"),
            _("Intent to return"),
            _("What was said"),
        ]
    )
    for assignment in assignments:
        person = assignment.person
        talent = getattr(person, "outside_talent", None)
        sheet.append(
            safe_row(
                sheet,
                [
                    person.name,
                    person.unit.name,
                    talent.place if talent else "",
                    talent.trade if talent else "",
                    talent.employer if talent else "",
                    person.phone if reveal else person.masked_phone,
                    assignment.expected_on,
                    assignment.note,
                    "",
                    "",
                    "",
                ],
            )
        )
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="visits-{campaign.pk}-{campaign.starts_on:%Y%m%d}.xlsx"'
    )
    book.save(response)
    note = _("Visit list of %(visitor)s") % {"visitor": visitor_name or _("Nobody yet")}
    if reveal:
        audit_record(
            action=Action.REVEAL,
            actor=by,
            target=campaign,
            note=_("%(list)s, with full phone numbers") % {"list": note},
        )
    audit_record(action=Action.EXPORT, actor=by, target=campaign, note=note)
    return response
