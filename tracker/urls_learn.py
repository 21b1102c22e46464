from django.urls import path

from tracker.views import learn

urlpatterns = [
    path("", learn.learn, name="learn"),
    path("<slug:slug>/", learn.article, name="learn_article"),
]
