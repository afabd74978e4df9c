"""The account's own API tokens: issue (shown once) and revoke."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from qunyan.core.access import account_of
from qunyan.core.forms import add_service_errors

from .models import ApiToken
from .services import token_issue, token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Token name"), max_length=60)


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    account = account_of(request)
    form = TokenForm(request.POST or None)
    clear = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, clear = token_issue(account=account, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(account=account)
    return render(request, "api/tokens.html", {"form": form, "tokens": tokens, "clear": clear})


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_of(request)
    token = get_object_or_404(ApiToken, pk=pk, account=account)
    token_revoke(token=token, by=account)
    messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
    return redirect("api:token-list")
