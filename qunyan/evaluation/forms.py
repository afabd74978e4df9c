"""Forms of the evaluation pages; the services check the rules again."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit
from qunyan.people.models import Person

from .choices import DISQUALIFIER_KINDS, Grade, Rating, StopKind
from .rules import indicator_weights


def _money(label: str | Any) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=10, decimal_places=2, min_value=Decimal(0))


class ScoresForm(forms.Form):
    """One optional 0–100 score per configured indicator."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, (label, weight) in indicator_weights().items():
            self.fields[key] = forms.DecimalField(
                label=f"{label} ({_('weight')} {weight})",
                required=False,
                max_digits=6,
                decimal_places=2,
                min_value=Decimal(0),
                max_value=Decimal(100),
            )


class RatingForm(forms.Form):
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices)


class GradesForm(forms.Form):
    """A grade for each assessed cadre of a village, fields named p<person id>."""

    def __init__(self, *args: Any, people: list[tuple[Person, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for person, post, grade in people:
            self.fields[f"p{person.pk}"] = forms.ChoiceField(
                label=f"{person.name}（{post}）",
                required=False,
                choices=[("", "—"), *Grade.choices],
                initial=grade,
            )

    def grades(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class PayStandardForm(forms.Form):
    post = forms.CharField(label=_("Post"), max_length=30)
    base_monthly = _money(_("Base pay per month (yuan)"))
    bonus_base = _money(_("Performance bonus base per year (yuan)"))


def _tiers(text: str) -> list[tuple[int, Decimal]]:
    """Lines of "years=yuan" (3=100), as the rule table keeps them."""
    tiers = []
    for line in text.replace("＝", "=").splitlines():
        if not line.strip():
            continue
        years, _sep, amount = line.partition("=")
        try:
            tiers.append((int(years.strip()), Decimal(amount.strip())))
        except (ValueError, InvalidOperation):
            raise ValidationError(_("Write one tier per line as years=yuan, e.g. 3=100.")) from None
    return tiers


class SubsidyRuleForm(forms.Form):
    eligible_posts = forms.CharField(
        label=_("Eligible posts"),
        max_length=300,
        help_text=_("Separate posts with commas, e.g. 党组织书记,村委会主任."),
    )
    min_years = forms.IntegerField(label=_("Minimum years served"), min_value=0, max_value=60)
    male_age = forms.IntegerField(label=_("Age from (men)"), min_value=40, max_value=90)
    female_age = forms.IntegerField(label=_("Age from (women)"), min_value=40, max_value=90)
    disqualifiers = forms.MultipleChoiceField(
        label=_("Disqualifiers"),
        required=False,
        choices=[(k.value, k.label) for k in DISQUALIFIER_KINDS],
        widget=forms.CheckboxSelectMultiple,
    )
    tiers = forms.CharField(
        label=_("Amount by years served"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One tier per line: years served at least = yuan per month, e.g. 3=100."),
    )

    def clean_eligible_posts(self) -> list[str]:
        text = self.cleaned_data["eligible_posts"]
        for mark in ("，", "、", ";", "；"):
            text = text.replace(mark, ",")
        return [p.strip() for p in text.split(",") if p.strip()]

    def clean_tiers(self) -> list[tuple[int, Decimal]]:
        return _tiers(self.cleaned_data["tiers"])


class StopForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Event"), choices=StopKind.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class MonthForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )


class CommendationForm(forms.Form):
    # The honour's version when the form was opened (optimistic locking, core/versions.py).
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    id_number = forms.CharField(
        label=_("ID number of the person"),
        required=False,
        max_length=18,
        help_text=_("Leave empty to honour a whole village."),
    )
    village = forms.ModelChoiceField(
        label=_("Village honoured"), required=False, queryset=OrgUnit.objects.none()
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title of the honour"), max_length=100)
    authority = forms.CharField(label=_("Authority"), max_length=60)

    def __init__(self, *args: Any, villages: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]
