from django.urls import path

from . import views, views_public

app_name = "party"
urlpatterns = [
    path("", views.record_list_view, name="record-list"),
    path("new/", views.record_start, name="record-start"),
    path("<int:pk>/", views.record_detail, name="record-detail"),
    path("<int:pk>/step/", views.step_add, name="step-add"),
    path("<int:pk>/documents/", views.document_add_view, name="document-add"),
    path("<int:pk>/record.docx", views.record_export, name="record-export"),
    path("due/", views.due_view, name="due"),
    path("plan/", views.plan_view, name="plan"),
    path("notices/", views_public.notices, name="notices"),
]
