"""The survey (摸底) as an .xlsx download."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from qunyan.core.audit import Action, audit_record
from qunyan.core.dates import day
from qunyan.core.models import Account
from qunyan.core.xlsx import safe_row

from .selectors import Survey

COUNTS = (
    "total",
    "age_35_or_under",
    "college_or_above",
    "young_and_college",
    "skilled",
    "women",
    "party_members",
)


def survey_workbook_response(survey: Survey, *, by: Account) -> HttpResponse:
    """One row per village with its counts and shortfall, then the town's totals."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Survey"))
    sheet.append(
        [
            _("Village or community"),
            _("Reserves"),
            _("35 or under"),
            _("College or above"),
            _("35 or under with college"),
            _("With a skill"),
            _("Women"),
            _("Party members"),
            _("Meets the standard"),
            _("What is missing"),
        ]
    )
    for row in survey.villages:
        sheet.append(
            safe_row(
                sheet,
                [
                    row.village.name,
                    *(row.counts[key] for key in COUNTS),
                    _("yes") if row.meets else _("no"),
                    pgettext("list separator", "; ").join(str(gap) for gap in row.missing),
                ],
            )
        )
    sheet.append(
        [_("Town total"), *(survey.totals[key] for key in COUNTS), "", str(len(survey.short))]
    )
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.on:%Y%m%d}.xlsx"'
    book.save(response)
    audit_record(
        action=Action.EXPORT,
        actor=by,
        target=survey.town,
        note=_("Survey of %(date)s") % {"date": day(survey.on)},
    )
    return response
