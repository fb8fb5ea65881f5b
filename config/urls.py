from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("facilities/", include("applicants.urls")),
    path("awards/", include("awards.urls")),
    path("programs/", include("programs.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("portal.urls")),
    path("", include("core.urls")),
]
