from django.urls import path

from .views import overview, pairing, pairs, register

app_name = "mentoring"
urlpatterns = [
    path("", overview.overview, name="overview"),
    path("mentors/", register.mentor_list_view, name="mentor-list"),
    path("mentors/new/", register.mentor_add, name="mentor-add"),
    path("mentors/<int:pk>/", register.mentor_detail, name="mentor-detail"),
    path("mentees/", register.mentee_list, name="mentee-list"),
    path("mentees/<int:pk>/", pairing.mentee_detail, name="mentee-detail"),
    path("suggestions/", pairing.suggestions, name="suggestions"),
    path("suggestions/accept/", pairing.pairing_accept, name="pairing-accept"),
    path("suggestions/reject/", pairing.pairing_reject_view, name="pairing-reject"),
    path("pairs/", pairs.pair_list_view, name="pair-list"),
    path("pairs/<int:pk>/", pairs.pair_detail, name="pair-detail"),
]
