from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.people.choices import Education
from qunyan.people.models import Person

from .choices import ChiefRole, GenderRule, Trait
from .models import Duty


class DutyForm(forms.Form):
    # The duty's version when the form was opened (optimistic locking, core/versions.py).
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=40)
    order = forms.IntegerField(label=_("Order"), min_value=0, initial=100)
    people_needed = forms.IntegerField(
        label=_("People needed"), min_value=1, max_value=9, initial=1
    )
    min_education = forms.ChoiceField(
        label=_("Education wanted"),
        required=False,
        choices=[("", _("Not required")), *Education.choices],
    )
    skills = forms.CharField(
        label=_("Skills wanted"),
        required=False,
        max_length=200,
        help_text=_("Separate words with 、 or commas."),
    )
    traits = forms.MultipleChoiceField(
        label=_("Personality traits that suit"),
        required=False,
        choices=Trait.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    gender = forms.ChoiceField(label=_("Gender rule"), required=False, choices=GenderRule.choices)
    party_member_only = forms.BooleanField(label=_("Party members only"), required=False)
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class DutySettingsForm(forms.Form):
    traits = forms.MultipleChoiceField(
        label=_("Personality traits profiles use"),
        required=False,
        choices=Trait.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, labels: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for role in ChiefRole:
            self.fields[f"label_{role.value}"] = forms.CharField(
                label=role.label, required=False, max_length=20, initial=labels.get(role.value)
            )

    def chief_labels(self) -> dict[str, str]:
        return {role.value: self.cleaned_data.get(f"label_{role.value}", "") for role in ChiefRole}


class ProfileForm(forms.Form):
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=200,
        help_text=_("Besides those in the registry; separate words with 、 or commas."),
    )
    traits = forms.MultipleChoiceField(
        label=_("Personality traits"),
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
    )
    experience = forms.CharField(
        label=_("Experience"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    wish_1 = forms.ModelChoiceField(
        label=_("First wish"), required=False, queryset=Duty.objects.none()
    )
    wish_2 = forms.ModelChoiceField(
        label=_("Second wish"), required=False, queryset=Duty.objects.none()
    )
    wish_3 = forms.ModelChoiceField(
        label=_("Third wish"), required=False, queryset=Duty.objects.none()
    )

    def __init__(self, *args: Any, town: OrgUnit, traits: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["traits"].choices = [(t, Trait(t).label) for t in traits]  # type: ignore[attr-defined]
        duties = Duty.objects.filter(town=town, active=True).order_by("order", "id")
        for name in ("wish_1", "wish_2", "wish_3"):
            self.fields[name].queryset = duties  # type: ignore[attr-defined]

    def wishes(self) -> list[Duty | None]:
        return [self.cleaned_data.get(name) for name in ("wish_1", "wish_2", "wish_3")]


class PinForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    duty = forms.IntegerField(widget=forms.HiddenInput)
    assign = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ChiefForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ChiefRole.choices, widget=forms.HiddenInput)
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    started_on = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
