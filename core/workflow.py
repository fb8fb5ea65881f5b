"""One way to change state, for the whole product.

A model with states declares a `Workflow`: its state field, the parent rows its guards read, and
its named transitions, each saying from which states it leaves, where it goes, who may make it,
what it requires, what it changes and what it does once the change is committed. Every state
change, from a page, the API, a bulk action or a command, goes through `transition()`:

- the choice: a transition is asked for by its name (`action`), or by the state it leads to
  (`to`) when exactly one transition the actor may make from the current state leads there;
- the locks: the parent rows the guards read (an entry's round), parents first, then the object,
  always in that order, so a guard never decides on a parent that another transaction is
  changing (two transactions that touch a round and one of its entries queue on the round);
- the guard: the transition leaves the current state, the actor may make it, its requirements
  hold (each names what is missing), a note and a decision number and date are given where it
  needs them (each error on its field),
  and the state is still the one the client saw (`expected`), else TransitionConflict (409);
- the change: the effects declared on the transition set fields on the object (a voting code,
  a reason) or write other rows (a criteria copy); then one `UPDATE … WHERE pk = … AND state =
  <from>` writes the new state, those fields and the auto-updated timestamps together, and one
  activity-log row records the transition's name and, before and after, the state and every
  field the effects changed — all in one transaction;
- after the commit, the after-commit effects (notifications, background work); none runs when
  the transaction rolls back.

Before a step is offered, `Workflow.options()` answers its confirmation worded for the object
and the day, what blocks it now (its requirements, read without the locks: shown as the reasons
of a disabled step; "no panel yet" is one more requirement) and whether it needs a note.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.activity import Action, log_activity, snapshot
from core.clock import Moment, moment_of
from core.models import LONG_TEXT_MAX, ActivityLog
from core.roles import Role, role_of
from core.text import clean_text


@dataclass(frozen=True)
class Change:
    """What the caller asked for, passed to requirements and effects. `on` is the day the change
    is made on (today unless the caller records a past one), `at` its moment."""

    actor: object
    name: str
    source: str
    target: str
    on: datetime.date
    at: datetime.datetime
    note: str = ""
    decision_number: str = ""
    decision_date: datetime.date | None = None

    @classmethod
    def of(cls, step: "Transition", *, actor, source: str, when: Moment, **details) -> "Change":
        """The change making `step` from `source` at `when`, with the note and decision."""
        return cls(actor, step.name, source, step.target, when.day, when.at, **details)


# A requirement looks at the object and the change and answers with what is missing.
Requirement = Callable[[models.Model, Change], Iterable[str]]
# Who may make a transition: a predicate of (user, object).
Permission = Callable[[object, models.Model], bool]
# An effect runs inside the transaction, once the guard passed: it sets fields on the object
# (which the transition writes with the new state, in one UPDATE) and may write other rows. An
# after-commit effect has the same signature and runs once the transaction has committed.
Effect = Callable[[models.Model, Change], None]
# A confirmation text: fixed, or worded from the object (with its numbers) and the day the step
# would be made on.
Confirmation = str | Callable[[models.Model, datetime.date], str] | None
# Whether a step needs a note: a fixed message (always), or a function of the object and the
# change answering the message when this change needs one, None when it does not.
NoteRule = str | Callable[[models.Model, Change], str | None] | None


def by_roles(*roles: Role) -> Permission:
    allowed = frozenset(roles)

    def check(user, obj) -> bool:
        return role_of(user) in allowed

    return check


@dataclass(frozen=True)
class Transition:
    """A named step. `label` is what a button making it says; `confirm`, if given, is what the
    user is asked before making it; `done`, if given, says in words that it was made ("This
    dossier was submitted"), for a page left open while someone else made it."""

    name: str
    sources: tuple[str, ...]
    target: str
    allowed: Permission
    label: str
    confirm: Confirmation = None
    requires: tuple[Requirement, ...] = ()
    effects: tuple[Effect, ...] = ()
    after_commit: tuple[Effect, ...] = ()
    needs_decision: bool = False
    # The step needs a note (a reason, what to complete): what to say when it has none, always
    # or for some changes only (NoteRule). The error sits on `note`, where the user writes it.
    needs_note: NoteRule = None
    done: str | None = None

    def requirements_missing(self, obj, change: Change) -> list[str]:
        return [message for r in self.requires for message in r(obj, change)]

    def note_missing(self, obj, change: Change) -> str | None:
        """What to say when this change has no note and needs one; None when it needs none."""
        rule = self.needs_note
        message = rule(obj, change) if callable(rule) else rule
        return str(message) if message else None

    def confirmation(self, obj, on: datetime.date | None = None) -> str:
        """The confirmation text for `obj` if the step is made on `on` (today by default), ""
        when the step asks none."""
        if self.confirm is None:
            return ""
        if callable(self.confirm):
            return str(self.confirm(obj, on or timezone.localdate()))
        return str(self.confirm)


@dataclass(frozen=True)
class Option:
    """A step a user may attempt now, as a page or the API offers it: its confirmation text,
    what blocks it (its requirements unmet now: the step is shown disabled with these
    reasons, not offered) and, if the note is required for it now, what to say about it."""

    step: Transition
    confirm: str
    blocked: list[str]
    note_required: str | None


@dataclass
class Workflow:
    state_field: str
    transitions: list[Transition] = field(default_factory=list)
    # Foreign keys to the rows the guards read, locked in this order before the object itself:
    # parents before children, so every transaction takes the locks in one order.
    locks: tuple[str, ...] = ()

    def __post_init__(self):
        names = [t.name for t in self.transitions]
        duplicates = {name for name in names if names.count(name) > 1}
        if duplicates:
            raise ValueError(f"Transition names must be unique: {sorted(duplicates)}")

    def get(self, name: str) -> Transition | None:
        return next((t for t in self.transitions if t.name == name), None)

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.transitions]

    def leaving(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def available(self, user, obj) -> list[Transition]:
        """Transitions this user may attempt from the object's current state."""
        state = getattr(obj, self.state_field)
        return [t for t in self.leaving(state) if t.allowed(user, obj)]

    def options(self, user, obj, on: datetime.date | None = None) -> list[Option]:
        """The steps this user may attempt now, with their confirmation and what blocks them on
        `on` (today by default), read without the locks: a hint for the page, not a decision
        (transition() checks again under the locks)."""
        when, source = moment_of(on), getattr(obj, self.state_field)
        return [
            Option(
                step,
                step.confirmation(obj, when.day),
                step.requirements_missing(obj, change),
                step.note_missing(obj, change),
            )
            for step in self.available(user, obj)
            for change in [Change.of(step, actor=user, source=source, when=when)]
        ]


class TransitionConflict(ValidationError):
    """The object is no longer in the state the client saw: someone changed it meanwhile.
    `state` is its state now."""

    def __init__(self, message, *, state: str):
        super().__init__(message, code="conflict")
        self.state = state


def state_labels(model: type[models.Model]) -> dict[str, str]:
    return dict(model._meta.get_field(model.workflow.state_field).choices)


def transition(
    obj: models.Model,
    *,
    actor,
    action: str | None = None,
    to: str | None = None,
    expected: str | None = None,
    note: str = "",
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    on: datetime.date | None = None,
) -> models.Model:
    """Make the transition named `action` (or the one leading to state `to`) on `obj`.

    `expected` is the state the caller saw; if the object has moved on since, TransitionConflict.
    `on` records a change made on a past day (the demo's 2024 round): requirements read it, the
    log row carries it. Raises ValidationError (unknown or impossible step, missing requirement)
    or PermissionDenied; on success returns the object as stored."""
    model = type(obj)
    workflow: Workflow = model.workflow
    labels = state_labels(model)
    _check_request(workflow, labels, action, to)
    # What the user wrote is stored as every text is (core.text.clean_text): an invisible-only
    # note is no note.
    note = clean_text(note, multiline=True).strip()
    decision_number = clean_text(decision_number).strip()
    _check_lengths(note, decision_number)
    when = moment_of(on)
    with transaction.atomic():
        current = lock_with_parents(model, obj.pk)
        source = getattr(current, workflow.state_field)
        if expected is not None and expected != source:
            raise TransitionConflict(
                _("This was changed meanwhile: it is now “%(state)s”. Reload and try again.")
                % {"state": labels[source]},
                state=source,
            )
        step = _choose(workflow, labels, current, actor, source, action, to)
        change = Change.of(
            step,
            actor=actor,
            source=source,
            when=when,
            note=note,
            decision_number=decision_number,
            decision_date=decision_date,
        )
        _check_guard(step, current, change)
        before = snapshot(current)
        setattr(current, workflow.state_field, step.target)
        for effect in step.effects:
            effect(current, change)
        after = snapshot(current)
        changed = _changed_fields(before, after, workflow.state_field)
        _write(model, workflow, current, change, changed)
        log_activity(
            actor=actor,
            action=Action.TRANSITION,
            transition=step.name,
            target=current,
            before={workflow.state_field: source, **{k: before[k] for k in changed}},
            after={workflow.state_field: step.target, **{k: after[k] for k in changed}},
            note=change.note,
            decision_number=change.decision_number,
            decision_date=decision_date,
            at=when.at,
        )
        for effect in step.after_commit:
            # robust: a failing notification is logged, never turned into a failed request.
            transaction.on_commit(partial(effect, current, change), robust=True)
    current.refresh_from_db()
    return current


def _check_request(workflow: Workflow, labels: dict, action: str | None, to: str | None) -> None:
    # Each message carries its code: a ValidationError built from a dict drops an outer code.
    if (action is None) == (to is None):
        raise ValidationError(
            {"action": ValidationError(_("Name the step (action) or the state (to)."), "required")}
        )
    if action is not None and workflow.get(action) is None:
        raise ValidationError(
            {"action": ValidationError(_("Unknown step “%s”.") % action, code="unknown_action")}
        )
    if to is not None and to not in labels:
        raise ValidationError(
            {"to": ValidationError(_("Unknown state “%s”.") % to, code="unknown_state")}
        )


def _check_lengths(note: str, decision_number: str) -> None:
    errors = {}
    if len(note) > LONG_TEXT_MAX:
        errors["note"] = ValidationError(
            _("Write at most %(limit)d characters (this note has %(count)d).")
            % {"limit": LONG_TEXT_MAX, "count": len(note)},
            code="max_length",
        )
    decision_max = ActivityLog._meta.get_field("decision_number").max_length
    if len(decision_number) > decision_max:
        errors["decision_number"] = ValidationError(
            _("Write at most %(limit)d characters (this number has %(count)d).")
            % {"limit": decision_max, "count": len(decision_number)},
            code="max_length",
        )
    if errors:
        raise ValidationError(errors)


def lock_with_parents(model: type[models.Model], pk) -> models.Model:
    """The object read again under a row lock, after the parents its workflow's guards read
    (`Workflow.locks`, set on it locked, so what reads them sees what is stored now). For every
    change to a row with a workflow, not only transitions: all of them then take the locks in
    one order (parents first), and never wait for each other in a circle."""
    workflow: Workflow = model.workflow
    parents = {}
    if workflow.locks:
        attnames = [model._meta.get_field(name).attname for name in workflow.locks]
        parent_ids = model._default_manager.filter(pk=pk).values_list(*attnames).get()
        for name, parent_id in zip(workflow.locks, parent_ids, strict=True):
            related = model._meta.get_field(name).related_model
            parents[name] = related._default_manager.select_for_update().get(pk=parent_id)
    current = model._default_manager.select_for_update().get(pk=pk)
    for name, parent in parents.items():
        setattr(current, name, parent)
    return current


def _choose(workflow, labels, obj, actor, source, action, to) -> Transition:
    if action is not None:
        step = workflow.get(action)
        if source not in step.sources:
            raise ValidationError(
                {
                    "action": ValidationError(
                        _("“%(step)s” is not possible while this is “%(state)s”.")
                        % {"step": step.label, "state": labels[source]},
                        code="invalid_transition",
                    )
                }
            )
        if not step.allowed(actor, obj):
            raise PermissionDenied(_("You may not do “%s” here.") % step.label)
        return step
    leading = [t for t in workflow.leaving(source) if t.target == to]
    if not leading:
        message = _("Cannot go from “%(from)s” to “%(to)s”.") % {
            "from": labels[source],
            "to": labels[to],
        }
        raise ValidationError({"to": ValidationError(message, code="invalid_transition")})
    permitted = [t for t in leading if t.allowed(actor, obj)]
    if not permitted:
        raise PermissionDenied(
            _("You may not move this from “%(from)s” to “%(to)s”.")
            % {"from": labels[source], "to": labels[to]}
        )
    if len(permitted) > 1:
        raise ValidationError(
            {
                "to": ValidationError(
                    _("Several steps lead there; name one as the action: %s.")
                    % ", ".join(t.name for t in permitted),
                    code="ambiguous",
                )
            }
        )
    return permitted[0]


def _check_guard(step: Transition, obj, change: Change) -> None:
    errors = {}
    missing = step.requirements_missing(obj, change)
    if missing:
        errors["requirements"] = [
            ValidationError(message, code="requirement_missing") for message in missing
        ]
    note_missing = step.note_missing(obj, change) if not change.note else None
    if note_missing:
        errors["note"] = ValidationError(note_missing, code="required")
    if step.needs_decision:
        if not change.decision_number:
            errors["decision_number"] = ValidationError(
                _("This step needs the decision number."), code="required"
            )
        if change.decision_date is None:
            errors["decision_date"] = ValidationError(
                _("This step needs the decision date."), code="required"
            )
    if errors:
        raise ValidationError(errors)


def _write(model, workflow: Workflow, obj, change: Change, changed: list[str]) -> None:
    """One conditional UPDATE: the new state, the fields the effects set, the row's timestamps.
    In one statement, so a constraint tying a field to the state (an eligible entry has a
    voting code) holds at every moment. Under the row lock of lock_with_parents the state cannot
    have moved, so it always updates the one row; the condition states what it assumes."""
    values = {workflow.state_field: change.target}
    for name in changed:
        field = model._meta.get_field(name)
        values[field.attname] = getattr(obj, field.attname)
    # The row's own timestamps say when it was written, even for a change recorded on a past day.
    now = timezone.now()
    for field in model._meta.concrete_fields:
        if getattr(field, "auto_now", False):
            values[field.attname] = now
            setattr(obj, field.attname, now)
    model._default_manager.filter(pk=obj.pk, **{workflow.state_field: change.source}).update(
        **values
    )


def _changed_fields(before: dict, after: dict, state_field: str) -> list[str]:
    return [name for name in after if name != state_field and before.get(name) != after.get(name)]
