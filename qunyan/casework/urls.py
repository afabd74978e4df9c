from django.urls import path

from . import views, views_attachments, views_cases, views_summary

app_name = "casework"
urlpatterns = [
    path("", views.service_list_view, name="service-list"),
    path("new/", views.service_edit, name="service-add"),
    path("<int:pk>/", views.service_detail, name="service-detail"),
    path("<int:pk>/edit/", views.service_edit, name="service-edit"),
    path("<int:pk>/delete/", views.service_remove, name="service-delete"),
    path("cases/", views_cases.case_list_view, name="case-list"),
    path("cases/new/", views_cases.case_edit, name="case-add"),
    path("cases/<int:pk>/", views_cases.case_detail, name="case-detail"),
    path("cases/<int:pk>/edit/", views_cases.case_edit, name="case-edit"),
    path("cases/<int:pk>/reveal/", views_cases.case_reveal, name="case-reveal"),
    path("cases/<int:pk>/steps/", views_cases.case_step, name="case-step"),
    path("cases/<int:pk>/parties/", views_cases.case_party, name="case-party"),
    path(
        "cases/<int:pk>/parties/<int:party>/delete/",
        views_cases.case_party_remove,
        name="case-party-delete",
    ),
    path("cases/<int:pk>/close/", views_cases.case_close_view, name="case-close"),
    path("cases/<int:pk>/follow-up/", views_cases.case_follow_up, name="case-follow-up"),
    path("cases/<int:pk>/delete/", views_cases.case_remove, name="case-delete"),
    path("summary/", views_summary.summary, name="summary"),
    path("categories/", views_summary.category_list, name="category-list"),
    path("categories/<int:pk>/", views_summary.category_list, name="category-edit"),
    # Any registered record's attachments: /casework/attachments/<app.model>/<pk>/
    path(
        "attachments/<str:label>/<int:pk>/",
        views_attachments.attachment_upload,
        name="attachment-upload",
    ),
    path("attachments/<int:pk>/file/", views_attachments.attachment_file, name="attachment-file"),
    path(
        "attachments/<int:pk>/delete/",
        views_attachments.attachment_remove,
        name="attachment-delete",
    ),
]
