from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .lockout import is_locked_out
from .models import AuditEntry, OrgUnit
from .roles import Role


class LoginForm(AuthenticationForm):
    """Django's login form, refusing accounts and addresses that failed too often."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked_out": _(
            "Too many failed attempts. Try again in %(minutes)d minutes, or ask the security "
            "administrator."
        ),
    }

    def clean(self) -> dict[str, Any]:
        from django.conf import settings

        username = self.cleaned_data.get("username") or ""
        address = self.request.META.get("REMOTE_ADDR") if self.request else None
        if is_locked_out(username=username, address=address):
            raise forms.ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": settings.QUNYAN_LOCKOUT_MINUTES},
            )
        return super().clean()


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(OrgUnit.Kind.VILLAGE, _("Village")), (OrgUnit.Kind.COMMUNITY, _("Community"))],
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All")), *AuditEntry.Action.choices]
    )
    actor = forms.CharField(label=_("Account"), required=False, max_length=150)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class AccountForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    display_name = forms.CharField(label=_("Display name"), max_length=60, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        required=False,
        queryset=OrgUnit.objects.exclude(kind=OrgUnit.Kind.GROUP).order_by("path"),
    )
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput)


class AccountRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        required=False,
        queryset=OrgUnit.objects.exclude(kind=OrgUnit.Kind.GROUP).order_by("path"),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False)


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    pairs = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
    for name, errors in pairs:
        for error in errors:
            form.add_error(name if name in form.fields else None, error)
