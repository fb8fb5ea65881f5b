"""Criteria templates: reusable scoring sheets that officers write."""

import copy
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
    points = data.get("max_points")
    return TemplateCriterion(
        code=data.get("code", ""),
        text=data.get("text", ""),
        max_points=None if points is None else Decimal(str(points)),
        position=position,
    )


def _criterion_errors(criterion: TemplateCriterion, exclude=()) -> dict[str, list]:
    """The model's rules of one criterion (points > 0, digits, lengths), by field; its template
    and parent are checked with the template."""
    try:
        criterion.full_clean(exclude=["template", "parent", *exclude])
    except ValidationError as error:
        return dict(error.error_dict)
    return {}


def check_criterion(data: dict, *, exclude=()) -> None:
    """One criterion's own checks as save_criteria_template makes them, writing nothing: the
    row of a form runs them in its validation (`exclude`: the fields it refused)."""
    errors = _criterion_errors(_criterion(data, position=0), exclude)
    if errors:
        raise ValidationError(errors)


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
        for field, messages in _criterion_errors(criterion).items():
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
    creating = template is None
    template = template or CriteriaTemplate()
    before = {} if creating else {"criteria": _criteria_as_data(template)}
    tree = _apply(template, name=name, description=description, criteria=criteria)
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


def check_criteria_template(
    *, name: str = "", criteria=(), description: str = "", template=None, exclude=()
) -> None:
    """The checks save_criteria_template makes, writing nothing: a form runs them in its own
    validation, leaving out what `exclude` names (fields it refused, or "criteria" to check
    only the name and the description, or "name" and "description" to check only the
    criteria), so that every error shows in one pass. Raises ValidationError keyed as
    save_criteria_template's."""
    candidate = CriteriaTemplate() if template is None else copy.copy(template)
    _apply(candidate, name=name, description=description, criteria=criteria, exclude=exclude)


def _apply(template: CriteriaTemplate, *, name, description, criteria, exclude=()) -> list:
    """Set the name and description on `template` and check them and the criteria (but not
    what `exclude` names): the criteria's tree (see _criteria_errors), or every error."""
    errors, tree = ({}, []) if "criteria" in exclude else _criteria_errors(list(criteria))
    template.name = name
    template.description = description
    try:
        template.full_clean(exclude=[field for field in exclude if field != "criteria"] or None)
    except ValidationError as error:
        for field, messages in error.error_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return tree


def _criteria_as_data(template: CriteriaTemplate) -> list[dict]:
    return [
        {"code": c.code, "max_points": str(c.max_points), "parent": c.parent_id}
        for c in template.criteria.all()
    ]
