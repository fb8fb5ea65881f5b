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

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applicants.models import Facility
from awards import rules
from awards.models import (
    SCORING_ROLES,
    SCREENED_IN,
    AwardRound,
    Conflict,
    ConflictDeclaration,
    Entry,
    Panel,
    PanelMember,
    PanelRole,
    ProductGroup,
    ScoreSheet,
)
from core.activity import Action, log_activity, log_changes, snapshot
from core.models import LONG_TEXT_MAX
from core.roles import Role, role_of
from core.text import clean_text
from core.workflow import Change, lock_with_parents, transition

User = get_user_model()

S = ScoreSheet.State
# The entries whose facility a judge may declare a conflict with: those taking part in the
# round (screened in), or still waiting to be screened.
DECLARABLE_ENTRY_STATES = (*SCREENED_IN, Entry.State.SUBMITTED)


# ---- Panels -----------------------------------------------------------------------------------


def panel_for(entry: Entry) -> Panel | None:
    """The panel that judges the entry: the one of its round judging its group."""
    return (
        Panel.objects.filter(round_id=entry.round_id, product_groups=entry.product_group_id)
        .order_by("id")
        .first()
    )


def _require_officer(actor, message: str) -> None:
    if not rules.can_manage_rounds(actor):
        raise PermissionDenied(message)


def _lock_round(award_round_id) -> AwardRound:
    return AwardRound.objects.select_for_update().get(pk=award_round_id)


def _panel_state(panel: Panel) -> dict:
    """What the log records of a panel: its fields, its groups' codes, its seats."""
    return {
        **snapshot(panel),
        "product_groups": sorted(panel.product_groups.values_list("code", flat=True)),
        "members": [
            [judge_id, role]
            for judge_id, role in panel.members.order_by("judge_id").values_list("judge_id", "role")
        ],
    }


def _check_name(award_round: AwardRound, name: str, panel: Panel | None, errors: dict) -> str:
    name = clean_text(name or "").strip()
    limit = Panel._meta.get_field("name").max_length
    if not name:
        errors["name"] = [ValidationError(_("Give the panel a name."), code="required")]
    elif len(name) > limit:
        errors["name"] = [
            ValidationError(
                _("Write at most %(limit)d characters (this name has %(count)d).")
                % {"limit": limit, "count": len(name)},
                code="max_length",
            )
        ]
    else:
        others = Panel.objects.filter(round=award_round, name=name)
        if panel is not None:
            others = others.exclude(pk=panel.pk)
        if others.exists():
            errors["name"] = [
                ValidationError(_("This round already has a panel with this name."), code="unique")
            ]
    return name


def _check_groups(
    award_round: AwardRound, groups: Iterable[ProductGroup], panel: Panel | None, errors: dict
) -> list[ProductGroup]:
    groups = list(dict.fromkeys(groups))
    messages = []
    if not groups:
        messages.append(
            ValidationError(_("Choose at least one product group to judge."), code="required")
        )
    open_ids = set(award_round.product_groups.values_list("pk", flat=True))
    for group in groups:
        if group.pk not in open_ids:
            messages.append(
                ValidationError(
                    _("The group “%(group)s” is not open in this round.") % {"group": group},
                    code="invalid",
                )
            )
    taken = (
        Panel.product_groups.through.objects.filter(
            panel__round=award_round, productgroup__in=[g.pk for g in groups]
        )
        .exclude(panel=panel)
        .select_related("panel", "productgroup")
        .order_by("productgroup__code")
    )
    for link in taken:
        messages.append(
            ValidationError(
                _("The group “%(group)s” is already judged by the panel “%(panel)s”.")
                % {"group": link.productgroup, "panel": link.panel.name},
                code="taken",
            )
        )
    if messages:
        errors["product_groups"] = messages
    return groups


def _check_members(members: Sequence[tuple], errors: dict) -> list[tuple]:
    """Each seat: an active judge account, a known role, a judge once; one chair."""
    members = list(members)
    seen = set()
    chairs = 0
    for index, (judge, role) in enumerate(members):
        if judge is None or not judge.is_active or role_of(judge) != Role.JUDGE:
            errors[f"members.{index}.judge"] = [
                ValidationError(_("Choose an active account with the judge role."), code="invalid")
            ]
        elif judge.pk in seen:
            errors[f"members.{index}.judge"] = [
                ValidationError(_("This judge already sits on this panel."), code="duplicate")
            ]
        else:
            seen.add(judge.pk)
        if role not in PanelRole.values:
            errors[f"members.{index}.role"] = [
                ValidationError(_("Choose chair, member or secretary."), code="invalid_choice")
            ]
        elif role == PanelRole.CHAIR:
            chairs += 1
    if chairs != 1:
        message = (
            _("A panel has one chair: choose one.")
            if chairs == 0
            else _("A panel has one chair: %(count)d members are chairs.") % {"count": chairs}
        )
        errors["members"] = [ValidationError(message, code="chair")]
    return members


def check_panel(
    *,
    award_round: AwardRound,
    name: str | None = None,
    product_groups=None,
    members=None,
    panel: Panel | None = None,
) -> None:
    """The checks create_panel (`panel` None) or update_panel make on the values given,
    writing nothing: for a form, to show every error in one pass. Raises ValidationError keyed
    by field ("name", "product_groups", "members", "members.<i>.judge", "members.<i>.role")."""
    errors: dict = {}
    _check_phase(award_round, panel, product_groups, errors)
    if name is not None:
        _check_name(award_round, name, panel, errors)
    if product_groups is not None and "product_groups" not in errors:
        _check_groups(award_round, product_groups, panel, errors)
    if members is not None:
        _check_members(members, errors)
        if panel is not None and award_round.phase.scores:
            _check_kept_scorers(panel, members, errors)
    if errors:
        raise ValidationError(errors)


def _check_phase(award_round, panel, product_groups, errors: dict) -> None:
    phase = award_round.phase
    if phase.results_visible or phase.final:
        raise ValidationError(
            _("Judging has ended: the round's panels no longer change."), code="fixed"
        )
    if panel is None and phase.scores:
        raise ValidationError(
            _("Judging has started: panels are set up before it starts."), code="fixed"
        )
    if panel is not None and phase.scores and product_groups is not None:
        current = set(panel.product_groups.values_list("pk", flat=True))
        if {group.pk for group in product_groups} != current:
            errors["product_groups"] = [
                ValidationError(
                    _("Judging has started: the groups a panel judges no longer change."),
                    code="fixed",
                )
            ]


def _check_kept_scorers(panel: Panel, members, errors: dict) -> None:
    """During judging a judge who submitted a sheet on the panel keeps a scoring seat."""
    scoring = {judge.pk for judge, role in members if judge is not None and role in SCORING_ROLES}
    submitted = (
        ScoreSheet.objects.filter(panel=panel, state=S.SUBMITTED)
        .exclude(judge_id__in=scoring)
        .values_list("judge__full_name", "judge__username")
        .distinct()
        .order_by("judge__full_name")
    )
    names = [full_name or username for full_name, username in submitted]
    if names:
        errors.setdefault("members", []).append(
            ValidationError(
                ngettext(
                    "%(names)s submitted a score sheet on this panel and keeps a scoring seat.",
                    "%(names)s submitted score sheets on this panel and keep their scoring seats.",
                    len(names),
                )
                % {"names": ", ".join(names)},
                code="submitted",
            )
        )


def create_panel(
    *, actor, award_round: AwardRound, name: str, product_groups, members: list[tuple]
) -> Panel:
    """A new panel of the round, before judging starts. `members`: [(judge, role)], with one
    chair."""
    _require_officer(actor, _("Only extension officers set up judging panels."))
    with transaction.atomic():
        locked = _lock_round(award_round.pk)
        errors: dict = {}
        _check_phase(locked, None, product_groups, errors)
        name = _check_name(locked, name, None, errors)
        groups = _check_groups(locked, product_groups, None, errors)
        members = _check_members(members, errors)
        if errors:
            raise ValidationError(errors)
        panel = Panel.objects.create(round=locked, name=name)
        panel.product_groups.set(groups)
        PanelMember.objects.bulk_create(
            PanelMember(panel=panel, judge=judge, role=role) for judge, role in members
        )
        log_activity(actor=actor, action=Action.CREATED, target=panel, after=_panel_state(panel))
    return panel


def update_panel(
    *, actor, panel: Panel, name: str | None = None, product_groups=None, members=None
) -> Panel:
    """Change a panel's name, groups (before judging starts) or members (until judging ends;
    a judge who submitted a sheet on it keeps a scoring seat). A judge who loses their scoring
    seat during judging loses their draft sheets of the panel. None: unchanged."""
    _require_officer(actor, _("Only extension officers change judging panels."))
    with transaction.atomic():
        locked_round = _lock_round(panel.round_id)
        current = Panel.objects.select_for_update().get(pk=panel.pk)
        current.round = locked_round
        errors: dict = {}
        _check_phase(locked_round, current, product_groups, errors)
        if name is not None:
            name = _check_name(locked_round, name, current, errors)
        if product_groups is not None and "product_groups" not in errors:
            product_groups = _check_groups(locked_round, product_groups, current, errors)
        if members is not None:
            members = _check_members(members, errors)
            if locked_round.phase.scores:
                _check_kept_scorers(current, members, errors)
        if errors:
            raise ValidationError(errors)
        before = _panel_state(current)
        if name is not None and name != current.name:
            current.name = name
            current.save(update_fields=["name"])
        if product_groups is not None:
            current.product_groups.set(product_groups)
        dropped_sheets = []
        if members is not None:
            dropped_sheets = _replace_members(current, members)
        after = _panel_state(current)
        if dropped_sheets:
            after["draft_sheets_removed"] = dropped_sheets
        log_changes(actor=actor, target=current, before=before, after=after)
    return current


def _replace_members(panel: Panel, members: list[tuple]) -> list[int]:
    """Set the panel's seats to `members`; the draft sheets of a judge who no longer scores on
    it are removed (their ids returned). Submitted ones were checked to be kept; void ones
    stay, with their history."""
    wanted = {judge.pk: role for judge, role in members}
    seats = {seat.judge_id: seat for seat in panel.members.all()}
    for judge_id, seat in seats.items():
        if judge_id not in wanted:
            seat.delete()
    # The chair's seat changes last: the database holds one chair per panel at every moment.
    changes = sorted(
        ((judge, role) for judge, role in members),
        key=lambda item: item[1] == PanelRole.CHAIR,
    )
    for judge_id, seat in seats.items():
        if judge_id in wanted and wanted[judge_id] != seat.role and seat.role == PanelRole.CHAIR:
            seat.role = PanelRole.MEMBER
            seat.save(update_fields=["role"])
    for judge, role in changes:
        seat = seats.get(judge.pk)
        if seat is None:
            PanelMember.objects.create(panel=panel, judge=judge, role=role)
        elif seat.role != role:
            seat.role = role
            seat.save(update_fields=["role"])
    scoring = [judge_id for judge_id, role in wanted.items() if role in SCORING_ROLES]
    drafts = ScoreSheet.objects.filter(panel=panel, state=S.DRAFT).exclude(judge_id__in=scoring)
    ids = sorted(drafts.values_list("pk", flat=True))
    if ids:
        ScoreSheet.objects.filter(pk__in=ids).delete()
    return ids


def delete_panel(*, actor, panel: Panel) -> None:
    """A panel is deleted before judging starts; afterwards it is part of the record."""
    _require_officer(actor, _("Only extension officers delete judging panels."))
    with transaction.atomic():
        locked_round = _lock_round(panel.round_id)
        current = Panel.objects.select_for_update().get(pk=panel.pk)
        if locked_round.phase.settings_frozen or current.score_sheets.exists():
            raise ValidationError(
                _("Judging has started: the panel is part of the record and stays."),
                code="protected",
            )
        log_activity(
            actor=actor, action=Action.DELETED, target=current, before=_panel_state(current)
        )
        current.delete()


# ---- Conflicts of interest ------------------------------------------------------------------


def judge_panels(judge, award_round: AwardRound):
    """The panels of the round the judge sits on."""
    return Panel.objects.filter(round=award_round, members__judge=judge).distinct()


def declarable_facilities(judge, award_round: AwardRound):
    """The facilities a judge may declare a conflict with: those with an entry taking part in
    the round (or waiting to be screened) in a group one of the judge's panels judges, by
    name."""
    groups = ProductGroup.objects.filter(panels__in=judge_panels(judge, award_round))
    return (
        Facility.objects.filter(
            entries__round=award_round,
            entries__state__in=DECLARABLE_ENTRY_STATES,
            entries__product_group__in=groups,
        )
        .distinct()
        .order_by("sort_name", "id")
    )


def declare_conflicts(
    *,
    actor,
    award_round: AwardRound,
    conflicts: Sequence[tuple] = (),
    none: bool = False,
) -> ConflictDeclaration:
    """The judge's answer to the round's conflict-of-interest declaration: `conflicts`
    [(facility or its id, reason)], or `none`. More conflicts may be declared later, until the
    round is final; each voids the judge's sheets of that facility's entries (kept, with their
    history, never counted). Errors: "conflicts.<i>.facility", "conflicts.<i>.reason",
    "conflicts" (nothing declared), "none"."""
    if role_of(actor) != Role.JUDGE or not judge_panels(actor, award_round).exists():
        raise PermissionDenied(
            _("Only a judge seated on a panel of this round declares conflicts of interest in it.")
        )
    conflicts = [
        (facility, clean_text(reason or "", multiline=True).strip())
        for facility, reason in conflicts
    ]
    with transaction.atomic():
        locked = _lock_round(award_round.pk)
        if locked.phase.final:
            raise ValidationError(
                _("The results of this round are final: nothing more is declared."),
                code="fixed",
            )
        existing = ConflictDeclaration.objects.filter(round=locked, judge=actor).first()
        if none:
            if conflicts:
                raise ValidationError(
                    {
                        "none": [
                            _("Declare either your conflicts of interest or that you have none.")
                        ]
                    }
                )
            if existing is not None:
                if Conflict.objects.filter(round=locked, judge=actor).exists():
                    raise ValidationError(
                        {
                            "none": [
                                _(
                                    "You already declared conflicts of interest in this "
                                    "round: you cannot declare none."
                                )
                            ]
                        }
                    )
                return existing  # declared none already: nothing changes
            declaration = ConflictDeclaration.objects.create(round=locked, judge=actor)
            log_activity(
                actor=actor,
                action=Action.CREATED,
                target=declaration,
                after={"round": locked.pk, "judge": actor.pk, "none": True},
            )
            return declaration
        if not conflicts:
            raise ValidationError(
                {
                    "conflicts": [
                        _(
                            "Choose the facilities you have a conflict of interest with, or "
                            "declare that you have none."
                        )
                    ]
                }
            )
        resolved = _check_conflicts(actor, locked, conflicts)
        now = timezone.now()
        if existing is None:
            declaration = ConflictDeclaration.objects.create(
                round=locked, judge=actor, declared_at=now
            )
        else:
            declaration = existing
        rows = Conflict.objects.bulk_create(
            Conflict(round=locked, judge=actor, facility=facility, reason=reason, declared_at=now)
            for facility, reason in resolved
        )
        voided = []
        for facility, reason in resolved:
            sheets = ScoreSheet.objects.filter(
                round=locked, judge=actor, entry__facility=facility
            ).exclude(state=S.VOID)
            for sheet in sheets.order_by("pk"):
                transition(sheet, action="void", actor=actor, note=reason)
                voided.append(sheet.pk)
        log_activity(
            actor=actor,
            action=Action.CREATED if existing is None else Action.UPDATED,
            target=declaration,
            after={
                "round": locked.pk,
                "judge": actor.pk,
                "conflicts": [{"facility": row.facility_id, "reason": row.reason} for row in rows],
                **({"voided_sheets": voided} if voided else {}),
            },
        )
    return declaration


def _check_conflicts(actor, award_round: AwardRound, conflicts) -> list[tuple[Facility, str]]:
    allowed = {f.pk: f for f in declarable_facilities(actor, award_round)}
    declared = set(
        Conflict.objects.filter(round=award_round, judge=actor).values_list(
            "facility_id", flat=True
        )
    )
    errors: dict = {}
    resolved, seen = [], set()
    for index, (facility, reason) in enumerate(conflicts):
        facility_id = getattr(facility, "pk", facility)
        try:
            facility_id = int(facility_id)
        except (TypeError, ValueError):
            facility_id = None
        if facility_id not in allowed:
            errors[f"conflicts.{index}.facility"] = [
                ValidationError(
                    _("This facility has no entry in the groups your panels judge."),
                    code="invalid",
                )
            ]
        elif facility_id in seen:
            errors[f"conflicts.{index}.facility"] = [
                ValidationError(_("This facility is listed twice."), code="duplicate")
            ]
        elif facility_id in declared:
            errors[f"conflicts.{index}.facility"] = [
                ValidationError(
                    _("You already declared a conflict with this facility."), code="unique"
                )
            ]
        if not reason:
            errors[f"conflicts.{index}.reason"] = [
                ValidationError(_("Say what the conflict of interest is."), code="required")
            ]
        elif len(reason) > LONG_TEXT_MAX:
            errors[f"conflicts.{index}.reason"] = [
                ValidationError(
                    _("Write at most %(limit)d characters (this reason has %(count)d).")
                    % {"limit": LONG_TEXT_MAX, "count": len(reason)},
                    code="max_length",
                )
            ]
        if facility_id in allowed:
            seen.add(facility_id)
            resolved.append((allowed[facility_id], reason))
    if errors:
        raise ValidationError(errors)
    return resolved


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


def assign_round(award_round: AwardRound, change: Change) -> None:
    """An effect of the round's start_judging transition (the round locked): the score sheets
    of every eligible entry. By default every scoring member of the panel of the entry's group;
    with `judges_per_entry`, that many of them, the load spread evenly (balanced_assignment);
    never a judge with a conflict of interest with the entry's facility."""
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
    sheets = []
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
        sheets.extend(
            ScoreSheet(
                round=award_round,
                panel=panel,
                entry_id=entry_id,
                judge_id=judge_id,
                assigned_by=change.actor if getattr(change.actor, "pk", None) else None,
                created_at=change.at,
            )
            for entry_id, judges in plan.items()
            for judge_id in judges
        )
    ScoreSheet.objects.bulk_create(sheets, batch_size=500)
    log_activity(
        actor=change.actor,
        action=Action.UPDATED,
        target=award_round,
        after={
            "assignment": {
                "score_sheets": len(sheets),
                "judges": len({sheet.judge_id for sheet in sheets}),
                "judges_per_entry": per_entry,
            }
        },
        at=change.at,
    )


def _sheet_log(sheet: ScoreSheet) -> dict:
    return {"score_sheet": {"id": sheet.pk, "judge": sheet.judge_id, "panel": sheet.panel_id}}


def add_assignment(*, actor, entry: Entry, judge) -> ScoreSheet:
    """Assign one more judge an entry by hand, while the round is judging: a scoring member of
    the entry's panel, without a conflict with its facility, not assigned it yet. The judge is
    told once committed."""
    _require_officer(actor, _("Only extension officers assign entries to judges."))
    with transaction.atomic():
        locked = _lock_round(entry.round_id)
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
    _require_officer(actor, _("Only extension officers remove assignments."))
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


__all__ = [
    "add_assignment",
    "assign_round",
    "assigned_counts",
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
