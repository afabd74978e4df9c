import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import VILLAGE_KINDS
from qunyan.core.scopes import Scope

from .choices import Evaluator, Half, MentorKind, Principle, WorkArea
from .models import default_capacity

# A date picker needs ISO dates whatever the language's display format.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TAGS = forms.CheckboxSelectMultiple


class MentorFields(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MentorKind.choices)
    strengths = forms.MultipleChoiceField(
        label=_("Strengths"), choices=WorkArea.choices, required=False, widget=TAGS
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=20,
        initial=default_capacity,
        help_text=_("The most mentees this mentor takes at once."),
    )
    available = forms.BooleanField(
        label=_("Available for new mentees"), required=False, initial=True
    )
    serving_since = forms.DateField(
        label=_("In grassroots work since"), widget=DATE, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class MentorAddForm(MentorFields):
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=20,
        help_text=_("The person must be in the registry already."),
    )

    field_order = ["id_number"]


class MenteeNeedForm(forms.Form):
    weak_areas = forms.MultipleChoiceField(
        label=_("Weak areas"), choices=WorkArea.choices, required=False, widget=TAGS
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class AcceptForm(forms.Form):
    """The confirmation of a suggested (or chosen) pair."""

    mentor = forms.IntegerField(widget=forms.HiddenInput)
    mentee = forms.IntegerField(widget=forms.HiddenInput)
    principle = forms.ChoiceField(label=_("Principle"), choices=Principle.choices)
    started_on = forms.DateField(label=_("Start date"), widget=DATE, initial=timezone.localdate)
    goals = forms.CharField(
        label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RejectForm(forms.Form):
    mentor = forms.IntegerField(widget=forms.HiddenInput)
    mentee = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class SuggestionFilterForm(forms.Form):
    principle = forms.ChoiceField(
        label=_("Principle"), required=False, choices=[("", _("Any principle")), *Principle.choices]
    )


class PairFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Pairs"),
        required=False,
        choices=[("active", _("Running")), ("ended", _("Ended")), ("all", _("All"))],
    )
    principle = forms.ChoiceField(
        label=_("Principle"), required=False, choices=[("", _("Any principle")), *Principle.choices]
    )
    village = forms.IntegerField(label=_("Village"), required=False, widget=forms.Select)
    idle_only = forms.BooleanField(label=_("Idle only"), required=False)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = scope.units().filter(kind__in=VILLAGE_KINDS)
        self.fields["village"].widget.choices = [
            ("", _("All villages")),
            *villages.order_by("name").values_list("pk", "name"),
        ]


class PairForm(forms.Form):
    goals = forms.CharField(
        label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    ended_on = forms.DateField(
        label=_("End date"),
        widget=DATE,
        required=False,
        help_text=_("Set it when the pair ends; the mentor's place is free again."),
    )


class MeetingForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    topic = forms.CharField(label=_("Topic"), max_length=100)
    tasks_given = forms.CharField(
        label=_("Tasks given"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    tasks_done = forms.CharField(
        label=_("Tasks done"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def _this_half() -> int:
    return Half.FIRST if timezone.localdate().month <= 6 else Half.SECOND


class EvaluationForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    half = forms.TypedChoiceField(
        label=_("Half year"), choices=Half.choices, coerce=int, initial=_this_half
    )
    evaluator = forms.ChoiceField(label=_("Evaluated by"), choices=Evaluator.choices)
    score = forms.TypedChoiceField(
        label=_("Score"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        help_text=_("5 is best."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, town_side: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not town_side:
            evaluator = self.fields["evaluator"]
            assert isinstance(evaluator, forms.ChoiceField)
            evaluator.choices = [c for c in Evaluator.choices if c[0] != Evaluator.TOWN]


class PeriodForm(forms.Form):
    period_from = forms.DateField(label=_("From"), widget=DATE, required=False)
    period_to = forms.DateField(label=_("To"), widget=DATE, required=False)

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The period asked for, or the three full years ending last year (近三年)."""
        last_year = timezone.localdate().year - 1
        start, end = datetime.date(last_year - 2, 1, 1), datetime.date(last_year, 12, 31)
        if self.is_valid():
            start = self.cleaned_data.get("period_from") or start
            end = self.cleaned_data.get("period_to") or end
        return (start, end) if start <= end else (end, start)
