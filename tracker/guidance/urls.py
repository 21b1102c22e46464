from django.urls import path

from tracker.guidance import views as learn

urlpatterns = [
    path("", learn.learn, name="learn"),
    path("<slug:slug>/", learn.article, name="learn_article"),
]
