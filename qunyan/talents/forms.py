import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.versions import version_of

from .choices import HomeTime, Intent, Occasion, OutreachWay
from .models import Campaign, OutsideTalent
from .selectors import AWAY, RETURNED, STARTED
from .services import OutreachData, TalentData
from .visitors import visitor_choices

DATE = forms.DateInput(attrs={"type": "date"})


def _village_choices(scope: Scope) -> list[tuple[Any, Any]]:
    villages = scope.units().filter(kind__in=VILLAGE_KINDS).order_by("name")
    return [("", _("All villages")), *villages.values_list("pk", "name")]


class TalentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=40)
    village = forms.IntegerField(label=_("Village"), required=False, widget=forms.Select)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Everyone")),
            (AWAY, _("Still away")),
            (RETURNED, _("Came home")),
            (STARTED, _("Started a business")),
        ],
    )
    overdue = forms.BooleanField(label=_("Overdue follow-ups only"), required=False)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].widget.choices = _village_choices(scope)


class TalentForm(forms.Form):
    # The entry's version when the form was opened (optimistic locking, core/versions.py).
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=20,
        help_text=_("The person must be in the registry already."),
    )
    place = forms.CharField(label=_("Place of work or business"), max_length=60, required=False)
    trade = forms.CharField(label=_("Trade"), max_length=60, required=False)
    employer = forms.CharField(label=_("Employer or own business"), max_length=100, required=False)
    skills = forms.CharField(
        label=_("Skills"),
        max_length=200,
        required=False,
        help_text=_("Kept in the registry with the person."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        help_text=_("Kept in the registry with the person; leave blank to keep the number."),
    )
    home_time = forms.ChoiceField(
        label=_("Usually comes home"), required=False, choices=[("", "—"), *HomeTime.choices]
    )
    returned_on = forms.DateField(label=_("Return date"), widget=DATE, required=False)
    business_started_on = forms.DateField(
        label=_("Business start date"), widget=DATE, required=False
    )
    business_project = forms.CharField(label=_("Business project"), max_length=100, required=False)
    jobs_created = forms.IntegerField(label=_("Jobs created"), min_value=0, required=False)
    investment = forms.DecimalField(
        label=_("Investment (10,000 yuan)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
    )

    def __init__(self, *args: Any, talent: OutsideTalent | None = None, **kwargs: Any) -> None:
        if talent is not None:
            initial = {name: getattr(talent, name) for name in TalentData.__dataclass_fields__}
            initial["skills"] = talent.person.skills
            initial["version"] = version_of(talent)
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if talent is not None:
            del self.fields["id_number"]
            self.fields["phone"].help_text = _("Now %(phone)s. Leave blank to keep the number.") % {
                "phone": talent.person.masked_phone or "—"
            }

    def talent_data(self) -> TalentData:
        data = self.cleaned_data
        return TalentData(**{name: data[name] for name in TalentData.__dataclass_fields__})


class _VisitorField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(label=_("Visiting cadre"), required=False, **kwargs)


def _set_visitors(form: forms.Form, town: OrgUnit | None, scope: Scope) -> None:
    field = form.fields["visitor"]
    assert isinstance(field, forms.ChoiceField)
    groups = visitor_choices(town=town, scope=scope, on=timezone.localdate()) if town else []
    field.choices = [("", _("Nobody yet")), *groups]


class OutreachForm(forms.Form):
    # The contact's version when the form was opened (optimistic locking, core/versions.py).
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    way = forms.ChoiceField(label=_("Way"), choices=OutreachWay.choices)
    visitor = _VisitorField()
    intent = forms.ChoiceField(
        label=_("Intent to return"), required=False, choices=[("", "—"), *Intent.choices]
    )
    notes = forms.CharField(
        label=_("What was said"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up_on = forms.DateField(label=_("Follow-up due"), widget=DATE, required=False)
    occasion = forms.ChoiceField(
        label=_("Occasion"),
        required=False,
        choices=[("", _("As the campaign of the day, else other")), *Occasion.choices],
    )

    def __init__(self, *args: Any, town: OrgUnit | None, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_visitors(self, town, scope)

    def outreach_data(self) -> OutreachData:
        data = self.cleaned_data
        return OutreachData(
            date=data["date"],
            way=data["way"],
            intent=data["intent"],
            notes=data["notes"],
            follow_up_on=data["follow_up_on"],
            occasion=data["occasion"],
        )


class FollowUpDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Followed up on"), widget=DATE, initial=timezone.localdate)


class OutreachFilterForm(forms.Form):
    follow_up = forms.ChoiceField(
        label=_("Follow-ups"),
        required=False,
        choices=[("", _("Every contact")), ("open", _("Open")), ("overdue", _("Overdue"))],
    )
    campaign = forms.IntegerField(label=_("Campaign"), required=False, widget=forms.Select)
    village = forms.IntegerField(label=_("Village"), required=False, widget=forms.Select)

    def __init__(self, *args: Any, scope: Scope, campaigns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].widget.choices = _village_choices(scope)
        self.fields["campaign"].widget.choices = [
            ("", _("All campaigns")),
            *((c.pk, c.name) for c in campaigns),
        ]


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
    occasion = forms.ChoiceField(label=_("Occasion"), choices=Occasion.choices)
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, campaign: Campaign | None = None, **kwargs: Any) -> None:
        if campaign is not None:
            kwargs.setdefault(
                "initial", {name: getattr(campaign, name) for name in self.base_fields}
            )
        super().__init__(*args, **kwargs)


class AssignmentForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Person expected home"), coerce=int)
    visitor = _VisitorField()
    expected_on = forms.DateField(label=_("Expected home on"), widget=DATE, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, campaign: Campaign, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        talents = scope.filter(
            OutsideTalent.objects.filter(town=campaign.town).select_related("person__unit"),
            unit_field="person__unit",
        ).order_by("person__unit__name", "person__name_pinyin")
        field = self.fields["person"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (t.person_id, f"{t.person.name}（{t.person.unit.name}，{t.place or '—'}）")
            for t in talents
        ]
        _set_visitors(self, campaign.town, scope)


class SymposiumForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=60, required=False)
    topic = forms.CharField(label=_("Topic"), max_length=100)


class InviteForm(forms.Form):
    people = forms.TypedMultipleChoiceField(
        label=_("Invite"),
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("People on the campaign's list who are not invited yet."),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class FunnelForm(forms.Form):
    """The period of the funnel, as ?from=…&to=… like the dashboard's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.DateField(label=_("From"), widget=DATE, required=False)
        self.fields["to"] = forms.DateField(label=_("To"), widget=DATE, required=False)

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The period asked for, or the current calendar year."""
        year = timezone.localdate().year
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if self.is_valid():
            start = self.cleaned_data["from"] or start
            end = self.cleaned_data["to"] or end
        return (start, end) if start <= end else (end, start)
