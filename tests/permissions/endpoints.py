"""Every endpoint the URL configuration serves, read from the resolver (config.urls) with the
HTTP methods each one answers.

- A route of a DRF router (a viewset) answers the methods of its action mapping.
- A class-based view (DRF's APIView, Django's View) answers the methods it has a handler for.
- A function view decorated with `require_http_methods` (`require_POST`, `require_safe`…)
  answers the methods of the decorator. A function view without one answers any method: the
  table declares the ones it is meant to serve (`Endpoint.methods` is None).

HEAD and OPTIONS get no rows: Django and DRF answer HEAD as GET, and OPTIONS is DRF's metadata
(which asks the same permission classes) or Django's `Allow` list.

One endpoint is one URL name. A DRF router also serves each route with a format suffix
(`entries.json`), and core.urls puts the site's own login and password views ahead of
django.contrib.auth.urls under the same names and routes: patterns sharing a name and a view are
one endpoint. Two different views under one name fail loudly, since the table is keyed by name.
"""

import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from rest_framework.views import APIView

# The methods the matrix checks.
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

# Third-party infrastructure left out of the matrix, each with the reason. Static files are not
# in the URL configuration at all (WhiteNoise serves them from its middleware).
EXCLUDED_NAMESPACES = {
    "admin": "Django's admin site has its own permission system (is_staff and model "
    "permissions); tests/web/test_admin.py and test_admin_safety.py cover it.",
}
EXCLUDED_NAMES = {
    "set_language": "Django's i18n view (django.conf.urls.i18n): public by design, it only "
    "sets the language cookie.",
    "api:schema": "drf-spectacular's OpenAPI schema: tests/api/test_schema.py and the "
    "schemathesis run check it.",
    "api:docs": "drf-spectacular's Swagger UI over the schema: tests/api/test_docs_browser.py.",
    "api:not-found": "The API's answer to an address under /api/v1/ that matches no route: a "
    "JSON 404 for everyone and every method (tests/api/test_bad_input.py).",
}


@dataclass(frozen=True)
class Endpoint:
    name: str  # the URL name with its namespaces: "api:entry-detail", "awards:entry-detail"
    route: str  # for messages: "api/v1/entries/<pk>/"
    params: tuple[str, ...]  # the URL kwargs it needs
    methods: frozenset[str] | None  # None: a function view that answers any method
    is_api: bool  # a DRF view: requested with a token, not a session


def _view_class(callback) -> type | None:
    # DRF's viewsets set `cls` only; Django's View.as_view (and so DRF's APIView) `view_class`.
    return getattr(callback, "cls", None) or getattr(callback, "view_class", None)


def _view_identity(callback) -> tuple:
    """What makes two patterns the same view: the viewset and its action mapping, the view
    class, or the function."""
    actions = getattr(callback, "actions", None)
    view_class = _view_class(callback)
    if actions is not None:
        return (view_class, tuple(sorted(actions.items())))
    return (view_class,) if view_class is not None else (callback,)


def required_methods(function) -> frozenset[str] | None:
    """The methods a `require_http_methods` decorator lets through, found on the decorator's
    closure anywhere in the chain of wrappers (`login_required` may sit above or below it);
    None for a function view without one."""
    while function is not None:
        if inspect.isfunction(function):
            allowed = inspect.getclosurevars(function).nonlocals.get("request_method_list")
            if allowed is not None:
                return frozenset(allowed) & frozenset(METHODS)
        function = getattr(function, "__wrapped__", None)
    return None


def view_methods(callback) -> frozenset[str] | None:
    actions = getattr(callback, "actions", None)
    if actions is not None:
        return frozenset(method.upper() for method in actions)
    view_class = _view_class(callback)
    if view_class is not None:
        return frozenset(
            method.upper()
            for method in view_class.http_method_names
            if method.upper() in METHODS and hasattr(view_class, method)
        )
    return required_methods(callback)


def _params(pattern) -> tuple[str, ...]:
    if isinstance(pattern.pattern, RoutePattern):  # path("<int:pk>/")
        return tuple(pattern.pattern.converters)
    return tuple(pattern.pattern.regex.groupindex)  # re_path(), e.g. DRF's router


def _readable(route: str) -> str:
    """A route for messages: "api/v1/^entries/(?P<pk>[^/.]+)/$" reads "api/v1/entries/<pk>/"."""
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route)
    return route.replace("^", "").replace("$", "")


def _walk(patterns, prefix: str = "", namespace: str = "", params: tuple = ()) -> Iterator:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                inner,
                params + _params(pattern),
            )
        elif isinstance(pattern, URLPattern):
            route = _readable(prefix + str(pattern.pattern))
            name = f"{namespace}{pattern.name}" if pattern.name else f"<unnamed> {route}"
            yield name, route, params + _params(pattern), pattern.callback, namespace


def excluded(name: str, namespace: str) -> bool:
    top = namespace.split(":", 1)[0]
    return top in EXCLUDED_NAMESPACES or name in EXCLUDED_NAMES


def all_endpoints() -> dict[str, Endpoint]:
    """Every endpoint of config.urls that is not excluded, by URL name, in resolver order."""
    endpoints: dict[str, Endpoint] = {}
    identities: dict[str, tuple] = {}
    for name, route, params, callback, namespace in _walk(get_resolver().url_patterns):
        if excluded(name, namespace):
            continue
        identity = _view_identity(callback)
        if name in endpoints:
            # A router's format-suffix variant, or a view shadowing Django's under its name.
            assert identities[name] == identity, (
                f"Two different views share the URL name {name!r} ({endpoints[name].route} and "
                f"{route}): give each its own name, the permission table is keyed by name."
            )
            continue
        identities[name] = identity
        view_class = _view_class(callback)
        endpoints[name] = Endpoint(
            name=name,
            route=route,
            params=params,
            methods=view_methods(callback),
            is_api=view_class is not None and issubclass(view_class, APIView),
        )
    return endpoints


def seen_names() -> set[str]:
    """Every URL name of the resolver, excluded ones included (to find stale exclusions)."""
    return {name for name, *_rest in _walk(get_resolver().url_patterns)}


def seen_namespaces() -> set[str]:
    return {namespace.split(":", 1)[0] for *_rest, namespace in _walk(get_resolver().url_patterns)}
