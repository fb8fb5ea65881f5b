"""The award pages (namespace "awards", mounted at /awards/): rounds, criteria templates,
entries, screening, and the dossier files, served only through permission-checked views (never
from a public URL)."""

from django.urls import path

from awards.views import (
    conflicts,
    criteria,
    drafts,
    entries,
    files,
    panels,
    printouts,
    progress,
    rounds,
    score_sheet,
    screening,
)
from awards.views import judging as judging_pages
from core import converters  # noqa: F401  (registers <id:…>)

app_name = "awards"
urlpatterns = [
    # Rounds: the staff's list and setup; the rounds open for registration, for everyone.
    path("rounds/", rounds.round_list, name="round-list"),
    path("rounds/open/", entries.open_rounds, name="open-rounds"),
    path("rounds/new/", rounds.round_create, name="round-create"),
    path("rounds/<id:pk>/", rounds.round_detail, name="round-detail"),
    path("rounds/<id:pk>/edit/", rounds.round_edit, name="round-edit"),
    path("rounds/<id:pk>/transition/", rounds.round_transition, name="round-transition"),
    path("rounds/<id:pk>/register/", entries.entry_register, name="entry-register"),
    path("rounds/<id:pk>/entries/", screening.round_entries, name="round-entries"),
    path("rounds/<id:pk>/entries/bulk/", screening.entries_bulk, name="entries-bulk"),
    # Criteria templates: staff read them, officers write them.
    path("criteria-templates/", criteria.template_list, name="template-list"),
    path("criteria-templates/new/", criteria.template_create, name="template-create"),
    path(
        "criteria-templates/<id:pk>/edit/",
        criteria.template_edit,
        name="template-edit",
    ),
    # Entries: the facility's pages, and the officer's screening.
    path("entries/", entries.my_entries, name="my-entries"),
    path("entries/<id:pk>/", entries.entry_detail, name="entry-detail"),
    path("entries/<id:pk>/edit/", entries.entry_update, name="entry-update"),
    path("entries/<id:pk>/draft/", drafts.entry_autosave, name="entry-autosave"),
    path("entries/<id:pk>/files/", entries.entry_upload, name="entry-upload"),
    path("entries/<id:pk>/submit/", entries.entry_submit, name="entry-submit"),
    path("entries/<id:pk>/withdraw/", entries.entry_withdraw, name="entry-withdraw"),
    path("entries/<id:pk>/screening/", screening.entry_screening, name="entry-screening"),
    # The printable Mẫu 01 and Mẫu 02 filled from the entry: a page to print, and a .docx
    # (the views take the form's code, a key of awards.printouts.FORMS).
    path(
        "entries/<id:pk>/mau-01/", printouts.printout_page, {"form": "mau-01"}, name="entry-mau-01"
    ),
    path(
        "entries/<id:pk>/mau-01.docx",
        printouts.printout_docx,
        {"form": "mau-01"},
        name="entry-mau-01-docx",
    ),
    path(
        "entries/<id:pk>/mau-02/", printouts.printout_page, {"form": "mau-02"}, name="entry-mau-02"
    ),
    path(
        "entries/<id:pk>/mau-02.docx",
        printouts.printout_docx,
        {"form": "mau-02"},
        name="entry-mau-02-docx",
    ),
    path(
        "entries/files/<id:pk>/delete/",
        entries.attachment_delete,
        name="entry-attachment-delete",
    ),
    # Dossier files.
    path(
        "attachments/<id:pk>/",
        files.attachment_download,
        name="attachment-download",
    ),
    path(
        "attachments/<id:pk>/thumbnail/",
        files.attachment_thumbnail,
        name="attachment-thumbnail",
    ),
    # Judging (issue 8): scoring. The progress of a round's judging, and reopening a
    # submitted sheet from it.
    path("rounds/<id:pk>/progress/", progress.round_progress_page, name="round-progress"),
    path("sheets/<id:pk>/reopen/", progress.sheet_reopen, name="sheet-reopen"),
    # Judging (issue 8): panels, assignments by hand, the judge's declaration.
    path("rounds/<id:pk>/panels/", panels.panel_list, name="panel-list"),
    path("rounds/<id:pk>/panels/new/", panels.panel_create, name="panel-create"),
    path("panels/<id:pk>/", panels.panel_detail, name="panel-detail"),
    path("panels/<id:pk>/edit/", panels.panel_edit, name="panel-edit"),
    path("panels/<id:pk>/delete/", panels.panel_delete, name="panel-delete"),
    path("panels/<id:pk>/assignments/", panels.assignment_add, name="assignment-add"),
    path("assignments/<id:pk>/remove/", panels.assignment_remove, name="assignment-remove"),
    path(
        "rounds/<id:pk>/declaration/",
        conflicts.judging_declaration,
        name="judging-declaration",
    ),
]

# Issue 8: results (the results page, the recognition proposal, the nominations).
from awards.views import results as result_views  # noqa: E402

urlpatterns += [
    path("rounds/<id:pk>/results/", result_views.round_results, name="round-results"),
    path("rounds/<id:pk>/recognition/", result_views.round_recognition, name="round-recognition"),
    path("rounds/<id:pk>/nominations/", result_views.round_nominations, name="round-nominations"),
    # Judging (issue 8): the judge's pages: their rounds, "my entries" of a round, the score
    # sheet, and the panel's sheets for its chair and secretary.
    path("judging/", judging_pages.judging_home, name="judging"),
    path("judging/rounds/<id:pk>/", judging_pages.judging_round, name="judging-round"),
    path("judging/sheets/<id:pk>/", score_sheet.judging_sheet, name="judging-sheet"),
    path("judging/panels/<id:pk>/", judging_pages.judging_panel, name="judging-panel"),
]

# Issue 9: the official lists, one path per list of a round (core.spreadsheets.registry).
from awards.models import AwardRound  # noqa: E402
from awards.views import exports as export_views  # noqa: E402
from core.spreadsheets import registry  # noqa: E402

urlpatterns += [
    path(
        f"rounds/<id:pk>/exports/{identifier}.xlsx",
        export_views.round_export,
        {"identifier": identifier},
        name=f"round-export-{identifier}",
    )
    for identifier in registry.for_subject(AwardRound)
]
