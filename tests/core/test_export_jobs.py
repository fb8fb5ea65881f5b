"""Background exports (issue 9): the threshold, the worker, the file's access, retry, expiry."""

import datetime

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import ExportJob
from core.roles import is_staff_role
from core.spreadsheets import delivery, jobs
from core.spreadsheets.base import ExportNotAllowed, WorkbookExporter, registry

IDENTIFIER = "test-export-jobs-fake"


class FakeExporter(WorkbookExporter):
    identifier = IDENTIFIER
    verbose_name = "Fake"
    file_stem = "fake"
    rows = 5

    def check_allowed(self) -> None:
        if not self.user.is_authenticated:
            raise ExportNotAllowed

    def row_count(self) -> int:
        return self.rows

    def write(self, book, progress=None) -> None:
        sheet = book.create_sheet()
        for number in range(1, self.rows + 1):
            sheet.append([number])
            if progress:
                progress(number, self.rows)


@pytest.fixture(autouse=True)
def fake_exporter(settings):
    settings.EXPORT_BACKGROUND_ROWS = 3
    registry.register(FakeExporter)
    yield FakeExporter
    registry.exporters.pop(IDENTIFIER)


def start(user, django_capture_on_commit_callbacks) -> ExportJob:
    request = RequestFactory().get("/")
    request.user = user
    with django_capture_on_commit_callbacks(execute=True):
        response = delivery.respond(request, FakeExporter(user=user))
    assert response.status_code == 302
    return ExportJob.objects.get()


# The worker closes old connections, which a test wrapped in a transaction cannot survive.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_export_over_threshold_runs_in_worker_and_downloads(
    client, applicant, officer, other_applicant, django_capture_on_commit_callbacks
):
    job = start(applicant, django_capture_on_commit_callbacks)
    assert job.state == ExportJob.State.QUEUED
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    job.refresh_from_db()
    assert job.state == ExportJob.State.DONE
    assert (job.rows_done, job.rows_total) == (5, 5)
    url = reverse("export-job-file", args=[job.pk])
    client.force_login(applicant)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="fake.xlsx"'
    client.force_login(officer)
    assert is_staff_role(officer)
    assert client.get(url).status_code == 200
    client.force_login(other_applicant)
    assert client.get(url).status_code == 404
    assert client.get(reverse("export-job", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_export_job_expired_is_410_and_pruned(
    client, applicant, django_capture_on_commit_callbacks
):
    job = start(applicant, django_capture_on_commit_callbacks)
    jobs.run_export(job.pk)
    job.refresh_from_db()
    name = job.file.name
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(1))
    client.force_login(applicant)
    assert client.get(reverse("export-job-file", args=[job.pk])).status_code == 410
    assert jobs.prune() == 1
    assert not job.file.storage.exists(name)
    assert ExportJob.objects.count() == 0


@pytest.mark.django_db
def test_export_job_stale_is_failed_and_retried(
    client, applicant, settings, django_capture_on_commit_callbacks
):
    job = start(applicant, django_capture_on_commit_callbacks)
    # A killed worker: claimed, then no more heartbeats.
    old = timezone.now() - datetime.timedelta(seconds=settings.EXPORT_STALE_SECONDS + 5)
    ExportJob.objects.filter(pk=job.pk).update(state="running", heartbeat_at=old)
    assert jobs.mark_stale() == 1
    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED
    assert job.file.name == ""
    client.force_login(applicant)
    assert client.get(reverse("export-job-file", args=[job.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("export-job-retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == ExportJob.State.QUEUED
    assert jobs.run_export(job.pk) == ExportJob.State.DONE
