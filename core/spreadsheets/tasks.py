"""The background task of a long export (issue 9). It carries only the job's id: the row in
core.ExportJob is what pages read, and core.spreadsheets.jobs.run_export does the work."""

from django.tasks import task


@task()
def build_export(job_id: int) -> str:
    from core.spreadsheets.jobs import run_export

    return run_export(job_id)
