from django.urls import path

from .views import catalogue, chiefs, division, exports

app_name = "duties"
urlpatterns = [
    path("", division.overview, name="overview"),
    path("proposals/", division.proposals, name="proposals"),
    path("export.xlsx", exports.town_export, name="town-export"),
    path("villages/<int:pk>/", division.village_detail, name="village-detail"),
    path("villages/<int:pk>/pin/", division.pin_add, name="pin-add"),
    path("villages/<int:pk>/pins/<int:pin>/delete/", division.pin_delete, name="pin-delete"),
    path("villages/<int:pk>/confirm/", division.confirm, name="confirm"),
    path("villages/<int:pk>/export.xlsx", exports.village_export, name="village-export"),
    path("villages/<int:pk>/groups/new/", chiefs.group_add, name="group-add"),
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/new/", catalogue.duty_edit, name="duty-add"),
    path("catalogue/<int:pk>/", catalogue.duty_edit, name="duty-edit"),
    path("settings/", catalogue.town_settings, name="settings"),
    path("people/<int:pk>/", catalogue.profile, name="profile"),
    path("chiefs/", chiefs.chief_coverage, name="chiefs"),
    path("groups/<int:pk>/", chiefs.group_detail, name="group-detail"),
    path("chiefs/<int:pk>/end/", chiefs.chief_leave, name="chief-end"),
]
