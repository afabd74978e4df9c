from django.urls import path

from . import views

app_name = "spreadsheets"
urlpatterns = [
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import-confirm"),
    path("export/", views.export_download, name="export"),
]
