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


def _criterion(data: dict, position: int) -> TemplateCriterion:
    return TemplateCriterion(
        code=data["code"],
        text=data["text"],
        max_points=Decimal(str(data["max_points"])),
        position=position,
    )


def _criteria_errors(criteria: list[dict]) -> tuple[dict[str, list], list]:
    """The criteria checked, and every error keyed by the position it is about:
    "criteria.<i>.<field>" for a criterion's field, "criteria.<i>.children.<j>.<field>" for a
    sub-criterion's, "criteria" for the list as a whole (positions count from 0, in the order
    given). The API answers them nested at their position, as DRF answers its own errors of a
    list; the page shows each next to its row.

    Returns (errors, tree): the tree is [(criterion, [sub-criterion, ...]), ...], unsaved."""
    errors: dict[str, list] = {}
    tree = []
    seen_codes: set[str] = set()

    def check(data: dict, index: int, prefix: str) -> TemplateCriterion:
        criterion = _criterion(data, position=index + 1)
        try:
            # Model rules (points > 0, digits, lengths); the template and parent come later.
            criterion.full_clean(exclude=["template", "parent"])
        except ValidationError as error:
            for field, messages in error.error_dict.items():
                errors.setdefault(f"{prefix}.{field}", []).extend(messages)
        if data["code"] in seen_codes:
            errors.setdefault(f"{prefix}.code", []).append(
                ValidationError(
                    _("Each criterion needs its own code: %s.") % data["code"],
                    code="duplicate_code",
                )
            )
        seen_codes.add(data["code"])
        return criterion

    for index, data in enumerate(criteria):
        prefix = f"criteria.{index}"
        criterion = check(data, index, prefix)
        children = data.get("children") or []
        tree.append(
            (
                criterion,
                [
                    check(child, child_index, f"{prefix}.children.{child_index}")
                    for child_index, child in enumerate(children)
                ],
            )
        )
        if children:
            total = sum(Decimal(str(child["max_points"])) for child in children)
            if total != Decimal(str(data["max_points"])):
                # About the criterion's maximum, which its sub-criteria must add up to.
                errors.setdefault(f"{prefix}.max_points", []).append(
                    ValidationError(
                        _(
                            "The sub-criteria of %(code)s add up to %(total)s points, "
                            "not its %(max)s."
                        )
                        % {"code": data["code"], "total": total, "max": data["max_points"]},
                        code="sum",
                    )
                )
    if not criteria:
        errors["criteria"] = [
            ValidationError(_("A criteria template needs at least one criterion."), code="empty")
        ]
    return errors, tree


def save_criteria_template(
    *, actor, name: str, criteria: list[dict], description: str = "", template=None
) -> CriteriaTemplate:
    """Create a template, or replace an existing one's criteria. `criteria` is a list of
    {"code", "text", "max_points", "children": [...]} in order. Rounds that have started keep
    their own copies, so replacing a template's criteria never changes them.

    Every error of the name, the description and the criteria is reported at once, each at its
    position (see _criteria_errors); nothing is written unless all of them pass."""
    if not rules.can_manage_rounds(actor):
        raise PermissionDenied(_("Only extension officers manage criteria templates."))
    errors, tree = _criteria_errors(criteria)
    creating = template is None
    template = template or CriteriaTemplate()
    before = {} if creating else {"criteria": _criteria_as_data(template)}
    template.name = name
    template.description = description
    try:
        template.full_clean()
    except ValidationError as error:
        for field, messages in error.error_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        template.save()
        template.criteria.all().delete()
        for criterion, children in tree:
            criterion.template = template
            criterion.save()
            for child in children:
                child.template = template
                child.parent = criterion
                child.save()
        log_activity(
            actor=actor,
            action=Action.CREATED if creating else Action.UPDATED,
            target=template,
            before=before,
            after={"name": name, "criteria": _criteria_as_data(template)},
        )
    return template


def _criteria_as_data(template: CriteriaTemplate) -> list[dict]:
    return [
        {"code": c.code, "max_points": str(c.max_points), "parent": c.parent_id}
        for c in template.criteria.all()
    ]
