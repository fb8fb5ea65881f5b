"""One exception handler for every API view (settings.REST_FRAMEWORK["EXCEPTION_HANDLER"]).

Services validate with Django's own machinery (`Model.full_clean`, validators) and raise
`django.core.exceptions.ValidationError`; viewsets call them without catching anything. This
handler gives those errors DRF's shape, so the API answers a service's rule exactly like a
serializer's:

- a ValidationError keyed by field → 400 `{"field": ["message", ...], ...}`, with errors that are
  not about one field under `non_field_errors`; each message keeps its code (`ErrorDetail.code`);
  a dotted key ("criteria.1.max_points") is answered nested at that position;
- a ValidationError with code "protected" (the object is still referred to) or "conflict" (it
  changed meanwhile: core.workflow.TransitionConflict, whose answer also carries the object's
  current `state`) → 409 Conflict, the code kept;
- Django's PermissionDenied → 403 with the service's message (DRF's default handler does that);
- Django's Http404 → 404 "not found" in the request's language (DRF would answer the message of
  get_object_or_404, "No Entry matches the given query.", which names a model class); so is an
  ObjectDoesNotExist from a service: the object was there when the view looked it up and another
  request deleted it before the service read it under its lock (a draft round deleted while it
  is being edited) — it is gone, not a server error;
- a body Django refuses while DRF parses it: RequestDataTooBig → 413, too many fields or files
  → 400, in DRF's JSON shape instead of Django's HTML page (api.middleware refuses a body that
  is too large before it is read).
"""

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.workflow import TransitionConflict


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with the current state of the resource.")
    default_code = "conflict"


def validation_error_detail(error: DjangoValidationError) -> dict:
    """A Django ValidationError as DRF's `{field: [ErrorDetail, ...]}`, codes kept.

    A dotted key names a position inside a nested body ("criteria.1.max_points": the
    `max_points` of the second criterion) and is answered nested, the way DRF answers the
    errors of a nested list (keyed by position): `{"criteria": {1: {"max_points": [...]}}}`."""
    detail = get_error_detail(error)
    if not isinstance(detail, dict):
        return {api_settings.NON_FIELD_ERRORS_KEY: detail}
    nested: dict = {}
    for key, messages in detail.items():
        if key == NON_FIELD_ERRORS:
            key = api_settings.NON_FIELD_ERRORS_KEY
        _place(nested, [int(p) if p.isdigit() else p for p in key.split(".")], messages)
    return nested


def _place(node: dict, path: list, messages: list) -> None:
    *parents, leaf = path
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            # Messages about the list itself, beside its positions: where DRF puts them.
            child = {} if child is None else {api_settings.NON_FIELD_ERRORS_KEY: child}
            node[part] = child
        node = child
    existing = node.get(leaf)
    if isinstance(existing, dict):
        existing.setdefault(api_settings.NON_FIELD_ERRORS_KEY, []).extend(messages)
    elif existing is not None:
        existing.extend(messages)
    else:
        node[leaf] = messages


CONFLICT_CODES = frozenset({"protected", "conflict"})


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "too_large"


def exception_handler(exc, context):
    original = exc
    if isinstance(exc, DjangoValidationError):
        code = getattr(exc, "code", None)
        if code in CONFLICT_CODES:
            exc = Conflict(detail=exc.messages[0], code=code)
        else:
            exc = exceptions.ValidationError(detail=validation_error_detail(exc))
    elif isinstance(exc, Http404 | ObjectDoesNotExist):
        exc = exceptions.NotFound()
    elif isinstance(exc, RequestDataTooBig):
        # Raised by Django's multipart parser: the fields other than files are too large.
        exc = PayloadTooLarge(
            gettext("The request's fields other than files are larger than %(limit)s.")
            % {"limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
        )
    elif isinstance(exc, TooManyFieldsSent):
        exc = exceptions.ParseError(gettext("The request has too many fields."))
    elif isinstance(exc, TooManyFilesSent):
        exc = exceptions.ParseError(gettext("The request has too many files."))
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(original, TransitionConflict):
        # A stale client learns where the object is now.
        response.data["state"] = original.state
    return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """The answer to an /api/ address that matches no route: DRF's 404 body, in JSON."""
    return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
