from django.urls import path

from . import views, views_campaigns

app_name = "talents"
urlpatterns = [
    path("", views.talent_list_view, name="talent-list"),
    path("new/", views.talent_add, name="talent-add"),
    path("<int:pk>/", views.talent_detail, name="talent-detail"),
    path("<int:pk>/edit/", views.talent_edit, name="talent-edit"),
    path("outreach/", views.outreach_list_view, name="outreach-list"),
    path("outreach/<int:pk>/", views.outreach_edit, name="outreach-edit"),
    path("outreach/<int:pk>/done/", views.outreach_done, name="outreach-done"),
    path("funnel/", views.funnel, name="funnel"),
    path("campaigns/", views_campaigns.campaign_list_view, name="campaign-list"),
    path("campaigns/new/", views_campaigns.campaign_edit, name="campaign-add"),
    path("campaigns/<int:pk>/", views_campaigns.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:pk>/edit/", views_campaigns.campaign_edit, name="campaign-edit"),
    path("campaigns/<int:pk>/visits/", views_campaigns.visit_list_view, name="visit-list"),
    path("symposiums/<int:pk>/", views_campaigns.symposium_detail, name="symposium-detail"),
]
