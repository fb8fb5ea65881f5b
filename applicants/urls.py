from django.urls import path

from applicants import views
from core import converters  # noqa: F401  (registers <id:…>)

app_name = "applicants"

urlpatterns = [
    path("", views.facility_list, name="list"),
    path("new/", views.facility_create, name="create"),
    path("wards/", views.ward_options, name="ward-options"),
    path("export.xlsx", views.facility_export, name="export"),
    path("<id:pk>/", views.facility_detail, name="detail"),
    path("<id:pk>/edit/", views.facility_edit, name="edit"),
]
