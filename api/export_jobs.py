"""Background exports in the API (issue 9): `GET /export-jobs/{id}/` (the job) and
`GET /export-jobs/{id}/file/` (the file; 409 while not done, 410 once expired). Who asked and
staff only; anyone else 404, as on the pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.exceptions import Conflict
from core.models import ExportJob
from core.spreadsheets import jobs
from core.spreadsheets.views import file_response, job_data


class Gone(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_code = "gone"


def _job(request, pk: int) -> ExportJob:
    jobs.mark_stale()
    job = get_object_or_404(ExportJob, pk=pk)
    if not jobs.visible_to(request.user, job):
        raise Http404
    return job


class ExportJobView(APIView):
    @extend_schema(responses={200: OpenApiResponse(description="The export job.")})
    def get(self, request, pk: int):
        return Response(job_data(request, _job(request, pk)))


class ExportJobFileView(APIView):
    @extend_schema(
        responses={
            200: OpenApiResponse(description="The .xlsx file."),
            409: OpenApiResponse(description="The file is not ready (the job runs or failed)."),
            410: OpenApiResponse(description="The file has expired: create it again."),
        }
    )
    def get(self, request, pk: int):
        job = _job(request, pk)
        if job.state != ExportJob.State.DONE:
            raise Conflict(_("The file is not ready."))
        if job.is_expired():
            raise Gone(_("The file has expired, please create it again"))
        return file_response(job)
