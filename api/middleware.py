"""The size limit of API request bodies, checked on the Content-Length before anything reads
the body.

DRF reads a JSON or form body from the request's stream, not through `request.body`, so
Django's DATA_UPLOAD_MAX_MEMORY_SIZE never applies to it: a body of any size would be read into
memory. And Django answers the bodies it does refuse (RequestDataTooBig) with the site's HTML
400 page. Here an API request announcing a larger body than the API accepts is answered at once
with DRF's JSON shape and status 413:

- a multipart body (a dossier upload): the largest file (settings.UPLOAD_MAX_BYTES) and a margin
  for the other fields and the parts' headers;
- any other body (JSON, a form): Django's DATA_UPLOAD_MAX_MEMORY_SIZE.

A multipart body within the limit whose fields other than files pass
DATA_UPLOAD_MAX_MEMORY_SIZE still raises RequestDataTooBig while DRF parses it; api.exceptions
answers that with the same 413.
"""

from django.conf import settings
from django.http import JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
# Room for the fields beside the file (`kind`) and the multipart boundaries and headers.
MULTIPART_MARGIN = 64 * 1024


def body_limit(content_type: str) -> int | None:
    """The largest body the API reads for this Content-Type, in bytes (None: no limit)."""
    if content_type.split(";", 1)[0].strip().lower() == "multipart/form-data":
        return settings.UPLOAD_MAX_BYTES + MULTIPART_MARGIN
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def too_large_response(limit: int) -> JsonResponse:
    detail = _("The request body is larger than the limit of %(limit)s.") % {
        "limit": filesizeformat(limit)
    }
    return JsonResponse({"detail": detail}, status=413)


class RequestSizeLimitMiddleware:
    """Answers 413 to an API request whose Content-Length passes body_limit()."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            limit = body_limit(request.META.get("CONTENT_TYPE", ""))
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0  # as Django and DRF read it: no body
            if limit is not None and length > limit:
                return too_large_response(limit)
        return self.get_response(request)
