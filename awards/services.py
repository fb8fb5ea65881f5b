"""Every change to rounds, criteria templates, entries and screening goes through these.

State changes go through core.workflow.transition (see awards/workflows.py); the functions
here validate with the models' own rules, run in one transaction and write the activity log.
"""

import random
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.eligibility import is_rural_industrial_facility
from applicants.models import Facility
from applicants.rules import is_member
from awards import rules
from awards.models import (
    AwardRound,
    CriteriaTemplate,
    Entry,
    ProductGroup,
    ScreeningCheck,
    ScreeningCondition,
    TemplateCriterion,
)
from awards.rules import SCREENING_ROUND_STATES
from core.activity import Action, log_activity, log_changes, snapshot
from core.roles import Role, role_of
from core.workflow import transition

ROUND_FIELDS = [
    "title",
    "year",
    "level",
    "organiser_name",
    "criteria_template",
    "registration_opens",
    "registration_closes",
    "judging_ends",
    "pass_score",
    "min_score_sheets",
    "judges_see_identity",
    "judges_see_other_scores",
    "nominee_quota",
    "next_round",
]
ENTRY_FIELDS = [
    "product_name",
    "product_group",
    "is_product_set",
    "features",
    "materials",
    "production_process",
    "markets",
    "price",
    "quality_standards",
    "awards_received",
]


def _set_fields(instance, data: dict[str, Any], allowed: list[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)


# ---- Criteria templates -----------------------------------------------------------------


def _validate_criteria(criteria: list[dict]) -> None:
    """Codes unique, points positive, and sub-criteria summing to their parent's maximum."""
    errors = []
    codes = []
    for criterion in criteria:
        codes.append(criterion["code"])
        children = criterion.get("children") or []
        codes.extend(child["code"] for child in children)
        if children:
            total = sum(Decimal(str(child["max_points"])) for child in children)
            if total != Decimal(str(criterion["max_points"])):
                errors.append(
                    _("The sub-criteria of %(code)s add up to %(total)s points, not its %(max)s.")
                    % {"code": criterion["code"], "total": total, "max": criterion["max_points"]}
                )
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        errors.append(_("Each criterion needs its own code: %s.") % ", ".join(duplicates))
    if not criteria:
        errors.append(_("A criteria template needs at least one criterion."))
    if errors:
        raise ValidationError({"criteria": errors})


def save_criteria_template(
    *, actor, name: str, criteria: list[dict], description: str = "", template=None
) -> CriteriaTemplate:
    """Create a template, or replace an existing one's criteria. `criteria` is a list of
    {"code", "text", "max_points", "children": [...]} in order. Rounds that have started keep
    their own copies, so replacing a template's criteria never changes them."""
    if not rules.can_manage_rounds(actor):
        raise PermissionDenied(_("Only extension officers manage criteria templates."))
    _validate_criteria(criteria)
    creating = template is None
    template = template or CriteriaTemplate()
    before = {} if creating else {"criteria": _criteria_as_data(template)}
    template.name = name
    template.description = description
    template.full_clean()
    with transaction.atomic():
        template.save()
        template.criteria.all().delete()
        for position, criterion in enumerate(criteria, start=1):
            parent = _create_criterion(template, None, criterion, position)
            for child_position, child in enumerate(criterion.get("children") or [], start=1):
                _create_criterion(template, parent, child, child_position)
        log_activity(
            actor=actor,
            action=Action.CREATED if creating else Action.UPDATED,
            target=template,
            before=before,
            after={"name": name, "criteria": _criteria_as_data(template)},
        )
    return template


def _create_criterion(template, parent, data: dict, position: int) -> TemplateCriterion:
    criterion = TemplateCriterion(
        template=template,
        parent=parent,
        code=data["code"],
        text=data["text"],
        max_points=Decimal(str(data["max_points"])),
        position=position,
    )
    criterion.full_clean(exclude=["template", "parent"])
    criterion.save()
    return criterion


def _criteria_as_data(template: CriteriaTemplate) -> list[dict]:
    return [
        {"code": c.code, "max_points": str(c.max_points), "parent": c.parent_id}
        for c in template.criteria.all()
    ]


# ---- Rounds ---------------------------------------------------------------------------------


def create_round(*, actor, data: dict[str, Any], product_groups=None) -> AwardRound:
    """A new round in draft; the four official groups are open unless others are given."""
    if not rules.can_manage_rounds(actor):
        raise PermissionDenied(_("Only extension officers create award rounds."))
    award_round = AwardRound()
    _set_fields(award_round, data, ROUND_FIELDS)
    if award_round.criteria_template is None:
        award_round.criteria_template = CriteriaTemplate.objects.filter(is_default=True).first()
    award_round.full_clean()
    with transaction.atomic():
        award_round.save()
        groups = ProductGroup.objects.all() if product_groups is None else product_groups
        award_round.product_groups.set(groups)
        log_activity(
            actor=actor,
            action=Action.CREATED,
            target=award_round,
            after={**snapshot(award_round), "product_groups": _group_codes(award_round)},
        )
    return award_round


def update_round(
    *, actor, award_round: AwardRound, data: dict[str, Any], product_groups=None
) -> AwardRound:
    """Change a round's settings. Its criteria and open groups are fixed once it leaves draft."""
    if not rules.can_manage_rounds(actor):
        raise PermissionDenied(_("Only extension officers change award rounds."))
    with transaction.atomic():
        current = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        if current.state in (AwardRound.State.FINALIZED, AwardRound.State.PUBLISHED):
            raise ValidationError(_("A finalized round can no longer be changed."))
        before = {**snapshot(current), "product_groups": _group_codes(current)}
        _set_fields(current, data, ROUND_FIELDS)
        if current.state != AwardRound.State.DRAFT:
            # Voting codes carry the level and year, and the level decides the documents
            # submitted dossiers had to hold: neither changes once registration opened.
            for name in ("level", "year"):
                if getattr(current, name) != before[name]:
                    raise ValidationError(
                        {name: _("This is fixed once registration opens.")}, code="fixed"
                    )
            if current.criteria_template_id != before["criteria_template"]:
                raise ValidationError(
                    {"criteria_template": _("The criteria are fixed once registration opens.")}
                )
            if product_groups is not None and {g.code for g in product_groups} != set(
                before["product_groups"]
            ):
                raise ValidationError(
                    {"product_groups": _("The open groups are fixed once registration opens.")}
                )
        current.full_clean()
        current.save()
        if product_groups is not None:
            current.product_groups.set(product_groups)
        after = {**snapshot(current), "product_groups": _group_codes(current)}
        log_changes(actor=actor, target=current, before=before, after=after)
    return current


def delete_round(*, actor, award_round: AwardRound) -> None:
    """A round created by mistake is deleted while it is a draft: no facility has seen it and
    no entry refers to it. Afterwards it is part of the record and stays."""
    if not rules.can_manage_rounds(actor):
        raise PermissionDenied(_("Only extension officers delete award rounds."))
    with transaction.atomic():
        current = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        if current.state != AwardRound.State.DRAFT or current.entries.exists():
            raise ValidationError(
                _("Only a draft round without entries can be deleted."), code="protected"
            )
        log_activity(
            actor=actor,
            action=Action.DELETED,
            target=current,
            before={**snapshot(current), "product_groups": _group_codes(current)},
        )
        current.delete()


def _group_codes(award_round: AwardRound) -> list[int]:
    return sorted(award_round.product_groups.values_list("code", flat=True))


# ---- Entries --------------------------------------------------------------------------------


def register_entry(
    *, actor, award_round: AwardRound, facility: Facility, data: dict[str, Any]
) -> Entry:
    """A facility registers a product: only in the registration window, for an open group, if
    the facility is eligible, once per product name."""
    if not (role_of(actor) == Role.APPLICANT and is_member(actor, facility)):
        raise PermissionDenied(_("Only a member of the facility registers its products."))
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if not award_round.accepts_registrations(on=today):
        errors.setdefault("round", []).append(_("This round is not open for registration."))
    eligibility = is_rural_industrial_facility(facility, on=today)
    if not eligibility:
        errors.setdefault("facility", []).extend(
            [_("The facility is not a rural industrial facility."), *eligibility.reasons]
        )
    entry = Entry(round=award_round, facility=facility, created_by=actor)
    _set_fields(entry, data, ENTRY_FIELDS)
    group = data.get("product_group")
    if group is not None and not award_round.product_groups.filter(pk=group.pk).exists():
        errors.setdefault("product_group", []).append(
            _("This product group is not open in this round.")
        )
    try:
        entry.full_clean()
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            errors.setdefault("product_name" if key == "__all__" else key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            entry.save()
            log_activity(actor=actor, action=Action.CREATED, target=entry, after=snapshot(entry))
    except IntegrityError:
        # Two registrations of the same product raced past full_clean.
        raise ValidationError(
            {"product_name": _("This facility already registered this product in this round.")}
        ) from None
    return entry


def update_entry(*, actor, entry: Entry, data: dict[str, Any]) -> Entry:
    """The facility edits its dossier while it is a draft or returned."""
    with transaction.atomic():
        current = Entry.objects.select_for_update().select_related("round").get(pk=entry.pk)
        if not rules.can_edit_entry(actor, current):
            raise PermissionDenied(_("This entry cannot be edited now."))
        group = data.get("product_group")
        if group is not None and not current.round.product_groups.filter(pk=group.pk).exists():
            raise ValidationError(
                {"product_group": _("This product group is not open in this round.")}
            )
        before = snapshot(current)
        _set_fields(current, data, ENTRY_FIELDS)
        try:
            current.full_clean()
        except ValidationError as error:
            raise ValidationError(
                {
                    ("product_name" if key == "__all__" else key): messages
                    for key, messages in error.message_dict.items()
                }
            ) from None
        if log_changes(actor=actor, target=current, before=before, after=snapshot(current)):
            current.save()
    return current


# ---- Screening ------------------------------------------------------------------------------


def record_screening(*, actor, entry: Entry, checks: dict[str, tuple[bool, str]]) -> Entry:
    """Tick or fail conditions of the checklist: {condition: (met, reason)}."""
    if not rules.can_screen_entries(actor):
        raise PermissionDenied(_("Only extension officers screen entries."))
    errors = {}
    for condition, (passed, reason) in checks.items():
        if condition not in ScreeningCondition.values:
            errors[condition] = [_("Unknown condition.")]
        elif not passed and not reason.strip():
            errors[condition] = [_("A failed condition needs a reason.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The stored state counts, not the caller's copy.
        state, round_state = (
            Entry.objects.select_for_update().values_list("state", "round__state").get(pk=entry.pk)
        )
        if state != Entry.State.SUBMITTED:
            raise ValidationError(_("Only a submitted entry is screened."))
        if round_state not in SCREENING_ROUND_STATES:
            raise ValidationError(
                _("Entries are screened only while the round is in registration or screening.")
            )
        for condition, (passed, reason) in checks.items():
            ScreeningCheck.objects.update_or_create(
                entry=entry,
                condition=condition,
                defaults={"passed": passed, "reason": reason.strip(), "checked_by": actor},
            )
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=entry,
            after={"screening": {c: p for c, (p, _r) in checks.items()}},
        )
    return entry


def screen_entry(
    *,
    actor,
    entry: Entry,
    decision: str,
    note: str = "",
    checks: dict[str, tuple[bool, str]] | None = None,
) -> Entry:
    """Record the checklist (if given) and decide: eligible, ineligible or returned."""
    if decision not in (Entry.State.ELIGIBLE, Entry.State.INELIGIBLE, Entry.State.RETURNED):
        raise ValidationError({"to": _("A screening decides eligible, ineligible or returned.")})
    with transaction.atomic():
        if checks:
            record_screening(actor=actor, entry=entry, checks=checks)
        return transition(entry, to=decision, actor=actor, note=note)


def bulk_transition(*, actor, entries: list[Entry], to: str, note: str = "") -> list[Entry]:
    """Move many entries at once, all or nothing: if any one is refused, none moves and the
    error lists each refused entry with its reasons.

    Declaring entries eligible in bulk ticks the conditions nobody has checked yet as met: the
    officer asserts them for the whole selection. A condition already recorded as not met stays
    so, and that entry is refused.
    """
    if not rules.can_screen_entries(actor):
        raise PermissionDenied(_("Only extension officers screen entries."))
    entries = list(entries)
    if to == Entry.State.ELIGIBLE:
        # Voting codes are numbered in screening order; a selection usually comes in
        # registration order, which a judge could map back to facilities. Shuffle it.
        random.SystemRandom().shuffle(entries)
    moved, errors = [], {}
    with transaction.atomic():
        for entry in entries:
            try:
                with transaction.atomic():
                    if to == Entry.State.ELIGIBLE and entry.state == Entry.State.SUBMITTED:
                        checked = set(entry.screening_checks.values_list("condition", flat=True))
                        unchecked = [c for c in ScreeningCondition.values if c not in checked]
                        if unchecked:
                            record_screening(
                                actor=actor, entry=entry, checks={c: (True, "") for c in unchecked}
                            )
                    moved.append(transition(entry, to=to, actor=actor, note=note))
            except (ValidationError, PermissionDenied) as error:
                messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                errors[str(entry.pk)] = messages
        if errors:
            raise ValidationError(errors)
    return moved
