"""The 25 steps of the 《中国共产党发展党员工作细则》 (2014), in their five stages.

A plain table: the number, the stage it belongs to, its name, and what a step records beyond
its date (people, documents, a vote, a publicity period). Forms, the timeline and the Word
record all read it, so the steps are named the same everywhere.
"""

import enum
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Needs(enum.Enum):
    """What a step records besides its date."""

    TALKER = "talker"
    CONTACTS = "contacts"
    SPONSORS = "sponsors"
    REVIEWER = "reviewer"
    REVIEW = "review"  # the political review's conclusion
    TRAINING = "training"  # days and class hours of the centralised training
    PUBLICITY = "publicity"
    VOTE = "vote"
    OUTCOME = "outcome"  # convert, extend or cancel
    APPROVAL = "approval"  # may use the special-case longer limit


@dataclass(frozen=True)
class Step:
    number: int
    stage: int  # 1–5, as workflow.Stage
    label: Promise
    needs: tuple[Needs, ...] = ()


STEPS = (
    Step(1, 1, _("Application submitted")),
    Step(2, 1, _("Talk by the party organisation"), (Needs.TALKER,)),
    Step(3, 2, _("Recommended and fixed as activist")),
    Step(4, 2, _("Filed with the superior committee")),
    Step(5, 2, _("Cultivation contacts appointed"), (Needs.CONTACTS,)),
    Step(6, 2, _("Education and assessment")),
    Step(7, 3, _("Fixed as development candidate")),
    Step(8, 3, _("Filed with the superior committee")),
    Step(9, 3, _("Sponsors chosen"), (Needs.SPONSORS,)),
    Step(10, 3, _("Political review"), (Needs.REVIEW,)),
    Step(11, 3, _("Centralised training"), (Needs.TRAINING,)),
    Step(12, 4, _("Review by the branch committee"), (Needs.PUBLICITY,)),
    Step(13, 4, _("Pre-review by the superior committee")),
    Step(14, 4, _("Application form for membership filled in")),
    Step(15, 4, _("Branch meeting on admission"), (Needs.VOTE,)),
    Step(16, 4, _("Talk by the superior committee"), (Needs.REVIEWER,)),
    Step(17, 4, _("Approval by the superior committee"), (Needs.APPROVAL,)),
    Step(18, 4, _("Filed with the organisation department above")),
    Step(19, 5, _("Placed in a branch and a party group")),
    Step(20, 5, _("Admission oath")),
    Step(21, 5, _("Continued education and assessment")),
    Step(22, 5, _("Application for conversion"), (Needs.PUBLICITY,)),
    Step(23, 5, _("Branch meeting on conversion"), (Needs.VOTE, Needs.OUTCOME)),
    Step(24, 5, _("Approval by the superior committee"), (Needs.APPROVAL,)),
    Step(25, 5, _("Materials archived")),
)
STEP_BY_NUMBER = {step.number: step for step in STEPS}
LAST_STEP = STEPS[-1].number

# Steps whose date is a stage date of the record (and a column of the 发展党员 sheet).
STAGE_STEPS = {
    1: "applied_on",
    3: "activist_on",
    7: "candidate_on",
    15: "admitted_on",
    23: "converted_on",
}
ADMISSION_MEETING, ADMISSION_APPROVAL = 15, 17
CONVERSION_MEETING, CONVERSION_APPROVAL = 23, 24
ADMISSION_PUBLICITY, CONVERSION_PUBLICITY = 12, 22
