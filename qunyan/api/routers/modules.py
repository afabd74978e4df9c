"""Each module's records for programs, through the one record_list pattern (api/records.py).

Outputs name people by id and name only: ID numbers and phones are in /people/ (masked).
"""

import datetime
from decimal import Decimal

from ninja import Field, Router, Schema

from qunyan.casework.models import MediationCase, ServiceRecord
from qunyan.duties.choices import DivisionStatus
from qunyan.duties.models import Assignment as DutyAssignment
from qunyan.duties.models import ChiefPost
from qunyan.evaluation.models import CadreGrade, Commendation, VillageRating
from qunyan.mentoring.models import Mentor, Mentorship
from qunyan.party.models import DevelopmentRecord
from qunyan.talents.models import Campaign, Outreach, OutsideTalent
from qunyan.training.models import Attendance, TrainingClass, TrainingNeed

from ..records import record_list
from ..versions import Versioned

router = Router(tags=["modules"])


class TalentOut(Versioned):
    """在外人才: someone from the town working or doing business elsewhere."""

    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    village_id: int = Field(..., alias="person.unit_id")
    place: str
    trade: str
    employer: str
    home_time: str
    returned_on: datetime.date | None
    business_started_on: datetime.date | None
    jobs_created: int | None
    investment: Decimal | None


class OutreachOut(Versioned):
    """走访座谈: a home visit or symposium with someone working elsewhere."""

    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    date: datetime.date
    way: str
    occasion: str
    campaign_id: int | None
    intent: str
    follow_up_on: datetime.date | None
    follow_up_done_on: datetime.date | None


class CampaignOut(Versioned):
    """A holiday outreach campaign (春节, 国庆 …) of a town."""

    id: int
    town_id: int
    name: str
    occasion: str
    starts_on: datetime.date
    ends_on: datetime.date


class MentorOut(Versioned):
    """导师: a mentor in the register."""

    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    kind: str
    strengths: list[str]
    capacity: int
    available: bool


class MentorshipOut(Versioned):
    """导师帮带: a mentor and a young cadre paired from one date (to another)."""

    id: int
    mentor_id: int
    mentor_name: str = Field(..., alias="mentor.name")
    mentee_id: int
    mentee_name: str = Field(..., alias="mentee.name")
    principle: str
    started_on: datetime.date
    ended_on: datetime.date | None


record_list(
    router,
    "/talents/",
    name="talents",
    rows=lambda: OutsideTalent.objects.select_related("person"),
    unit_field="person__unit",
    out=TalentOut,
    year_lookup="returned_on__year",
)
record_list(
    router,
    "/talents/outreach/",
    name="outreach",
    rows=lambda: Outreach.objects.select_related("person"),
    unit_field="person__unit",
    out=OutreachOut,
    year_lookup="date__year",
)
record_list(
    router,
    "/talents/campaigns/",
    name="campaigns",
    rows=lambda: Campaign.objects.all(),
    unit_field="town",
    village_field=None,
    out=CampaignOut,
    year_lookup="starts_on__year",
)
record_list(
    router,
    "/mentoring/mentors/",
    name="mentors",
    rows=lambda: Mentor.objects.select_related("person"),
    unit_field="person__unit",
    out=MentorOut,
)
record_list(
    router,
    "/mentoring/pairs/",
    name="mentorships",
    rows=lambda: Mentorship.objects.select_related("mentor", "mentee"),
    unit_field="mentee__unit",
    out=MentorshipOut,
    year_lookup="started_on__year",
)


class TrainingClassOut(Versioned):
    """培训班: a class of a programme held by a town."""

    id: int
    town_id: int
    code: str
    name: str
    programme: str
    category: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    hours: Decimal | None


class AttendanceOut(Versioned):
    """参训记录: a person who attended a class (one 人次)."""

    id: int
    training_class_id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    completed: bool


class ServiceRecordOut(Versioned):
    """服务记录: a service given to villagers by a three-chief team member."""

    id: int
    village_id: int
    group_id: int | None
    category_name: str = Field(..., alias="category.name")
    date: datetime.date
    place: str
    served_count: int
    summary: str
    hours: Decimal


class MediationCaseOut(Versioned):
    """调解: a dispute mediation case (the parties stay in the web pages, masked)."""

    id: int
    village_id: int
    title: str
    case_type: str
    received_on: datetime.date
    result: str
    closed_on: datetime.date | None
    follow_up_on: datetime.date | None
    follow_up_done_on: datetime.date | None


record_list(
    router,
    "/training/classes/",
    name="training_classes",
    rows=lambda: TrainingClass.objects.all(),
    unit_field="town",
    village_field=None,
    out=TrainingClassOut,
    year_lookup="starts_on__year",
)
record_list(
    router,
    "/training/attendance/",
    name="training_attendance",
    rows=lambda: Attendance.objects.select_related("person"),
    unit_field="person__unit",
    out=AttendanceOut,
    year_lookup="training_class__starts_on__year",
)


class TrainingNeedOut(Schema):
    """因需开班: a training need submitted for a person, waiting for (or placed in) a class."""

    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    village_id: int = Field(..., alias="person.unit_id")
    topic: str
    note: str
    status: str
    training_class_id: int | None
    submitted_at: datetime.datetime


record_list(
    router,
    "/training/needs/",
    name="training_needs",
    rows=lambda: TrainingNeed.objects.select_related("person"),
    unit_field="person__unit",
    out=TrainingNeedOut,
    year_lookup="submitted_at__year",
)
record_list(
    router,
    "/casework/services/",
    name="service_records",
    rows=lambda: ServiceRecord.objects.select_related("category"),
    unit_field="village",
    out=ServiceRecordOut,
    year_lookup="date__year",
)
record_list(
    router,
    "/casework/cases/",
    name="mediation_cases",
    rows=lambda: MediationCase.objects.all(),
    unit_field="village",
    out=MediationCaseOut,
    year_lookup="received_on__year",
)


class DutyAssignmentOut(Schema):
    """分工: a cadre's duty in the division in force in their village, with its score parts."""

    id: int
    division_id: int
    village_id: int = Field(..., alias="division.village_id")
    version: int = Field(..., alias="division.version")
    person_id: int
    person_name: str = Field(..., alias="person.name")
    duty_name: str
    score: int
    parts: dict[str, int]


class ChiefPostOut(Schema):
    """三长制: a seat of a villager group's three-chief team and who holds it."""

    id: int
    group_id: int
    role: str
    person_id: int | None
    person_name: str | None = Field(None, alias="person.name")
    started_on: datetime.date
    ended_on: datetime.date | None


record_list(
    router,
    "/duties/assignments/",
    name="duty_assignments",
    rows=lambda: DutyAssignment.objects.select_related("division", "person").filter(
        division__status=DivisionStatus.CURRENT
    ),
    unit_field="division__village",
    out=DutyAssignmentOut,
)
record_list(
    router,
    "/duties/chiefs/",
    name="chief_posts",
    rows=lambda: ChiefPost.objects.select_related("person", "group"),
    unit_field="group",
    village_field="group__parent",
    out=ChiefPostOut,
    year_lookup="started_on__year",
)


class VillageRatingOut(Versioned):
    """年度考评: a village's rating (红旗村 / 模范村 / 先进村 / 一般) for a year."""

    id: int
    village_id: int
    year: int
    rating: str
    total_score: Decimal | None
    source: str


class CadreGradeOut(Versioned):
    """A cadre's annual grade (优秀 / 称职 / 基本称职 / 不称职)."""

    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    village_id: int
    year: int
    grade: str


class CommendationOut(Versioned):
    """表彰奖励: an honour, by the authority that gave it, to a person or a whole village."""

    id: int
    person_id: int | None
    village_id: int | None
    year: int
    title: str
    authority: str


record_list(
    router,
    "/evaluation/ratings/",
    name="village_ratings",
    rows=lambda: VillageRating.objects.all(),
    unit_field="village",
    out=VillageRatingOut,
    year_lookup="year",
)
record_list(
    router,
    "/evaluation/grades/",
    name="cadre_grades",
    rows=lambda: CadreGrade.objects.select_related("person"),
    unit_field="village",
    out=CadreGradeOut,
    year_lookup="year",
)
record_list(
    router,
    "/evaluation/commendations/",
    name="commendations",
    rows=lambda: Commendation.objects.filter(person__isnull=False),
    unit_field="person__unit",
    out=CommendationOut,
    year_lookup="year",
)
record_list(
    router,
    "/evaluation/village-honours/",
    name="village_honours",
    rows=lambda: Commendation.objects.filter(village__isnull=False),
    unit_field="village",
    out=CommendationOut,
    year_lookup="year",
)


class DevelopmentRecordOut(Versioned):
    """发展党员: a person's path from application to full member (stage dates and source)."""

    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    village_id: int = Field(..., alias="person.unit_id")
    source_category: str
    applied_on: datetime.date
    activist_on: datetime.date | None
    candidate_on: datetime.date | None
    admitted_on: datetime.date | None
    converted_on: datetime.date | None
    extension_months: int | None
    cancelled_on: datetime.date | None


record_list(
    router,
    "/party/records/",
    name="development_records",
    rows=lambda: DevelopmentRecord.objects.select_related("person"),
    unit_field="person__unit",
    out=DevelopmentRecordOut,
    year_lookup="applied_on__year",
)
