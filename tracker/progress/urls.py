from django.urls import path

from tracker.progress import goal_views as goals
from tracker.progress import views as dashboard

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("header/", dashboard.header, name="dashboard_header"),
    path("charts/<slug:key>/", dashboard.chart, name="dashboard_chart"),
    path("goals/", goals.goals, name="goals"),
]
