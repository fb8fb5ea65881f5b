"""Lists built in the background (issue 9): one service per operation on an ExportJob.

The row is the truth the pages read; the task of django-tasks-db only carries the job's id.
Every change of state is a conditional UPDATE (`… WHERE state = <expected>`), as healthchecks
claims work, so a worker and `mark_stale` never both win: a job marked failed while its worker
still runs makes that worker's next progress report fail, and it stops without saving a file.
"""

import datetime
import os
import tempfile
import time
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.models import ExportJob
from core.roles import is_staff_role
from core.spreadsheets.base import Exporter, registry
from core.spreadsheets.writer import render_xlsx

State = ExportJob.State

# Progress is written at most this often (and at the end), not at every row.
PROGRESS_SECONDS = 0.5


class JobCancelled(Exception):
    """The job is no longer running (marked failed by mark_stale): stop building it."""


class RetryNotAllowed(Exception):
    """Only a failed job can be retried, by who asked for it or staff."""


# ---- reading -------------------------------------------------------------------------------


def visible_to(user, job: ExportJob) -> bool:
    """Who asked and the centre's staff; anyone else is answered 404."""
    return user.is_authenticated and (job.requested_by_id == user.pk or is_staff_role(user))


def _params_as_lists(params: Any) -> dict[str, list[str]]:
    if hasattr(params, "getlist"):
        return {key: params.getlist(key) for key in params}
    return {
        key: [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        for key, value in dict(params).items()
    }


def _query_dict(params: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, values)
    return query


def exporter_for(job: ExportJob) -> Exporter:
    """The job's exporter built again from the registry, with the same user, subject and
    filters as the request that started it."""
    exporter_class = registry.get(job.identifier)
    if exporter_class is None:
        raise LookupError(f"No exporter is named {job.identifier!r}.")
    subject = None
    if job.subject_type:
        subject = apps.get_model(job.subject_type)._default_manager.get(pk=job.subject_id)
    return exporter_class(user=job.requested_by, subject=subject, params=_query_dict(job.params))


# ---- starting --------------------------------------------------------------------------------


def _enqueue(job: ExportJob) -> None:
    # After commit: the worker must find the row, and a rolled-back request queues nothing.
    def send() -> None:
        from core.spreadsheets.tasks import build_export

        result = build_export.enqueue(job.pk)
        ExportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))

    transaction.on_commit(send)


def start_export(exporter: Exporter) -> ExportJob:
    """Create the job for an allowed exporter and queue its task once the row is committed."""
    subject = exporter.subject
    with transaction.atomic():
        job = ExportJob.objects.create(
            requested_by=exporter.user,
            identifier=exporter.identifier,
            subject_type=subject._meta.label if subject is not None else "",
            subject_id=str(subject.pk) if subject is not None else "",
            params=_params_as_lists(exporter.params),
            rows_total=exporter.row_count(),
            file_name=exporter.file_name(),
        )
        _enqueue(job)
    return job


def retry(job: ExportJob, user) -> ExportJob:
    """Queue a failed job again from the start."""
    if not visible_to(user, job):
        raise RetryNotAllowed
    with transaction.atomic():
        updated = ExportJob.objects.filter(pk=job.pk, state=State.FAILED).update(
            state=State.QUEUED,
            rows_done=0,
            error="",
            file="",
            started_at=None,
            finished_at=None,
            heartbeat_at=None,
            expires_at=None,
            created_at=timezone.now(),
        )
        if not updated:
            raise RetryNotAllowed
        job.refresh_from_db()
        _enqueue(job)
    return job


# ---- the task body ---------------------------------------------------------------------------


def _fail(job_id: int, message: str) -> None:
    ExportJob.objects.filter(pk=job_id, state__in=[State.QUEUED, State.RUNNING]).update(
        state=State.FAILED, error=message, finished_at=timezone.now()
    )


def run_export(job_id: int) -> str:
    """Build the job's file. Claims the job (queued → running), reports progress, and only
    when the file is complete saves it into storage and marks the job done in one UPDATE.
    Any failure marks it failed and leaves no file behind. Returns the final state."""
    now = timezone.now()
    claimed = ExportJob.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING, started_at=now, heartbeat_at=now, rows_done=0
    )
    if not claimed:
        return ExportJob.objects.get(pk=job_id).state  # retried twice or already done

    handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="export-")
    os.close(handle)
    stored_name = ""
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        moment = time.monotonic()
        if moment - last < PROGRESS_SECONDS and done < total:
            return
        last = moment
        alive = ExportJob.objects.filter(pk=job_id, state=State.RUNNING).update(
            rows_done=done, rows_total=total, heartbeat_at=timezone.now()
        )
        if not alive:
            raise JobCancelled

    try:
        job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
        exporter = exporter_for(job)
        exporter.check_allowed()  # rights may have changed since the request
        with open(path, "wb") as stream:
            render_xlsx(exporter, stream, progress)
        with open(path, "rb") as stream:
            stored_name = default_storage.save(f"exports/{job.file_name}", File(stream))
        finished = timezone.now()
        done = ExportJob.objects.filter(pk=job_id, state=State.RUNNING).update(
            state=State.DONE,
            file=stored_name,
            rows_done=job.rows_total if job.rows_total else 0,
            finished_at=finished,
            heartbeat_at=finished,
            expires_at=finished + datetime.timedelta(hours=settings.EXPORT_KEEP_HOURS),
        )
        if not done:
            raise JobCancelled
        stored_name = ""  # kept: it is the job's file now
        return State.DONE
    except JobCancelled:
        return ExportJob.objects.get(pk=job_id).state
    except BaseException as error:
        with override("vi"):
            _fail(job_id, _("The list could not be built: %(error)s") % {"error": error})
        raise
    finally:
        if stored_name:
            default_storage.delete(stored_name)
        if os.path.exists(path):
            os.remove(path)


# ---- housekeeping ----------------------------------------------------------------------------


def mark_stale(now: datetime.datetime | None = None) -> int:
    """Mark failed the running jobs whose worker stopped reporting (killed, machine restarted).
    Called when a job is read and by prune_exports. Returns how many."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=settings.EXPORT_STALE_SECONDS)
    with override("vi"):
        message = _("The worker stopped before the list was finished.")
    return ExportJob.objects.filter(state=State.RUNNING, heartbeat_at__lt=limit).update(
        state=State.FAILED, error=message, finished_at=now
    )


def prune(now: datetime.datetime | None = None) -> int:
    """Delete the expired jobs and their files, and failed jobs older than the keep time.
    Returns how many jobs were deleted."""
    now = now or timezone.now()
    mark_stale(now)
    keep = datetime.timedelta(hours=settings.EXPORT_KEEP_HOURS)
    old = ExportJob.objects.filter(expires_at__lte=now) | ExportJob.objects.filter(
        state=State.FAILED, created_at__lte=now - keep
    )
    count = 0
    for job in old.order_by("pk"):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count
