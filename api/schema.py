"""The OpenAPI schema's account of the errors each operation answers
(settings.REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]).

drf-spectacular documents an operation's success. This AutoSchema adds the error answers the
API gives, in the shape api.exceptions gives them, where they can happen:

- 400 (ValidationError): every operation (an address whose query string holds a NUL is refused,
  core.middleware.NulCharacterMiddleware), and above all a request body (its fields, or a body
  the parsers cannot read) or a list's filters (django-filter refuses a value of the wrong type
  or range);
- 401 (Error): every view that authenticates (a missing, unknown or malformed token);
- 403 (Error): a permission class beyond "signed in", or a method that writes (the services'
  PermissionDenied, the CSRF check of a session);
- 404 (Error): a path with parameters (nothing there, or nothing this user may see), and a
  paginated list (a page beyond the last);
- 409 (Error): the view's `conflict_actions` (a delete refused while other rows refer to the
  object, a step someone else took first: api.exceptions.CONFLICT_CODES);
- 413 (Error): a request body (api.middleware's size limit);
- 429 (Error): a throttled view.

Codes an operation declares itself (extend_schema) are kept; one declared with a description
only gets the error's body. And a serializer may name fields that its representation leaves out
for some users (`Meta.schema_optional`): they are not required in its schema.
"""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, IsAuthenticated

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
JSON = "application/json"

ERROR = {
    "type": "object",
    "description": "An error that is not about a field: what went wrong, in the request's "
    "language.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "A refused request: each refused field with its messages (a nested field's "
    "errors nested likewise, a list's by the position of the item), `non_field_errors` for "
    "the body as a whole, or `detail` alone for a body that cannot be read.",
    "properties": {
        "detail": {"type": "string"},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}]
    },
}
DESCRIPTIONS = {
    "400": "Refused: the body, the filters or the address are not valid.",
    "401": "Not signed in: no token, or an unknown or malformed one.",
    "403": "Not allowed for this user.",
    "404": "Not found, or not visible to the user.",
    "409": "Conflicts with the current state: still referred to, or changed meanwhile.",
    "413": "The request body is larger than the API accepts.",
    "429": "Too many requests: try again later.",
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            schema = self._error_component(code)
            response = responses.setdefault(code, {"description": DESCRIPTIONS[code]})
            response.setdefault("content", {JSON: {"schema": schema}})
        # An error the operation declares itself with a description only (a 409 of its own)
        # gets the error's body too.
        for code, response in responses.items():
            if code >= "400" and isinstance(response, dict):
                response.setdefault("content", {JSON: {"schema": self._error_component(code)}})
        return dict(sorted(responses.items()))

    def _map_basic_serializer(self, serializer, direction):
        """A serializer's `Meta.schema_optional` fields are not required in its schema: the
        representation leaves them out for some users (drf-spectacular requires every
        read-only field)."""
        schema = super()._map_basic_serializer(serializer, direction)
        optional = getattr(getattr(serializer, "Meta", None), "schema_optional", ())
        if optional and "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in optional]
            if not schema["required"]:
                del schema["required"]
        return schema

    def _error_codes(self) -> list[str]:
        view, method = self.view, self.method
        has_body = method in BODY_METHODS
        authenticators = view.get_authenticators()
        permissions = [
            p for p in view.get_permissions() if type(p) not in (AllowAny, IsAuthenticated)
        ]
        codes = ["400"]
        if authenticators:
            codes.append("401")
        if permissions or (
            method not in ("GET", "HEAD", "OPTIONS")
            and any(isinstance(a, SessionAuthentication) for a in authenticators)
        ):
            codes.append("403")
        if "{" in self.path or (self._is_list_view() and self._get_paginator()):
            codes.append("404")
        if getattr(view, "action", None) in getattr(view, "conflict_actions", ()):
            codes.append("409")
        if has_body:
            codes.append("413")
        if view.get_throttles():
            codes.append("429")
        return codes

    def _has_filters(self) -> bool:
        """A list filtered by django-filter, which refuses a value it cannot read."""
        return bool(getattr(self.view, "filterset_class", None)) and any(
            issubclass(backend, DjangoFilterBackend) for backend in self.get_filter_backends()
        )

    def _error_component(self, code: str) -> dict:
        name, schema = ("ValidationError", VALIDATION_ERROR) if code == "400" else ("Error", ERROR)
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        return component.ref
