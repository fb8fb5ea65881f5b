"""The dossier files, served only through permission-checked views (never from a public URL)."""

from django.urls import path

from awards import views_files

urlpatterns = [
    path(
        "attachments/<int:pk>/",
        views_files.attachment_download,
        name="attachment-download",
    ),
    path(
        "attachments/<int:pk>/thumbnail/",
        views_files.attachment_thumbnail,
        name="attachment-thumbnail",
    ),
]
