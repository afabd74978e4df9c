from django.urls import path

from . import views

app_name = "reserves"
urlpatterns = [
    path("", views.pool, name="pool"),
    path("new/", views.reserve_add_view, name="reserve-add"),
    path("<int:pk>/", views.reserve_detail, name="reserve-detail"),
    path("survey/", views.survey, name="survey"),
    path("survey/run/", views.survey_run, name="survey-run"),
    path("worklist/", views.worklist, name="worklist"),
    path("worklist/<int:pk>/", views.work_item_detail, name="work-item"),
]
