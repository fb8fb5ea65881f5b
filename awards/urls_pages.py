"""The round and entry pages (namespace "awards", mounted at /awards/)."""

from django.urls import path

from awards import views, views_entries, views_screening, views_templates

urlpatterns = [
    # Rounds: the staff's list and setup; the rounds open for registration, for everyone.
    path("rounds/", views.round_list, name="round-list"),
    path("rounds/open/", views_entries.open_rounds, name="open-rounds"),
    path("rounds/new/", views.round_create, name="round-create"),
    path("rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round-edit"),
    path("rounds/<int:pk>/transition/", views.round_transition, name="round-transition"),
    path("rounds/<int:pk>/register/", views_entries.entry_register, name="entry-register"),
    path("rounds/<int:pk>/entries/", views_screening.round_entries, name="round-entries"),
    path("rounds/<int:pk>/entries/bulk/", views_screening.entries_bulk, name="entries-bulk"),
    # Criteria templates: staff read them, officers write them.
    path("criteria-templates/", views_templates.template_list, name="template-list"),
    path("criteria-templates/new/", views_templates.template_create, name="template-create"),
    path(
        "criteria-templates/<int:pk>/edit/",
        views_templates.template_edit,
        name="template-edit",
    ),
    # Entries: the facility's pages, and the officer's screening.
    path("entries/", views_entries.my_entries, name="my-entries"),
    path("entries/<int:pk>/", views_entries.entry_detail, name="entry-detail"),
    path("entries/<int:pk>/edit/", views_entries.entry_update, name="entry-update"),
    path("entries/<int:pk>/files/", views_entries.entry_upload, name="entry-upload"),
    path("entries/<int:pk>/submit/", views_entries.entry_submit, name="entry-submit"),
    path("entries/<int:pk>/withdraw/", views_entries.entry_withdraw, name="entry-withdraw"),
    path("entries/<int:pk>/screening/", views_screening.entry_screening, name="entry-screening"),
    path(
        "entries/files/<int:pk>/delete/",
        views_entries.attachment_delete,
        name="entry-attachment-delete",
    ),
]
