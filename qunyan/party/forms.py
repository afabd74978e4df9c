from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.choices import PoliticalStatus, SourceCategory
from qunyan.people.models import Person

from .choices import DocumentKind
from .services import StepInput
from .steps import STEP_BY_NUMBER, Needs
from .workflow import STAGE_LABELS, Outcome, Votes

# Pickers need ISO values whatever the language's display format.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
VOTE_FIELDS = ("due", "present", "yes", "no", "abstain", "written_yes", "written_no")


def full_members(scope: Scope) -> QuerySet[Person]:
    """People in scope who are full party members (the only ones who may talk, sponsor …)."""
    people = scope.filter(Person.objects.select_related("unit"))
    return people.filter(
        Q(political_status=PoliticalStatus.CPC_MEMBER)
        | Q(development_record__converted_on__isnull=False)
    ).order_by("name_pinyin", "id")


class MemberChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.unit}）"


class MembersChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.unit}）"


class RecordFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=40)
    stage = forms.TypedChoiceField(
        label=_("Stage"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All stages")), *((int(k), v) for k, v in STAGE_LABELS.items())],
    )


class StartForm(forms.Form):
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=20,
        help_text=_("The person must be in the registry already."),
    )
    applied_on = forms.DateField(label=_("Application submitted on"), widget=DATE)
    source_category = forms.ChoiceField(
        label=_("Source category"), choices=SourceCategory.choices, initial=SourceCategory.OTHER
    )


class StepForm(forms.Form):
    """The next step of a record: its date, and what that step records."""

    on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)
    # The record's version when the page was opened: the step is the one the officer saw next
    # (optimistic locking, core/versions.py), never silently the one after it.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, number: int, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.number = number
        self.step = STEP_BY_NUMBER[number]
        needs = set(self.step.needs)
        self.fields["on"].initial = timezone.localdate()
        members = full_members(scope)
        if needs & {Needs.TALKER, Needs.REVIEWER}:
            self.fields["person"] = MemberChoice(
                label=_("Talker (a full member)"), queryset=members
            )
        if Needs.CONTACTS in needs:
            self.fields["people"] = MembersChoice(
                label=_("Cultivation contacts (1 or 2 full members)"), queryset=members
            )
        if Needs.SPONSORS in needs:
            self.fields["people"] = MembersChoice(
                label=_("Sponsors (2 full members)"), queryset=members
            )
        if Needs.REVIEW in needs:
            self.fields["review_passed"] = forms.TypedChoiceField(
                label=_("Conclusion of the political review"),
                coerce=lambda value: value == "yes",
                choices=[("yes", _("Passed")), ("no", _("Not passed"))],
            )
        if Needs.TRAINING in needs:
            self.fields["training_days"] = forms.DecimalField(
                label=_("Training days"), required=False, min_value=0, max_digits=5
            )
            self.fields["training_hours"] = forms.DecimalField(
                label=_("Class hours"), required=False, min_value=0, max_digits=5
            )
        if Needs.PUBLICITY in needs:
            self.fields["publicity_from"] = forms.DateField(label=_("Publicity from"), widget=DATE)
            self.fields["publicity_to"] = forms.DateField(label=_("Publicity to"), widget=DATE)
            self.fields["publicity_contact"] = forms.CharField(
                label=_("How the public sends comments"),
                max_length=200,
                help_text=_("For example a phone number of the town's organisation office."),
            )
        if Needs.VOTE in needs:
            labels = {
                "due": _("Members with voting rights due to attend"),
                "present": _("Present"),
                "yes": _("Yes"),
                "no": _("No"),
                "abstain": _("Abstain"),
                "written_yes": _("Written opinions for"),
                "written_no": _("Written opinions against"),
            }
            for name in VOTE_FIELDS:
                self.fields[name] = forms.IntegerField(
                    label=labels[name], min_value=0, initial=0, required=name in ("due", "present")
                )
        if Needs.OUTCOME in needs:
            self.fields["outcome"] = forms.ChoiceField(
                label=_("Decision of the meeting"), choices=Outcome.choices
            )
            self.fields["extension_months"] = forms.IntegerField(
                label=_("Extension (months, 6 to 12)"), required=False, min_value=1
            )
        if Needs.APPROVAL in needs:
            self.fields["special_case"] = forms.BooleanField(
                label=_("Special case (approval up to 6 months after the meeting)"),
                required=False,
            )
        if number == 15:
            self.fields["leaves_unit_on"] = forms.DateField(
                label=_("Expected to leave the unit on"), required=False, widget=DATE
            )

    def step_input(self) -> StepInput:
        data = self.cleaned_data
        people = list(data.get("people") or [])
        if data.get("person"):
            people = [data["person"]]
        votes = None
        if "due" in data:
            votes = Votes(**{name: data.get(name) or 0 for name in VOTE_FIELDS})
        return StepInput(
            number=self.number,
            on=data["on"],
            note=data.get("note", ""),
            people=people,
            review_passed=data.get("review_passed"),
            training_days=data.get("training_days"),
            training_hours=data.get("training_hours"),
            publicity_from=data.get("publicity_from"),
            publicity_to=data.get("publicity_to"),
            publicity_contact=data.get("publicity_contact", ""),
            votes=votes,
            outcome=data.get("outcome", ""),
            extension_months=data.get("extension_months"),
            special_case=bool(data.get("special_case")),
            leaves_unit_on=data.get("leaves_unit_on"),
        )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class PlanForm(forms.Form):
    village = forms.ModelChoiceField(
        label=_("Village or community"), queryset=OrgUnit.objects.none()
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quota = forms.IntegerField(label=_("Quota"), min_value=0, max_value=999)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = scope.units().filter(kind__in=VILLAGE_KINDS).order_by("name")
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
