from django.urls import path

from .views import attendance, classes, college, needs, records, teachers

app_name = "training"
urlpatterns = [
    path("", classes.class_list_view, name="class-list"),
    path("classes/new/", classes.class_add, name="class-add"),
    path("classes/<int:pk>/", classes.class_detail, name="class-detail"),
    path("classes/<int:pk>/edit/", classes.class_edit, name="class-edit"),
    path("classes/<int:pk>/delete/", classes.class_delete_view, name="class-delete"),
    path("enrolments/<int:pk>/delete/", classes.enrolment_delete, name="enrolment-delete"),
    path("sessions/<int:pk>/", attendance.session_detail, name="session-detail"),
    path("sessions/<int:pk>/edit/", classes.session_edit, name="session-edit"),
    path("sessions/<int:pk>/delete/", classes.session_delete_view, name="session-delete"),
    path("sessions/<int:pk>/sheet/", attendance.signin_sheet, name="signin-sheet"),
    path("sessions/<int:pk>/correct/", attendance.presence_correct_view, name="presence-correct"),
    path("check-in/<str:token>/", attendance.check_in, name="check-in"),
    path("teachers/", teachers.teacher_list_view, name="teacher-list"),
    path("needs/", needs.need_list_view, name="need-list"),
    path("needs/<int:pk>/withdraw/", needs.need_withdraw_view, name="need-withdraw"),
    path("needs/open-class/", needs.class_open, name="class-open"),
    path("compliance/", records.compliance_view, name="compliance"),
    path("college/", college.nomination_list_view, name="nomination-list"),
    path("college/<int:pk>/", college.nomination_detail, name="nomination-detail"),
    path("people/<int:pk>/record.xlsx", records.person_record, name="person-record"),
]
