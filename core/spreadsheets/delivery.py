"""How an export reaches the person who asked: the file at once, or (over
EXPORT_BACKGROUND_ROWS rows) a background job whose page shows its progress."""

import tempfile

from django.conf import settings
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect

from core.spreadsheets import XLSX_CONTENT_TYPE
from core.spreadsheets.base import Exporter

# The file is built in memory up to this size, then on disk.
SPOOL_BYTES = 8 * 1024 * 1024


def with_filters(url: str, query) -> str:
    """A list page's download link: its URL with the filters on screen (not the page number),
    so the file holds the rows the page shows."""
    params = query.copy()
    params.pop("page", None)
    return f"{url}?{params.urlencode()}" if params else url


def download_response(exporter: Exporter) -> FileResponse:
    """The list as an attachment named exporter.file_name()."""
    from core.spreadsheets.writer import render_xlsx

    # FileResponse closes the buffer once it is sent.
    buffer = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    render_xlsx(exporter, buffer)
    buffer.seek(0)
    return FileResponse(
        buffer,
        as_attachment=True,
        filename=exporter.file_name(),
        content_type=XLSX_CONTENT_TYPE,
    )


def respond(request, exporter: Exporter, *, api: bool = False):
    """The answer to a download request, for a page (api=False) or the API. Raises
    ExportNotAllowed when the user may not have the list; the caller answers 403/404."""
    exporter.check_allowed()
    if exporter.row_count() > settings.EXPORT_BACKGROUND_ROWS:
        from core.spreadsheets import jobs

        job = jobs.start_export(exporter)
        if api:
            from core.spreadsheets.views import job_data

            response = JsonResponse(job_data(request, job), status=202)
            response["Location"] = job_data(request, job)["url"]
            return response
        return redirect("export-job", pk=job.pk)
    return download_response(exporter)
