"""An object's activity log in words, for the History table of its page
(templates/includes/history.html).

Works for any model from its fields: labels from their verbose names, choice labels instead of
keys, the related object's name instead of a foreign key's id (one query per related model),
Yes/No for booleans, dd/mm/yyyy for dates, state labels for transitions. Keys a model's log
rows carry that are not its fields (a checklist, a file) get their words from
`describe_log_key`.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.activity import Action, history_of

# Bookkeeping that every log row would list and that says nothing to the reader. Fields nobody
# edits (the primary key, timestamps) are left out as well.
HIDDEN_LOG_FIELDS = frozenset({"id", "created_at", "updated_at", "created_by", "submitted_at"})


@dataclass(frozen=True)
class LogKey:
    label: str
    display: Callable[[object], str]


_log_keys: dict[tuple[type[models.Model], str], LogKey] = {}


def describe_log_key(
    model: type[models.Model], name: str, *, label: str, display: Callable[[object], str]
) -> None:
    """Words for a key the model's log rows carry that is not one of its fields: its label
    and how to show a (non-empty) value of it."""
    _log_keys[(model, name)] = LogKey(label, display)


def history_rows(target: models.Model, *, with_changes: bool = True) -> list[dict]:
    """The object's activity log, newest first, one dict per row:

    - "log": the ActivityLog row (time, actor, note, decision);
    - "action": what was done, in words;
    - "source", "target": the state labels, and "step" the label of the workflow's step that
      was made, for a transition only;
    - "changes": (label, before, after) in words, for an update or a deletion (a creation
      lists nothing: everything it set is on the page).

    `with_changes=False` keeps only the state changes (what a facility follows of its entry)."""
    model = type(target)._meta.concrete_model
    logs = list(history_of(target))
    if not with_changes:
        logs = [log for log in logs if log.action == Action.TRANSITION]
    workflow = getattr(model, "workflow", None)
    state_field = getattr(workflow, "state_field", None)
    changes = {
        log.pk: [change for change in log.changed_fields() if _shown(model, change[0])]
        for log in logs
        if log.action not in (Action.TRANSITION, Action.CREATED)
    }
    related = _related_objects(model, changes.values())
    actions = dict(Action.choices)
    rows = []
    for log in logs:
        row = {"log": log, "action": capfirst(actions.get(log.action, log.action)), "changes": []}
        if log.action == Action.TRANSITION:
            name = state_field or next(iter(log.after), "")
            row["source"] = _display(model, name, log.before.get(name), related)
            row["target"] = _display(model, name, log.after.get(name), related)
            step = workflow.get(log.transition) if workflow and log.transition else None
            row["step"] = str(step.label) if step else ""
        elif log.pk in changes:
            row["changes"] = [
                (
                    _label(model, name),
                    _display(model, name, before, related),
                    _display(model, name, after, related),
                )
                for name, before, after in changes[log.pk]
            ]
        rows.append(row)
    return rows


def _field(model: type[models.Model], name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _shown(model: type[models.Model], name: str) -> bool:
    if (model, name) in _log_keys:
        return True
    if name in HIDDEN_LOG_FIELDS:
        return False
    field = _field(model, name)
    return field is None or (field.editable and not field.primary_key)


def _is_foreign_key(field) -> bool:
    return field is not None and (field.many_to_one or field.one_to_one) and field.concrete


def _related_objects(model: type[models.Model], changes: Iterable[list]) -> dict:
    """{(related model, field name): {value: object}} for the foreign keys among the changes:
    one query per related model (and target field)."""
    wanted = defaultdict(set)
    for row_changes in changes:
        for name, before, after in row_changes:
            field = _field(model, name)
            if _is_foreign_key(field):
                key = (field.related_model, field.target_field.name)
                wanted[key].update(value for value in (before, after) if value is not None)
    return {
        (related_model, field_name): related_model._default_manager.in_bulk(
            values, field_name=field_name
        )
        for (related_model, field_name), values in wanted.items()
    }


def _label(model: type[models.Model], name: str) -> str:
    if (model, name) in _log_keys:
        return str(_log_keys[model, name].label)
    field = _field(model, name)
    if field is None or not hasattr(field, "verbose_name"):
        return name
    return capfirst(field.verbose_name)


def _display(model: type[models.Model], name: str, value, related: dict) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if (model, name) in _log_keys:
        return str(_log_keys[model, name].display(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    field = _field(model, name)
    if field is None:
        return str(value)
    if _is_foreign_key(field):
        found = related.get((field.related_model, field.target_field.name), {})
        return str(found.get(value, value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.get_internal_type() == "DateField" and isinstance(value, str):
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return str(value)


def state_since(target: models.Model, *, with_actor: bool = False) -> str:
    """What happened to an object, in words, for a page left open while someone else acted:
    "This dossier was submitted at 14:32 on 01/12/2026" from the log row of the transition that
    led to its current state (its time and, `with_actor`, who made it: for staff), rather than
    the state machine's wording. An object whose state no logged transition explains (made
    so by an import or a fixture) is said to be in its state."""
    model = type(target)._meta.concrete_model
    workflow = model.workflow
    state = getattr(target, workflow.state_field)
    state_label = _display(model, workflow.state_field, state, {})
    log = next(
        (
            row
            for row in history_of(target).filter(action=Action.TRANSITION)[:1]
            if row.after.get(workflow.state_field) == state
        ),
        None,
    )
    if log is None:
        return _("It is now “%(state)s”.") % {"state": state_label}
    local = timezone.localtime(log.created_at)
    step = workflow.get(log.transition) if log.transition else None
    values = {
        "done": str(step.done) if step and step.done else "",
        "state": state_label,
        "time": formats.time_format(local, "TIME_FORMAT"),
        "date": formats.date_format(local, "SHORT_DATE_FORMAT"),
        "actor": (log.actor.full_name or log.actor.username) if log.actor else "",
    }
    if values["done"]:
        if with_actor and values["actor"]:
            return _("%(done)s at %(time)s on %(date)s (%(actor)s).") % values
        return _("%(done)s at %(time)s on %(date)s.") % values
    if with_actor and values["actor"]:
        return _("It has been “%(state)s” since %(time)s on %(date)s (%(actor)s).") % values
    return _("It has been “%(state)s” since %(time)s on %(date)s.") % values
