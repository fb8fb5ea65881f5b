"""One way to change state, for the whole product.

A model with states declares a `Workflow`: its state field and its transitions, each saying
from which states it leaves, where it goes, who may make it and what it requires. Every state
change, from a page, the API, a bulk action or a command, goes through `transition()`:

- the guard: the transition exists from the current state, the actor may make it, its
  requirements hold (each requirement names what is missing), a decision number and date are
  given where the transition needs them;
- the change: a conditional `UPDATE … WHERE pk = … AND state = <from>`, so of two concurrent
  transitions of the same object exactly one succeeds (the other finds no row to update);
- the effects declared on the transition (a voting code, a criteria copy), and the activity-log
  row (actor, from, to, note, decision number and date), in the same transaction.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.activity import Action, log_activity
from core.roles import Role, role_of


@dataclass(frozen=True)
class Change:
    """What the caller asked for: passed to requirements and effects."""

    actor: object
    source: str
    target: str
    note: str = ""
    decision_number: str = ""
    decision_date: datetime.date | None = None


# A requirement looks at the object and the change and answers with what is missing.
Requirement = Callable[[models.Model, Change], Iterable[str]]
# Who may make a transition: a predicate of (user, object).
Permission = Callable[[object, models.Model], bool]
# An effect runs inside the transaction, after the state changed; it may update the object.
Effect = Callable[[models.Model, Change], None]


def by_roles(*roles: Role) -> Permission:
    allowed = frozenset(roles)

    def check(user, obj) -> bool:
        return role_of(user) in allowed

    return check


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    allowed: Permission
    requires: tuple[Requirement, ...] = ()
    effects: tuple[Effect, ...] = ()
    needs_decision: bool = False

    def requirements_missing(self, obj, change: Change) -> list[str]:
        return [message for r in self.requires for message in r(obj, change)]


@dataclass
class Workflow:
    state_field: str
    transitions: list[Transition] = field(default_factory=list)

    def find(self, source: str, target: str) -> Transition | None:
        return next(
            (t for t in self.transitions if t.target == target and source in t.sources), None
        )

    def targets_from(self, source: str) -> list[str]:
        return [t.target for t in self.transitions if source in t.sources]

    def available(self, user, obj) -> list[Transition]:
        """Transitions this user may attempt from the object's current state."""
        state = getattr(obj, self.state_field)
        return [t for t in self.transitions if state in t.sources and t.allowed(user, obj)]


class TransitionConflict(ValidationError):
    """The object left the expected state while the transition was being made."""


def transition(
    obj: models.Model,
    *,
    to: str,
    actor,
    note: str = "",
    decision_number: str = "",
    decision_date: datetime.date | None = None,
) -> models.Model:
    """Move `obj` to state `to`. Raises ValidationError (wrong state, missing requirement,
    concurrent change) or PermissionDenied; on success returns the refreshed object."""
    workflow: Workflow = type(obj).workflow
    state_field = workflow.state_field
    states = type(obj)._meta.get_field(state_field).choices
    labels = dict(states)
    # Each message carries its code: a ValidationError built from a dict drops an outer code.
    if to not in labels:
        raise ValidationError(
            {"to": ValidationError(_("Unknown state “%s”.") % to, code="unknown_state")}
        )
    with transaction.atomic():
        # Read the state inside the transaction: the caller's copy may be stale.
        current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        source = getattr(current, state_field)
        step = workflow.find(source, to)
        if step is None:
            message = _("Cannot go from “%(from)s” to “%(to)s”.") % {
                "from": labels[source],
                "to": labels[to],
            }
            raise ValidationError({"to": ValidationError(message, code="invalid_transition")})
        if not step.allowed(actor, current):
            raise PermissionDenied(
                _("You may not move this from “%(from)s” to “%(to)s”.")
                % {"from": labels[source], "to": labels[to]}
            )
        change = Change(actor, source, to, note.strip(), decision_number.strip(), decision_date)
        errors = {}
        missing = step.requirements_missing(current, change)
        if missing:
            errors["requirements"] = [
                ValidationError(message, code="requirement_missing") for message in missing
            ]
        if step.needs_decision:
            if not decision_number.strip():
                errors["decision_number"] = ValidationError(
                    _("This step needs the decision number."), code="required"
                )
            if decision_date is None:
                errors["decision_date"] = ValidationError(
                    _("This step needs the decision date."), code="required"
                )
        if errors:
            raise ValidationError(errors)
        # A second safeguard: the row lock above already serializes transitions on PostgreSQL
        # and SQLite takes its write lock at BEGIN (IMMEDIATE); should a database or a future
        # caller do neither, this conditional update still lets only one of two writers through.
        updated = (
            type(obj)
            ._default_manager.filter(pk=obj.pk, **{state_field: source})
            .update(**{state_field: to})
        )
        if updated != 1:
            raise TransitionConflict(
                _("This was changed by someone else meanwhile; reload and try again."),
                code="conflict",
            )
        setattr(current, state_field, to)
        for effect in step.effects:
            effect(current, change)
        log_activity(
            actor=actor,
            action=Action.TRANSITION,
            target=current,
            before={state_field: source},
            after={state_field: to},
            note=change.note,
            decision_number=change.decision_number,
            decision_date=decision_date,
        )
    current.refresh_from_db()
    return current
