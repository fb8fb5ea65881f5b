"""The notification pages (namespace "notifications", mounted at /notifications/)."""

from django.urls import path

from core import converters  # noqa: F401  (registers <id:…>)
from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read-all/", views.notification_read_all, name="read-all"),
    path("preferences/", views.preferences, name="preferences"),
    path("<id:pk>/open/", views.notification_open, name="open"),
    path("<id:pk>/read/", views.notification_read, name="read"),
]
