"""The 发展党员纪实表: a person's development record as a Word document for the paper file."""

import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Pt

from qunyan.core.dates import day

from .models import DevelopmentRecord


def record_docx(record: DevelopmentRecord, timeline: list[dict[str, Any]]) -> bytes:
    """The record with the person's particulars (ID masked) and the 25 steps in a table."""
    person = record.person
    document = WordDocument()
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    # Word needs the East Asian font named, or Chinese falls back to whatever is installed.
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    document.add_heading("发展党员纪实表", level=1)
    facts = document.add_table(rows=0, cols=4)
    facts.style = "Table Grid"
    pairs = [
        (pgettext("person", "Name"), person.name, _("Sex"), person.get_gender_display()),
        (
            _("Date of birth"),
            day(person.birth_date),
            _("Education"),
            person.get_education_display(),
        ),
        (_("ID number"), person.masked_id_number, _("Unit"), str(person.unit)),
        (
            _("Source category"),
            record.get_source_category_display(),
            _("Stage"),
            record.stage.label if record.stage else "",
        ),
    ]
    for pair in pairs:
        cells = facts.add_row().cells
        for cell, text in zip(cells, pair, strict=True):
            cell.text = str(text)
    document.add_paragraph()
    steps = document.add_table(rows=1, cols=4)
    steps.style = "Table Grid"
    for cell, text in zip(
        steps.rows[0].cells, (_("Step"), _("Name"), _("Date"), _("Details")), strict=True
    ):
        cell.text = str(text)
    for item in timeline:
        details = list(item["people"])
        details += [
            _(
                "Due %(due)d, present %(present)d, yes %(yes)d, no %(no)d, abstain %(abstain)d, written %(written)d"
            )
            % {
                "due": m.due,
                "present": m.present,
                "yes": m.yes,
                "no": m.no,
                "abstain": m.abstain,
                "written": m.written_yes + m.written_no,
            }
            for m in item["meetings"]
        ]
        details += [f"{day(n.starts_on)}—{day(n.ends_on)}" for n in item["notices"]]
        if item["note"]:
            details.append(item["note"])
        cells = steps.add_row().cells
        cells[0].text = str(item["step"].number)
        cells[1].text = str(item["step"].label)
        cells[2].text = day(item["done_on"])
        cells[3].text = "；".join(details)
    document.add_paragraph()
    document.add_paragraph(_("Documents on file"))
    for doc in record.documents.all():
        document.add_paragraph(
            f"{doc.get_kind_display()}　{day(doc.received_on)}　{doc.note}", style="List Bullet"
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
