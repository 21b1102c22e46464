from django.urls import path

from tracker.reminders import views

urlpatterns = [
    path("", views.reminders, name="reminders"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="reminders_unsubscribe"),
]
