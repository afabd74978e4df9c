from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("screen/", views.screen, name="screen"),
    path("county/", views.county, name="county"),
    path("county/export/", views.county_export, name="county-export"),
    path("report/", views.report, name="report"),
    path("report/<slug:kind>/", views.report_download, name="report-download"),
]
