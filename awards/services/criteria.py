"""Criteria templates: reusable scoring sheets that officers write."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards import rules
from awards.models import (
    CriteriaTemplate,
    TemplateCriterion,
)
from core.activity import Action, log_activity


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
