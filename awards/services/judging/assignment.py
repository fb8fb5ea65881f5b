"""Assignment: the sheets made when judging starts, and by hand (awards.services.judging)."""

from collections import defaultdict
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards.models import (
    SCORING_ROLES,
    AwardRound,
    Conflict,
    Entry,
    Panel,
    PanelMember,
    ProductGroup,
    ScoreSheet,
)
from awards.services.judging.panels import lock_round, panel_for, require_officer
from core.activity import Action, log_activity
from core.workflow import Change, lock_with_parents

S = ScoreSheet.State


# ---- Assignment -------------------------------------------------------------------------------


def _eligible_entries(award_round: AwardRound):
    return Entry.objects.filter(round=award_round, state=Entry.State.ELIGIBLE)


def _round_panels(award_round: AwardRound) -> tuple[list[Panel], dict[int, Panel]]:
    """The round's panels with their seats, and the panel of each group (by the group's id)."""
    panels = list(
        Panel.objects.filter(round=award_round)
        .prefetch_related("product_groups", "members")
        .order_by("name", "id")
    )
    by_group = {group.pk: panel for panel in panels for group in panel.product_groups.all()}
    return panels, by_group


def _scorers(panel: Panel) -> list[int]:
    """The judges who score on the panel (chair, members), in a stable order."""
    return sorted(seat.judge_id for seat in panel.members.all() if seat.role in SCORING_ROLES)


def _conflict_pairs(award_round: AwardRound) -> set[tuple[int, int]]:
    return set(Conflict.objects.filter(round=award_round).values_list("judge_id", "facility_id"))


def judging_requirements(award_round: AwardRound, change: Change | None = None) -> list[str]:
    """What start_judging requires of the panels: at least one eligible entry; a panel for
    every group with eligible entries; enough scoring members on each panel for the minimum
    number of sheets (and for the judges per entry, which may not be below that minimum); no
    entry left below the minimum by its judges' conflicts of interest. Each message with its
    numbers."""
    if award_round.entries.filter(state=Entry.State.SUBMITTED).exists():
        # The list is not screened yet (all_entries_screened says so): the panels are checked
        # against the screened list, once it is.
        return []
    missing = []
    minimum = award_round.min_score_sheets
    per_entry = award_round.judges_per_entry
    entries = list(
        _eligible_entries(award_round)
        .select_related("product_group")
        .order_by("product_group__code", "voting_code", "id")
        .values_list("pk", "product_group_id", "facility_id", "voting_code")
    )
    if not entries:
        return [_("No entry is eligible: judging needs at least one eligible entry.")]
    panels, by_group = _round_panels(award_round)
    unjudged = defaultdict(int)
    for _pk, group_id, _facility, _code in entries:
        if group_id not in by_group:
            unjudged[group_id] += 1
    for group in ProductGroup.objects.filter(pk__in=unjudged).order_by("code"):
        count = unjudged[group.pk]
        missing.append(
            ngettext(
                "%(count)d eligible entry of the group “%(group)s” has no panel to judge it.",
                "%(count)d eligible entries of the group “%(group)s” have no panel to judge them.",
                count,
            )
            % {"count": count, "group": group}
        )
    if per_entry is not None and per_entry < minimum:
        missing.append(
            _(
                "The round asks for %(per_entry)d judges per entry, fewer than its minimum of "
                "%(minimum)d score sheets per entry."
            )
            % {"per_entry": per_entry, "minimum": minimum}
        )
    busy = {by_group[group_id].pk for _pk, group_id, _f, _c in entries if group_id in by_group}
    for panel in panels:
        if panel.pk not in busy:
            continue
        scorers = len(_scorers(panel))
        needed = max(minimum, per_entry or 0)
        if scorers < needed:
            if per_entry is not None and per_entry > minimum:
                text = ngettext(
                    "The panel “%(panel)s” has %(count)d scoring member (chair and members), "
                    "fewer than the %(needed)d judges per entry.",
                    "The panel “%(panel)s” has %(count)d scoring members (chair and members), "
                    "fewer than the %(needed)d judges per entry.",
                    scorers,
                )
            else:
                text = ngettext(
                    "The panel “%(panel)s” has %(count)d scoring member (chair and members), "
                    "fewer than the minimum of %(needed)d score sheets per entry.",
                    "The panel “%(panel)s” has %(count)d scoring members (chair and members), "
                    "fewer than the minimum of %(needed)d score sheets per entry.",
                    scorers,
                )
            missing.append(text % {"panel": panel.name, "count": scorers, "needed": needed})
    if missing:
        return missing
    conflicts = _conflict_pairs(award_round)
    short = [
        code
        for _pk, group_id, facility_id, code in entries
        if sum((judge, facility_id) not in conflicts for judge in _scorers(by_group[group_id]))
        < minimum
    ]
    if short:
        missing.append(
            ngettext(
                "%(count)d entry would have fewer than %(minimum)d score sheets: too many of "
                "its panel's judges declared a conflict of interest with its facility (%(codes)s).",
                "%(count)d entries would have fewer than %(minimum)d score sheets: too many of "
                "their panel's judges declared a conflict of interest with their facility "
                "(%(codes)s).",
                len(short),
            )
            % {"count": len(short), "minimum": minimum, "codes": ", ".join(short)}
        )
    return missing


def balanced_assignment(
    entries: Sequence[tuple[int, int]],
    judges: Sequence[int],
    per_entry: int,
    conflicts: set[tuple[int, int]] = frozenset(),
) -> dict[int, list[int]]:
    """`per_entry` judges for each entry [(entry id, facility id)], in the order given: each
    entry takes the least-loaded judges without a conflict with its facility, ties broken by
    the order of `judges`. Without conflicts no judge ends more than one entry above another
    (the loads only ever differ by one: the least loaded are always taken first). A conflicted
    judge is skipped for that entry, which takes the next least loaded; the conflicted judge,
    then less loaded, is taken first for the following entries, so the loads even out again
    where there are enough entries left."""
    load = dict.fromkeys(judges, 0)
    order = {judge: position for position, judge in enumerate(judges)}
    chosen = {}
    for entry_id, facility_id in entries:
        candidates = [j for j in judges if (j, facility_id) not in conflicts]
        candidates.sort(key=lambda j: (load[j], order[j]))
        picked = candidates[:per_entry]
        for judge in picked:
            load[judge] += 1
        chosen[entry_id] = sorted(picked, key=order.__getitem__)
    return chosen


def assignment_plan(award_round: AwardRound) -> list[tuple[Panel, int, int]]:
    """(panel, entry id, judge id) of every score sheet judging would assign now: by default
    every scoring member of the panel of the entry's group; with `judges_per_entry`, that many
    of them, the load spread evenly (balanced_assignment); never a judge with a conflict of
    interest with the entry's facility. Read by assign_round and by the confirmation of
    start_judging."""
    panels, by_group = _round_panels(award_round)
    conflicts = _conflict_pairs(award_round)
    per_entry = award_round.judges_per_entry
    entries = list(
        _eligible_entries(award_round)
        .order_by("product_group__code", "voting_code", "id")
        .values_list("pk", "product_group_id", "facility_id")
    )
    by_panel: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pk, group_id, facility_id in entries:
        if group_id in by_group:
            by_panel[by_group[group_id].pk].append((pk, facility_id))
    planned = []
    for panel in panels:
        panel_entries = by_panel.get(panel.pk, [])
        scorers = _scorers(panel)
        if per_entry is None:
            plan = {
                entry_id: [j for j in scorers if (j, facility_id) not in conflicts]
                for entry_id, facility_id in panel_entries
            }
        else:
            plan = balanced_assignment(panel_entries, scorers, per_entry, conflicts)
        planned.extend(
            (panel, entry_id, judge_id) for entry_id, judges in plan.items() for judge_id in judges
        )
    return planned


def assign_round(award_round: AwardRound, change: Change) -> None:
    """An effect of the round's start_judging transition (the round locked): the score sheets
    of assignment_plan."""
    assigned_by = change.actor if getattr(change.actor, "pk", None) else None
    sheets = [
        ScoreSheet(
            round=award_round,
            panel=panel,
            entry_id=entry_id,
            judge_id=judge_id,
            assigned_by=assigned_by,
            created_at=change.at,
        )
        for panel, entry_id, judge_id in assignment_plan(award_round)
    ]
    # The transition's own log row records the step; each sheet records who assigned it and
    # when (assigned_by, created_at).
    ScoreSheet.objects.bulk_create(sheets, batch_size=500)


def _sheet_log(sheet: ScoreSheet) -> dict:
    return {"score_sheet": {"id": sheet.pk, "judge": sheet.judge_id, "panel": sheet.panel_id}}


def add_assignment(*, actor, entry: Entry, judge) -> ScoreSheet:
    """Assign one more judge an entry by hand, while the round is judging: a scoring member of
    the entry's panel, without a conflict with its facility, not assigned it yet. The judge is
    told once committed."""
    require_officer(actor, _("Only extension officers assign entries to judges."))
    with transaction.atomic():
        locked = lock_round(entry.round_id)
        current = Entry.objects.select_related("facility").get(pk=entry.pk)
        if not locked.phase.scores:
            raise ValidationError(
                _("Entries are assigned by hand only while the round is judging."), code="fixed"
            )
        errors: dict = {}
        panel = panel_for(current) if current.state == Entry.State.ELIGIBLE else None
        if current.state != Entry.State.ELIGIBLE:
            errors["entry"] = [_("Only an eligible entry is judged.")]
        elif panel is None:
            errors["entry"] = [_("No panel judges this entry's group.")]
        elif (
            judge is None
            or not PanelMember.objects.filter(
                panel=panel, judge=judge, role__in=SCORING_ROLES
            ).exists()
        ):
            errors["judge"] = [
                _("Choose a scoring member (the chair or a member) of the panel “%(panel)s”.")
                % {"panel": panel.name}
            ]
        elif Conflict.objects.filter(round=locked, judge=judge, facility=current.facility).exists():
            errors["judge"] = [
                _("This judge declared a conflict of interest with the entry's facility.")
            ]
        elif ScoreSheet.objects.filter(entry=current, judge=judge).exists():
            errors["judge"] = [_("This judge is already assigned this entry.")]
        if errors:
            raise ValidationError(errors)
        when = timezone.now()
        sheet = ScoreSheet.objects.create(
            round=locked,
            panel=panel,
            entry=current,
            judge=judge,
            assigned_by=actor,
            created_at=when,
        )
        log_activity(actor=actor, action=Action.UPDATED, target=current, after=_sheet_log(sheet))

        def tell():
            from awards import notifications

            notifications.judge_assigned(locked, None, judges=[judge])

        transaction.on_commit(tell, robust=True)
    return sheet


def remove_assignment(*, actor, sheet: ScoreSheet) -> None:
    """Take an entry back from a judge by hand, while the round is judging and the sheet is
    still a draft (until it is submitted). The sheet is deleted; the entry's log keeps it."""
    require_officer(actor, _("Only extension officers remove assignments."))
    with transaction.atomic():
        current = lock_with_parents(ScoreSheet, sheet.pk)
        if not current.round.phase.scores:
            raise ValidationError(
                _("Assignments are removed only while the round is judging."), code="fixed"
            )
        if current.state != S.DRAFT:
            raise ValidationError(
                _("Only a draft sheet is taken back: this one is “%(state)s”.")
                % {"state": current.get_state_display()},
                code="protected",
            )
        log_activity(
            actor=actor, action=Action.UPDATED, target=current.entry, before=_sheet_log(current)
        )
        current.delete()


def assigned_counts(award_round: AwardRound) -> dict[int, int]:
    """The number of entries each judge holds a sheet for (not void) in the round."""
    return dict(
        ScoreSheet.objects.filter(round=award_round)
        .exclude(state=S.VOID)
        .values_list("judge_id")
        .annotate(n=Count("id"))
        .order_by()
    )
