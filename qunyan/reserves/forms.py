import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.choices import SourceCategory

from .choices import Recommendation, ReservedPost, Stage, SupervisionWay
from .workflow import NEXT_STAGES

DATE = forms.DateInput(attrs={"type": "date"})


class PoolFilterForm(forms.Form):
    village = forms.IntegerField(label=_("Village"), required=False, widget=forms.Select)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    reserved_for = forms.ChoiceField(
        label=_("Reserved for"), required=False, choices=[("", _("All")), *ReservedPost.choices]
    )

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = scope.units().filter(kind__in=[OrgUnit.Kind.VILLAGE, OrgUnit.Kind.COMMUNITY])
        self.fields["village"].widget.choices = [
            ("", _("All villages")),
            *villages.order_by("name").values_list("pk", "name"),
        ]
        stage = self.fields["stage"]
        assert isinstance(stage, forms.ChoiceField)
        stage.choices = [("", _("In the pool now")), ("all", _("Every stay")), *Stage.choices]


class ReserveAddForm(forms.Form):
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=20,
        help_text=_("The person must be in the registry already."),
    )
    stage = forms.ChoiceField(
        label=_("Start as"), choices=[(s, Stage(s).label) for s in NEXT_STAGES[None]]
    )
    on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    source_category = forms.ChoiceField(label=_("Source category"), choices=SourceCategory.choices)
    reserved_for = forms.ChoiceField(
        label=_("Reserved for"), choices=ReservedPost.choices, initial=ReservedPost.COMMITTEE
    )
    recommended_by = forms.CharField(label=_("Recommended by"), max_length=60, required=False)
    recommendation = forms.ChoiceField(
        label=_("Recommended how"), required=False, choices=[("", "—"), *Recommendation.choices]
    )


class StageMoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"))
    on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=100,
        required=False,
        help_text=_(
            "Needed when the stay ends: appointed as cadre, left for work, became a civil servant …"
        ),
    )

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stage = self.fields["stage"]
        assert isinstance(stage, forms.ChoiceField)
        stage.choices = [(s, Stage(s).label) for s in NEXT_STAGES.get(current, ())]


class SurveyForm(forms.Form):
    on = forms.DateField(label=_("Survey date"), widget=DATE, required=False)

    def survey_date(self) -> datetime.date:
        if self.is_valid() and self.cleaned_data.get("on"):
            day: datetime.date = self.cleaned_data["on"]
            return day
        return timezone.localdate()


class WorkItemForm(forms.Form):
    responsible = forms.CharField(label=_("Responsible person"), max_length=60, required=False)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE, required=False)


class SupervisionForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    way = forms.ChoiceField(label=_("Way"), choices=SupervisionWay.choices)
    agreed = forms.CharField(label=_("What was agreed"), widget=forms.Textarea(attrs={"rows": 3}))
