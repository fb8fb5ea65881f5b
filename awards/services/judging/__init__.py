"""Judging panels, the judges' conflicts of interest, and the assignment of entries to judges
(an assignment is a score sheet, empty and in draft).

- A round's panels (hội đồng) are set up by officers before judging starts; during judging
  their members may still change (a judge holding a submitted sheet stays), their groups not;
  once judging ends, nothing. In one round a product group is judged by at most one panel:
  checked under the round's row lock, which every change of the round's panels takes first.
- A judge seated on a panel of a round answers its conflict-of-interest declaration: the
  conflicts (a facility and the reason each), or none. A conflict declared after sheets exist
  voids the judge's sheets of that facility's entries, in the same transaction.
- When judging starts (an effect of the round's start_judging transition) every eligible entry
  gets its sheets: every scoring member of its group's panel, or a balanced number of them;
  never a judge with a conflict with its facility. Officers add or remove one by hand.
"""

from awards.services.judging.assignment import (
    add_assignment,
    assign_round,
    assigned_counts,
    assignment_plan,
    balanced_assignment,
    judging_requirements,
    remove_assignment,
)
from awards.services.judging.conflicts import declarable_facilities, declare_conflicts
from awards.services.judging.panels import (
    check_panel,
    create_panel,
    delete_panel,
    judge_panels,
    panel_for,
    update_panel,
)

__all__ = [
    "add_assignment",
    "assign_round",
    "assigned_counts",
    "assignment_plan",
    "balanced_assignment",
    "check_panel",
    "create_panel",
    "declarable_facilities",
    "declare_conflicts",
    "delete_panel",
    "judge_panels",
    "judging_requirements",
    "panel_for",
    "remove_assignment",
    "update_panel",
]
