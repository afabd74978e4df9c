from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.widgets import LongSelect

from .choices import Education, Gender, PoliticalStatus
from .selectors import AGE_BANDS, COLLEGE_PLUS, IDENTITIES, SORTS


def _unit_choices(scope: Scope) -> "forms.ModelChoiceField[OrgUnit]":
    units = (
        scope.units()
        .filter(kind__in=[OrgUnit.Kind.TOWN, OrgUnit.Kind.VILLAGE, OrgUnit.Kind.COMMUNITY])
        .order_by("path")
    )
    return forms.ModelChoiceField(label=_("Unit"), queryset=units)


class PersonFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": _("Name, pinyin initials or ID number")}),
    )
    unit = forms.IntegerField(label=_("Unit"), required=False, widget=LongSelect)
    identity = forms.ChoiceField(label=_("Identity"), required=False)
    age_band = forms.ChoiceField(label=_("Age"), required=False)
    education = forms.ChoiceField(
        label=_("Education"),
        required=False,
        choices=[("", _("All")), (COLLEGE_PLUS, _("College or above")), *Education.choices],
    )
    political_status = forms.ChoiceField(
        label=_("Political status"),
        required=False,
        choices=[("", _("All")), *PoliticalStatus.choices],
    )
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[(key, key) for key in SORTS])

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.choices = [("", _("All units")), *self._units(scope)]
        identity = self.fields["identity"]
        age_band = self.fields["age_band"]
        assert isinstance(identity, forms.ChoiceField) and isinstance(age_band, forms.ChoiceField)
        identity.choices = [("", _("All")), *((key, i.label) for key, i in IDENTITIES.items())]
        age_band.choices = [("", _("All")), *((key, band[0]) for key, band in AGE_BANDS.items())]

    def _units(self, scope: Scope) -> list[tuple[int, str]]:
        """The towns and villages to filter by: all of them for a town, or for a county or a
        province with thousands of villages its towns and the villages of the town chosen."""
        units = scope.units().filter(kind__in=[OrgUnit.Kind.TOWN, *VILLAGE_KINDS]).order_by("path")
        listed = list(units.values_list("pk", "name")[: UNIT_CHOICES_MAX + 1])
        if len(listed) <= UNIT_CHOICES_MAX:
            return listed
        wanted = _int_or_none(self.data.get("unit"))
        chosen = units.filter(pk=wanted).first() if wanted is not None else None
        town = (chosen.town_id or chosen.pk) if chosen is not None else None
        near = Q(kind=OrgUnit.Kind.TOWN) | Q(parent_id=town) if town else Q(kind=OrgUnit.Kind.TOWN)
        return list(units.filter(near).values_list("pk", "name"))


# More towns and villages than this in the unit filter, and it lists only the towns (and the
# villages of the town chosen): a province's 25,000 options made a 300 ms, 2 MB page.
UNIT_CHOICES_MAX = 500


def _int_or_none(text: Any) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


class PersonForm(forms.Form):
    """The fields of a 人员 row; the service applies the same checks as the importer."""

    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=50)
    # The record's version when the form was opened (optimistic locking, core/versions.py).
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    id_number = forms.CharField(label=_("ID number"), max_length=20)
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[("", _("From the ID number")), *Gender.choices]
    )
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=20, required=False)
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave blank to take it from the ID number."),
    )
    education = forms.ChoiceField(
        label=_("Education"), required=False, choices=[("", "—"), *Education.choices]
    )
    political_status = forms.ChoiceField(
        label=_("Political status"), required=False, choices=[("", "—"), *PoliticalStatus.choices]
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    skills = forms.CharField(label=_("Skills"), max_length=200, required=False)

    def __init__(self, *args: Any, scope: Scope, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_choices(scope)
        self.order_fields(["name", "id_number", "gender", "ethnicity", "birth_date", "unit"])
        if editing:
            # The numbers stay masked: blank keeps the stored value, typing one replaces it.
            for name in ("id_number", "phone"):
                self.fields[name].required = False
                self.fields[name].help_text = _("Leave blank to keep the current number.")
