import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.selectors import IDENTITIES

from .choices import CollegeTrack, NominationStatus, Programme, TeacherKind, Venue
from .models import Teacher, TrainingNeed

# Pickers need ISO values whatever the language's display format.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.unit.name}）"


class PeopleChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.unit.name}）"


def trainees(scope: Scope, on: datetime.date | None = None) -> QuerySet[Person]:
    """People a village trains: serving two-committee members, reserves and party members."""
    on = on or timezone.localdate()
    condition = Q()
    for key in ("cadre", "reserve", "party_member"):
        condition |= IDENTITIES[key].condition(on)
    people = scope.filter(Person.objects.select_related("unit")).filter(condition)
    return people.exclude(unit__kind=OrgUnit.Kind.TOWN).order_by("unit__name", "name_pinyin")


class ClassForm(forms.Form):
    # The class's version when the form was opened (optimistic locking, core/versions.py).
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    code = forms.CharField(label=_("Class number"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=100)
    programme = forms.ChoiceField(label=_("Programme"), choices=Programme.choices)
    category = forms.CharField(label=_("Training category"), max_length=30, required=False)
    starts_on = forms.DateField(label=_("Start date"), widget=DATE)
    ends_on = forms.DateField(label=_("End date"), widget=DATE, required=False)
    hours = forms.DecimalField(
        label=_("Class hours"), max_digits=6, decimal_places=1, min_value=0, required=False
    )
    teacher = forms.CharField(label=_("Teacher"), max_length=100, required=False)


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=MOMENT, input_formats=MOMENT_FORMATS
    )
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=MOMENT, input_formats=MOMENT_FORMATS)
    place = forms.CharField(label=_("Place"), max_length=100)
    venue = forms.ChoiceField(label=_("Venue"), choices=Venue.choices)
    topic = forms.CharField(label=_("Topic"), max_length=100, required=False)
    hours = forms.DecimalField(label=_("Class hours"), max_digits=5, decimal_places=1, min_value=0)
    teacher = forms.ModelChoiceField(
        label=_("Teacher"), queryset=Teacher.objects.none(), required=False
    )

    def __init__(self, *args: Any, town: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = Teacher.objects.filter(town=town)  # type: ignore[attr-defined]


class OpenClassForm(SessionForm):
    """A class opened from the need list: the class, its first session and who is invited."""

    needs = forms.ModelMultipleChoiceField(
        label=_("Needs"), queryset=TrainingNeed.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    code = forms.CharField(label=_("Class number"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=100)
    programme = forms.ChoiceField(
        label=_("Programme"), choices=Programme.choices, initial=Programme.VILLAGE_SCHOOL
    )
    class_hours = forms.DecimalField(
        label=_("Class hours of the whole class"),
        max_digits=6,
        decimal_places=1,
        min_value=0,
        required=False,
    )

    field_order = ["code", "name", "programme", "class_hours", "starts_at", "ends_at", "place"]

    def __init__(self, *args: Any, needs: QuerySet[TrainingNeed], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["needs"]
        field.queryset = needs  # type: ignore[attr-defined]
        field.label_from_instance = lambda need: (  # type: ignore[attr-defined]
            f"{need.person.name}（{need.person.unit.name}）"
        )
        field.initial = [need.pk for need in needs]


class TeacherForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    kind = forms.ChoiceField(label=_("Kind"), choices=TeacherKind.choices)
    organisation = forms.CharField(label=_("Organisation"), max_length=100, required=False)
    speciality = forms.CharField(label=_("Speciality"), max_length=100, required=False)


class NeedForm(forms.Form):
    person = PersonChoice(label=_("Person"), queryset=Person.objects.none())
    topic = forms.CharField(
        label=_("Topic"),
        max_length=30,
        widget=forms.TextInput(attrs={"list": "topics"}),
        help_text=_("One skill per need (一技一训), e.g. 电商 or 种养技术."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = trainees(scope)  # type: ignore[attr-defined]


class EnrolForm(forms.Form):
    people = PeopleChoice(
        label=_("People"),
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = trainees(scope)  # type: ignore[attr-defined]


class PresenceForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    present = forms.TypedChoiceField(
        label=_("Attendance"),
        choices=[("1", _("Present")), ("0", _("Absent"))],
        coerce=lambda value: value == "1",
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)


class NominationForm(forms.Form):
    person = PersonChoice(label=_("Person"), queryset=Person.objects.none())
    track = forms.ChoiceField(label=_("Track"), choices=CollegeTrack.choices)
    nominated_on = forms.DateField(label=_("Nomination date"), widget=DATE)
    school = forms.CharField(label=_("School"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = trainees(scope)  # type: ignore[attr-defined]
        self.fields["nominated_on"].initial = timezone.localdate()


class NominationMoveForm(forms.Form):
    to = forms.ChoiceField(
        label=_("New status"),
        choices=[c for c in NominationStatus.choices if c[0] != NominationStatus.NOMINATED],
    )
    on = forms.DateField(label=_("Date"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
