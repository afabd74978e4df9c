from django.urls import include, path
from django.views.i18n import set_language

from qunyan.api.main import api

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("qunyan.core.urls")),
    path("people/", include("qunyan.people.urls")),
    path("workbook/", include("qunyan.spreadsheets.urls")),
    path("reserves/", include("qunyan.reserves.urls")),
    path("talents/", include("qunyan.talents.urls")),
    path("mentoring/", include("qunyan.mentoring.urls")),
    path("party/", include("qunyan.party.urls")),
    path("training/", include("qunyan.training.urls")),
    path("evaluation/", include("qunyan.evaluation.urls")),
    path("duties/", include("qunyan.duties.urls")),
    path("casework/", include("qunyan.casework.urls")),
    path("reports/", include("qunyan.reports.urls")),
    path("api/", include("qunyan.api.urls")),
    path("api/v1/", api.urls),
]
