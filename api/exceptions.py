"""One exception handler for every API view (settings.REST_FRAMEWORK["EXCEPTION_HANDLER"]).

Services validate with Django's own machinery (`Model.full_clean`, validators) and raise
`django.core.exceptions.ValidationError`; viewsets call them without catching anything. This
handler gives those errors DRF's shape, so the API answers a service's rule exactly like a
serializer's:

- a ValidationError keyed by field → 400 `{"field": ["message", ...], ...}`, with errors that are
  not about one field under `non_field_errors`; each message keeps its code (`ErrorDetail.code`);
- a ValidationError with code "protected" (the object is still referred to) or "conflict" (it
  changed meanwhile: core.workflow.TransitionConflict) → 409 Conflict, the code kept;
- Django's PermissionDenied → 403 with the service's message (DRF's default handler does that).
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with the current state of the resource.")
    default_code = "conflict"


def validation_error_detail(error: DjangoValidationError) -> dict:
    """A Django ValidationError as DRF's `{field: [ErrorDetail, ...]}`, codes kept."""
    detail = get_error_detail(error)
    if not isinstance(detail, dict):
        return {api_settings.NON_FIELD_ERRORS_KEY: detail}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key): messages
        for key, messages in detail.items()
    }


CONFLICT_CODES = frozenset({"protected", "conflict"})


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        code = getattr(exc, "code", None)
        if code in CONFLICT_CODES:
            exc = Conflict(detail=exc.messages[0], code=code)
        else:
            exc = exceptions.ValidationError(detail=validation_error_detail(exc))
    return drf_exception_handler(exc, context)


@csrf_exempt
def not_found(request, *args, **kwargs):
    """The answer to an /api/ address that matches no route: DRF's 404 body, in JSON."""
    return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
