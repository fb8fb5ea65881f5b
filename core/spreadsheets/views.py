"""The pages of a background export (issue 9): the job with its progress bar (its polled
partial), the file, and Retry. Anyone but who asked and staff is answered 404."""

import contextlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.models import ExportJob
from core.spreadsheets import XLSX_CONTENT_TYPE, jobs, registry


def job_for(request, pk: int) -> ExportJob:
    jobs.mark_stale()
    job = get_object_or_404(ExportJob.objects.select_related("requested_by"), pk=pk)
    if not jobs.visible_to(request.user, job):
        raise Http404
    return job


def job_data(request, job: ExportJob) -> dict:
    """The job as the API answers it (also the 202 of a started export)."""
    done = job.state == ExportJob.State.DONE and not job.is_expired()
    return {
        "id": job.pk,
        "state": job.state,
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "error": job.error,
        "url": request.build_absolute_uri(reverse("api:export-job", args=[job.pk])),
        "file_url": request.build_absolute_uri(reverse("api:export-job-file", args=[job.pk]))
        if done
        else None,
    }


def file_response(job: ExportJob) -> FileResponse:
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file_name,
        content_type=XLSX_CONTENT_TYPE,
    )


@login_required
@require_http_methods(["GET"])
def export_job(request, pk: int):
    job = job_for(request, pk)
    context = {"job": job, "percent": _percent(job)}
    if request.htmx:
        return render(request, "core/_export_job_progress.html", context)
    exporter_class = registry.get(job.identifier)
    context["keep_hours"] = settings.EXPORT_KEEP_HOURS
    context["list_name"] = str(exporter_class.verbose_name) if exporter_class else job.file_name
    return render(request, "core/export_job.html", context)


def _percent(job: ExportJob) -> int:
    if job.state == ExportJob.State.DONE:
        return 100
    return min(100, job.rows_done * 100 // job.rows_total) if job.rows_total else 0


@login_required
@require_http_methods(["GET"])
def export_job_file(request, pk: int):
    job = job_for(request, pk)
    if job.state != ExportJob.State.DONE:
        raise Http404
    if job.is_expired():
        return HttpResponse(
            render_to_string("core/export_job_expired.html", {"job": job}, request), status=410
        )
    return file_response(job)


@login_required
@require_http_methods(["POST"])
def export_job_retry(request, pk: int):
    job = job_for(request, pk)
    # A job that is not failed (retried twice, already running) is simply shown again.
    with contextlib.suppress(jobs.RetryNotAllowed):
        jobs.retry(job, request.user)
    return redirect(reverse("export-job", args=[job.pk]))
