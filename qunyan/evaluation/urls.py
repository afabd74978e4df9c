from django.urls import path

from .views import commendations, grades, pay, ratings, subsidies

app_name = "evaluation"
urlpatterns = [
    path("", ratings.ratings, name="ratings"),
    path("ratings/<int:pk>/", ratings.village_scores, name="village-scores"),
    path("ratings/compute/", ratings.compute, name="ratings-compute"),
    path("ratings/fill/", ratings.fill, name="ratings-fill"),
    path("grades/", grades.grades, name="grades"),
    path("grades/<int:pk>/", grades.village_grades, name="village-grades"),
    path("pay/", pay.pay, name="pay"),
    path("pay/standards/<int:pk>/delete/", pay.standard_delete, name="standard-delete"),
    path("pay/bonuses.xlsx", pay.bonus_download, name="bonus-download"),
    path("subsidies/", subsidies.subsidies, name="subsidies"),
    path("subsidies/rule/", subsidies.rule_edit, name="subsidy-rule"),
    path("subsidies/stops/<int:pk>/delete/", subsidies.stop_delete, name="stop-delete"),
    path("subsidies/ledger/", subsidies.ledger, name="ledger"),
    path("subsidies/public/", subsidies.public_list, name="public-list"),
    path("commendations/", commendations.commendations, name="commendations"),
    path("commendations/new/", commendations.commendation_edit, name="commendation-add"),
    path("commendations/<int:pk>/", commendations.commendation_edit, name="commendation-edit"),
    path(
        "commendations/<int:pk>/delete/",
        commendations.commendation_remove,
        name="commendation-delete",
    ),
]
