"""The award pages (namespace "awards", mounted at /awards/): rounds, criteria templates,
entries, screening, and the dossier files, served only through permission-checked views (never
from a public URL)."""

from django.urls import path

from awards.views import criteria, entries, files, rounds, screening

app_name = "awards"
urlpatterns = [
    # Rounds: the staff's list and setup; the rounds open for registration, for everyone.
    path("rounds/", rounds.round_list, name="round-list"),
    path("rounds/open/", entries.open_rounds, name="open-rounds"),
    path("rounds/new/", rounds.round_create, name="round-create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round-detail"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round-edit"),
    path("rounds/<int:pk>/transition/", rounds.round_transition, name="round-transition"),
    path("rounds/<int:pk>/register/", entries.entry_register, name="entry-register"),
    path("rounds/<int:pk>/entries/", screening.round_entries, name="round-entries"),
    path("rounds/<int:pk>/entries/bulk/", screening.entries_bulk, name="entries-bulk"),
    # Criteria templates: staff read them, officers write them.
    path("criteria-templates/", criteria.template_list, name="template-list"),
    path("criteria-templates/new/", criteria.template_create, name="template-create"),
    path(
        "criteria-templates/<int:pk>/edit/",
        criteria.template_edit,
        name="template-edit",
    ),
    # Entries: the facility's pages, and the officer's screening.
    path("entries/", entries.my_entries, name="my-entries"),
    path("entries/<int:pk>/", entries.entry_detail, name="entry-detail"),
    path("entries/<int:pk>/edit/", entries.entry_update, name="entry-update"),
    path("entries/<int:pk>/files/", entries.entry_upload, name="entry-upload"),
    path("entries/<int:pk>/submit/", entries.entry_submit, name="entry-submit"),
    path("entries/<int:pk>/withdraw/", entries.entry_withdraw, name="entry-withdraw"),
    path("entries/<int:pk>/screening/", screening.entry_screening, name="entry-screening"),
    path(
        "entries/files/<int:pk>/delete/",
        entries.attachment_delete,
        name="entry-attachment-delete",
    ),
    # Dossier files.
    path(
        "attachments/<int:pk>/",
        files.attachment_download,
        name="attachment-download",
    ),
    path(
        "attachments/<int:pk>/thumbnail/",
        files.attachment_thumbnail,
        name="attachment-thumbnail",
    ),
]
