"""The account's API tokens (the API itself is mounted from config/urls.py: see main.py)."""

from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("tokens/", views.token_list, name="token-list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_view, name="token-revoke"),
]
