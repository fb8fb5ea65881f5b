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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_killed_worker_leaves_a_failed_job_and_no_file(
    client, officer, settings, django_capture_on_commit_callbacks
):
    """A real worker process, killed with SIGKILL halfway through a list: the job it claimed
    stops reporting, is marked failed when next read, serves no file, and can be retried."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from django.conf import settings as django_settings
    from django.db import connection

    from tests.core import slow_export_worker

    registry.register(slow_export_worker.slow_exporter())
    try:
        exporter = registry.get(slow_export_worker.SLOW_IDENTIFIER)(user=officer)
        with django_capture_on_commit_callbacks(execute=True):
            job = jobs.start_export(exporter)
    finally:
        registry.exporters.pop(slow_export_worker.SLOW_IDENTIFIER)
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.core.slow_export_worker", connection.settings_dict["NAME"]],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.state == ExportJob.State.RUNNING and job.rows_done > 0:
                break
            assert worker.poll() is None, worker.stderr.read().decode()
            time.sleep(0.2)
        assert job.state == ExportJob.State.RUNNING, "the worker never started the list"
        assert 0 < job.rows_done < job.rows_total
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        worker.stderr.close()
    job.refresh_from_db()
    assert job.state == ExportJob.State.RUNNING  # nobody is left to say otherwise
    assert job.file.name == ""

    settings.EXPORT_STALE_SECONDS = 1
    time.sleep(1.5)
    client.force_login(officer)
    page = client.get(reverse("export-job", args=[job.pk]))
    assert page.status_code == 200
    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED
    assert job.error == "Tiến trình xử lý đã dừng trước khi danh sách được tạo xong."
    assert job.file.name == ""
    assert client.get(reverse("export-job-file", args=[job.pk])).status_code == 404
    assert client.get(reverse("api:export-job-file", args=[job.pk])).status_code == 409
    assert reverse("export-job-retry", args=[job.pk]) in page.content.decode()


@pytest.mark.django_db
def test_the_api_answers_a_long_list_with_202_and_the_jobs_address(
    applicant, django_capture_on_commit_callbacks
):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(applicant)
    request = RequestFactory().get("/")
    request.user = applicant
    with django_capture_on_commit_callbacks(execute=True):
        response = delivery.respond(request, FakeExporter(user=applicant), api=True)
    assert response.status_code == 202
    job = ExportJob.objects.get()
    assert response["Location"].endswith(reverse("api:export-job", args=[job.pk]))
    jobs.run_export(job.pk)
    answer = api.get(reverse("api:export-job", args=[job.pk])).json()
    assert answer["state"] == "done"
    assert (answer["rows_done"], answer["rows_total"]) == (5, 5)
    assert answer["file_url"].endswith(reverse("api:export-job-file", args=[job.pk]))
    download = api.get(reverse("api:export-job-file", args=[job.pk]))
    assert download.status_code == 200


@pytest.mark.django_db
def test_the_job_page_polls_its_progress_until_the_list_is_done(
    client, applicant, django_capture_on_commit_callbacks
):
    job = start(applicant, django_capture_on_commit_callbacks)
    client.force_login(applicant)
    url = reverse("export-job", args=[job.pk])
    ExportJob.objects.filter(pk=job.pk).update(
        state="running", rows_done=2, heartbeat_at=timezone.now()
    )
    partial = client.get(url, headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert "<html" not in html  # the partial only, swapped into the page
    assert 'hx-trigger="every 1s"' in html
    assert 'value="40"' in html  # 2 of 5 rows
    ExportJob.objects.filter(pk=job.pk).update(state="queued")  # the worker takes it from here
    jobs.run_export(job.pk)
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in html  # done: the polling stops
    assert reverse("export-job-file", args=[job.pk]) in html
