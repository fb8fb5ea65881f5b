"""Judging panels: setting them up and changing them (awards.services.judging)."""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards import rules
from awards.models import (
    SCORING_ROLES,
    AwardRound,
    Entry,
    Panel,
    PanelMember,
    PanelRole,
    ProductGroup,
    ScoreSheet,
)
from core.activity import Action, log_activity, log_changes, snapshot
from core.clock import moment_of
from core.roles import Role, role_of
from core.text import clean_text

S = ScoreSheet.State


# ---- Panels -----------------------------------------------------------------------------------


def panel_for(entry: Entry) -> Panel | None:
    """The panel that judges the entry: the one of its round judging its group."""
    return (
        Panel.objects.filter(round_id=entry.round_id, product_groups=entry.product_group_id)
        .order_by("id")
        .first()
    )


def require_officer(actor, message: str) -> None:
    if not rules.can_manage_rounds(actor):
        raise PermissionDenied(message)


def lock_round(award_round_id) -> AwardRound:
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
    *,
    actor,
    award_round: AwardRound,
    name: str,
    product_groups,
    members: list[tuple],
    on: datetime.date | None = None,
) -> Panel:
    """A new panel of the round, before judging starts. `members`: [(judge, role)], with one
    chair. `on`: the day it was set up, for a round of a past year (core.clock)."""
    require_officer(actor, _("Only extension officers set up judging panels."))
    when = moment_of(on)
    with transaction.atomic():
        locked = lock_round(award_round.pk)
        errors: dict = {}
        _check_phase(locked, None, product_groups, errors)
        name = _check_name(locked, name, None, errors)
        groups = _check_groups(locked, product_groups, None, errors)
        members = _check_members(members, errors)
        if errors:
            raise ValidationError(errors)
        panel = Panel.objects.create(round=locked, name=name, created_at=when.at)
        panel.product_groups.set(groups)
        PanelMember.objects.bulk_create(
            PanelMember(panel=panel, judge=judge, role=role) for judge, role in members
        )
        log_activity(
            actor=actor,
            action=Action.CREATED,
            target=panel,
            after=_panel_state(panel),
            at=when.at,
        )
    return panel


def update_panel(
    *, actor, panel: Panel, name: str | None = None, product_groups=None, members=None
) -> Panel:
    """Change a panel's name, groups (before judging starts) or members (until judging ends;
    a judge who submitted a sheet on it keeps a scoring seat). A judge who loses their scoring
    seat during judging loses their draft sheets of the panel. None: unchanged."""
    require_officer(actor, _("Only extension officers change judging panels."))
    with transaction.atomic():
        locked_round = lock_round(panel.round_id)
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
    require_officer(actor, _("Only extension officers delete judging panels."))
    with transaction.atomic():
        locked_round = lock_round(panel.round_id)
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


def judge_panels(judge, award_round: AwardRound):
    """The panels of the round the judge sits on."""
    return Panel.objects.filter(round=award_round, members__judge=judge).distinct()
