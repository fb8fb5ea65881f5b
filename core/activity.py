"""Writing and reading the activity log (core.ActivityLog)."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ActivityLog
from core.roles import is_staff_role


class Action(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    DELETED = "deleted", _("Deleted")
    TRANSITION = "transition", _("State changed")


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """A JSON-safe dict of the instance's concrete field values (foreign keys as their id).

    Fields nobody edits (timestamps, derived sort keys) are left out, except the primary key."""
    data = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if not field.editable and not field.primary_key:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, Decimal) and isinstance(field, models.DecimalField):
            # As the column holds it: 70, 70.0 and 70.00 are one pass score of 70.0.
            value = str(value.quantize(Decimal(1).scaleb(-field.decimal_places)))
        elif isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, datetime.date | datetime.datetime):
            value = value.isoformat()
        data[field.name] = value
    return data


def log_activity(
    *,
    actor,
    action: str,
    target: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    transition: str = "",
    at: datetime.datetime | None = None,
) -> ActivityLog:
    """Write one log row. Call it inside the transaction that makes the change. `at` is the
    moment of a change recorded for a past day (core.clock); now by default."""
    return ActivityLog.objects.create(
        created_at=at or timezone.now(),
        transition=transition,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        object_id=str(target.pk),
        object_repr=str(target)[:300],
        before=before or {},
        after=after or {},
        note=note,
        decision_number=decision_number,
        decision_date=decision_date,
    )


def log_changes(*, actor, target: models.Model, before: dict, after: dict) -> set[str]:
    """Log an update with only the fields that changed; nothing when none did. Returns the
    changed field names so the caller can skip saving an unchanged object."""
    changed = {key for key in after if before.get(key) != after.get(key)}
    if changed:
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=target,
            before={key: before.get(key) for key in changed},
            after={key: after[key] for key in changed},
        )
    return changed


def history_visible_to(user, target: models.Model) -> QuerySet[ActivityLog]:
    """What of an object's log a user reads. Staff read all of it; anyone else who may see the
    object (a facility, its entry) follows its state changes only — the decisions and the
    reasons given to them — not the staff's edits, checklists and notes."""
    rows = history_of(target)
    if is_staff_role(user):
        return rows
    return rows.filter(action=Action.TRANSITION)


def history_of(target: models.Model) -> QuerySet[ActivityLog]:
    """The log rows of one object, newest first."""
    return ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        object_id=str(target.pk),
    ).select_related("actor")
