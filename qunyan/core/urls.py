from django.contrib.auth import views as auth_views
from django.urls import path

from . import twofactor, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/verify/", twofactor.verify, name="two-factor-verify"),
    path("two-factor/", twofactor.enrol, name="two-factor"),
    path("units/", views.unit_list, name="unit-list"),
    path("units/new/", views.unit_edit, name="unit-create"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit-edit"),
    path("audit/", views.audit_list, name="audit-list"),
    path("accounts/", views.account_list, name="account-list"),
    path("accounts/new/", views.account_create_view, name="account-create"),
    path("accounts/<int:pk>/role/", views.account_role_edit, name="account-role"),
    path("accounts/<int:pk>/unlock/", views.account_unlock_view, name="account-unlock"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="core/password_form.html", success_url="/"
        ),
        name="password-change",
    ),
]
