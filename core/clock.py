"""The day an operation acts on.

Services take `on=` (a date) so that a change can be recorded on the day it was really made: an
officer entering a round of a past year, or the demo's 2024 round. Rules read the day (is
registration open on it?) and the activity log carries it. Without `on`, it is today.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Moment:
    day: datetime.date
    at: datetime.datetime


def moment_of(on: datetime.date | None = None) -> Moment:
    """`on` at the current time of day (so that several changes recorded on one past day keep
    their order); now when `on` is None or today."""
    now = timezone.now()
    today = timezone.localdate(now)
    if on is None or on == today:
        return Moment(today, now)
    local_time = timezone.localtime(now).time()
    at = timezone.make_aware(datetime.datetime.combine(on, local_time))
    return Moment(on, at)
