"""The programme pages (namespace "programs"). Minimal: the documents' views only, until the
proposal pages join them."""

from django.urls import include, path

app_name = "programs"
urlpatterns = [
    path("", include("programs.views.documents")),
]
