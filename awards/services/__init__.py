"""Every change to rounds, criteria templates, entries, screening and dossier files goes through
these functions, one per operation, grouped by concern. State changes go through
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
from awards.services.rounds import (
    ROUND_FIELDS,
    check_round,
    create_round,
    delete_round,
    update_round,
)
from awards.services.screening import bulk_transition, record_screening, screen_entry

__all__ = [
    "ENTRY_FIELDS",
    "ROUND_FIELDS",
    "add_attachment",
    "bulk_transition",
    "check_criteria_template",
    "check_criterion",
    "check_entry",
    "check_round",
    "create_round",
    "delete_attachment",
    "delete_round",
    "record_screening",
    "register_entry",
    "save_criteria_template",
    "screen_entry",
    "update_entry",
    "update_round",
]

# Issue 8: results (recognition, certificates, nomination).
from awards.services.results import (
    NominationOutcome,
    check_recognition,
    nominate,
    propose_recognition,
)

__all__ += ["NominationOutcome", "check_recognition", "nominate", "propose_recognition"]
