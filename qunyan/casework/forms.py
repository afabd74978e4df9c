"""Short forms made for a phone: one column, sensible defaults, few required fields."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.models import Person

from .choices import CaseResult, CaseType
from .mediation import CaseData
from .models import ServiceCategory
from .selectors import OPEN, OVERDUE, groups_in, team_candidates, villages_in
from .services import ServiceData

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PHOTO = forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"})


class _PersonChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Person) -> str:
        return obj.name


class _Where(forms.Form):
    """Village, villager group and the team members to choose from, all within the scope."""

    village = forms.ModelChoiceField(label=_("Village"), queryset=OrgUnit.objects.none())
    # The record's version when the form was opened (optimistic locking, core/versions.py).
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    group = forms.ModelChoiceField(
        label=_("Villager group"), queryset=OrgUnit.objects.none(), required=False
    )
    people_field = ""

    def __init__(self, *args: Any, scope: Scope, village: OrgUnit | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        villages = villages_in(scope=scope)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]
        if village is None and villages.count() == 1:
            village = villages.first()
        if village is not None:
            self.fields["village"].initial = village.pk
        groups = groups_in(scope=scope)
        if village is not None:
            groups = groups.filter(parent=village)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        if not groups.exists():
            del self.fields["group"]
        people: QuerySet[Person] = team_candidates(scope=scope)
        # The people of one village only (a town has hundreds): the page reloads on a new village.
        people = people.filter(unit__path__startswith=village.path) if village else people.none()
        self.fields[self.people_field].queryset = people  # type: ignore[attr-defined]

    def group_value(self) -> OrgUnit | None:
        return self.cleaned_data.get("group")


class ServiceForm(_Where):
    people_field = "servers"
    category = forms.ModelChoiceField(label=_("Category"), queryset=ServiceCategory.objects.none())
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    summary = forms.CharField(
        label=_("What was done"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    place = forms.CharField(label=_("Place"), max_length=60, required=False)
    served_count = forms.IntegerField(label=_("Villagers served"), min_value=1, initial=1)
    hours = forms.DecimalField(
        label=_("Hours spent"),
        min_value=Decimal("0.1"),
        max_value=24,
        max_digits=5,
        decimal_places=1,
        initial=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    servers = _PersonChoices(label=_("Served by"), queryset=Person.objects.none(), required=False)
    photo = forms.FileField(label=_("Photo"), required=False, widget=PHOTO)
    field_order = ["village", "group", "category", "date", "summary", "place", "served_count"]

    def __init__(self, *args: Any, categories: QuerySet[ServiceCategory], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]

    def service_data(self) -> ServiceData:
        data = self.cleaned_data
        return ServiceData(
            village=data["village"],
            group=self.group_value(),
            category=data["category"],
            date=data["date"],
            summary=data["summary"],
            place=data["place"],
            served_count=data["served_count"],
            hours=data["hours"],
        )


class CaseForm(_Where):
    people_field = "mediators"
    title = forms.CharField(label=_("Matter"), max_length=100)
    case_type = forms.ChoiceField(label=_("Type"), choices=CaseType.choices)
    received_on = forms.DateField(label=_("Date received"), widget=DATE, initial=timezone.localdate)
    parties = forms.CharField(
        label=_("Parties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: name, then phone if known. Kept encrypted and shown masked."),
    )
    description = forms.CharField(
        label=_("What the dispute is about"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mediators = _PersonChoices(label=_("Mediators"), queryset=Person.objects.none(), required=False)
    field_order = ["village", "group", "title", "case_type", "received_on", "parties"]

    def case_data(self) -> CaseData:
        data = self.cleaned_data
        return CaseData(
            village=data["village"],
            group=self.group_value(),
            title=data["title"],
            case_type=data["case_type"],
            received_on=data["received_on"],
            description=data["description"],
        )


class StepForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    action = forms.CharField(label=_("Step taken"), max_length=300)


class PartyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)


class CloseForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=CaseResult.choices)
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE, initial=timezone.localdate)
    agreement = forms.CharField(
        label=_("Agreement reached"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up_on = forms.DateField(label=_("Follow-up visit due"), widget=DATE, required=False)


class FollowUpForm(forms.Form):
    on = forms.DateField(label=_("Visited on"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(
        label=_("What the parties said"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=30)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Photo or PDF"), widget=PHOTO)
    caption = forms.CharField(label=_("Caption"), max_length=100, required=False)


class _Filter(forms.Form):
    village = forms.ModelChoiceField(
        label=_("Village"), queryset=OrgUnit.objects.none(), required=False
    )
    since = forms.DateField(label=_("From"), widget=DATE, required=False)
    until = forms.DateField(label=_("To"), widget=DATE, required=False)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages_in(scope=scope)  # type: ignore[attr-defined]
        self.fields["village"].empty_label = _("All villages")  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        values = {k: v for k, v in self.cleaned_data.items() if v}
        if "village" in values:
            values["village"] = values["village"].pk
        if "category" in values:
            values["category"] = values["category"].pk
        return values


class ServiceFilterForm(_Filter):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=ServiceCategory.objects.none(), required=False
    )

    def __init__(self, *args: Any, categories: QuerySet[ServiceCategory], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]
        self.fields["category"].empty_label = _("All categories")  # type: ignore[attr-defined]


class CaseFilterForm(_Filter):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All cases")),
            (OPEN, _("Open")),
            (OVERDUE, _("Open too long")),
            *CaseResult.choices,
        ],
    )


class PeriodForm(forms.Form):
    since = forms.DateField(label=_("From"), widget=DATE, required=False)
    until = forms.DateField(label=_("To"), widget=DATE, required=False)
