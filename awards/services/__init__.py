"""Every change to rounds, criteria templates, entries, screening, dossier files, panels,
conflicts, assignments, scores, recognition and nominations goes through these functions, one
per operation, grouped by concern. State changes go through
core.workflow.transition (awards/workflows/); the functions here validate with the models' own
rules, run in one transaction and write the activity log. A check_* function makes an
operation's checks writing nothing, for a form to show every error in one pass.

Everything is importable from `awards.services`.
"""

from awards.services.attachments import add_attachment, delete_attachment
from awards.services.criteria import (
    check_criteria_template,
    check_criterion,
    save_criteria_template,
)
from awards.services.entries import ENTRY_FIELDS, check_entry, register_entry, update_entry
from awards.services.judging import (
    add_assignment,
    check_panel,
    create_panel,
    declare_conflicts,
    delete_panel,
    panel_for,
    remove_assignment,
    update_panel,
)
from awards.services.results import (
    NominationOutcome,
    check_recognition,
    nominate,
    propose_recognition,
)
from awards.services.rounds import (
    ROUND_FIELDS,
    check_round,
    create_round,
    delete_round,
    update_round,
)
from awards.services.scoring import ScoresInvalid, check_scores, save_scores
from awards.services.screening import bulk_transition, record_screening, screen_entry

__all__ = [
    "ENTRY_FIELDS",
    "ROUND_FIELDS",
    "NominationOutcome",
    "ScoresInvalid",
    "add_assignment",
    "add_attachment",
    "bulk_transition",
    "check_criteria_template",
    "check_criterion",
    "check_entry",
    "check_panel",
    "check_recognition",
    "check_round",
    "check_scores",
    "create_panel",
    "create_round",
    "declare_conflicts",
    "delete_attachment",
    "delete_panel",
    "delete_round",
    "nominate",
    "panel_for",
    "propose_recognition",
    "record_screening",
    "register_entry",
    "remove_assignment",
    "save_criteria_template",
    "save_scores",
    "screen_entry",
    "update_entry",
    "update_panel",
    "update_round",
]
