"""The permission matrix (table.py) against the URL configuration and the running product.

The table must list every endpoint and method the resolver serves (endpoints.py), and nothing
else; each row is then asked of every persona and the nine answers compared with the row at
once. Each row builds its own world (world.py); each persona's request runs in a savepoint that
is rolled back, so no persona's change is seen by the next one.

API rows authenticate with each persona's real token (TokenAuthentication, as API clients do),
pages with a session (force_login), so the authentication layer is part of what is checked.
"""

import traceback
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from awards.views import files, rounds, screening
from tests.permissions.endpoints import (
    EXCLUDED_NAMES,
    EXCLUDED_NAMESPACES,
    METHODS,
    all_endpoints,
    required_methods,
    seen_names,
    seen_namespaces,
)
from tests.permissions.table import API, LOGIN, PAGES, PERSONAS, ROWS, Row
from tests.permissions.targets import BODIES, OBJECTS, QUERIES
from tests.permissions.world import World

ENDPOINTS = all_endpoints()


def _served() -> set[tuple[str, str]]:
    """(endpoint, method) of every method an endpoint is known to answer."""
    return {
        (endpoint.name, method)
        for endpoint in ENDPOINTS.values()
        for method in endpoint.methods or ()
    }


def _keys(rows) -> list[tuple[str, str]]:
    return [(row.endpoint, row.method) for row in rows]


# ---- The table and the URL configuration agree ------------------------------------------------


def test_permission_table_has_a_row_for_every_endpoint_and_method():
    missing = sorted(_served() - set(_keys(ROWS)))
    # A function view without require_http_methods answers any method: its rows declare which.
    undeclared = sorted(
        name
        for name, endpoint in ENDPOINTS.items()
        if endpoint.methods is None and name not in {row.endpoint for row in ROWS}
    )

    assert missing == [], "Add these (endpoint, method) rows to tests/permissions/table.py"
    assert undeclared == [], "Add a row for each method these views serve to table.py"


def test_permission_table_has_no_row_for_an_endpoint_or_method_that_does_not_exist():
    stale = sorted(
        (name, method)
        for name, method in _keys(ROWS)
        if name not in ENDPOINTS
        or (ENDPOINTS[name].methods is not None and method not in ENDPOINTS[name].methods)
    )

    assert stale == []


def test_permission_table_rows_are_unique_and_use_checked_methods():
    keys = _keys(ROWS)

    assert sorted({key for key in keys if keys.count(key) > 1}) == []
    assert sorted({method for _name, method in keys} - set(METHODS)) == []


def test_permission_table_puts_api_rows_and_page_rows_apart():
    """API rows are asked with a token, page rows with a session: each in its own list."""
    kinds = {name: endpoint.is_api for name, endpoint in ENDPOINTS.items()}
    # A stale row (no such endpoint) fails its own test, not this one.
    misplaced_api = [row.endpoint for row in API if kinds.get(row.endpoint) is False]
    misplaced_pages = [row.endpoint for row in PAGES if kinds.get(row.endpoint) is True]

    assert (misplaced_api, misplaced_pages) == ([], [])


def test_permission_exclusions_name_endpoints_that_exist():
    assert sorted(set(EXCLUDED_NAMES) - seen_names()) == []
    assert sorted(set(EXCLUDED_NAMESPACES) - seen_namespaces()) == []


def test_permission_targets_cover_every_endpoint_with_parameters_and_only_rows():
    with_params = {name for name, endpoint in ENDPOINTS.items() if endpoint.params}
    rows = set(_keys(ROWS))

    assert sorted(with_params - set(OBJECTS)) == [], "Add their URL kwargs to targets.OBJECTS"
    assert sorted(set(OBJECTS) - with_params) == []
    assert sorted(set(QUERIES) - set(ENDPOINTS)) == []
    assert sorted(set(BODIES) - rows) == []


def test_permission_methods_read_from_require_http_methods():
    """The decorators' closures are how function views' methods are found: if Django changed
    them, the matrix would take every function view for an undecorated one."""
    assert required_methods(rounds.round_transition) == {"POST"}
    assert required_methods(files.attachment_download) == {"GET"}  # require_safe: GET, HEAD
    assert required_methods(rounds.round_list) == {"GET"}
    assert required_methods(screening.entries_bulk) == {"GET", "POST"}


def test_every_page_declares_the_methods_it_answers():
    """A page view without require_safe/require_form/require_POST (core.http) would answer a
    PUT or DELETE like a GET."""
    assert sorted(name for name, endpoint in ENDPOINTS.items() if endpoint.methods is None) == []


# ---- The matrix ---------------------------------------------------------------------------------


@pytest.fixture
def world(personas):
    return World(personas)


def _client(endpoint, user) -> Client:
    if endpoint.is_api:
        client = APIClient(raise_request_exception=False)
        if user is not None:
            token, _created = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _send(client, endpoint, method: str, url: str, body):
    send = getattr(client, method.lower())
    if method == "GET":
        return send(url)
    if endpoint.is_api:
        has_file = any(isinstance(value, UploadedFile) for value in (body or {}).values())
        return send(url, body, format="multipart" if has_file else "json")
    if method == "POST":
        return send(url, body or {})
    return send(url)  # a page's PUT, PATCH or DELETE: sent without a body


def _answer(response) -> int | str:
    if response.status_code == 302 and urlsplit(response["Location"]).path == reverse("login"):
        return LOGIN
    return response.status_code


def _url(world, row: Row) -> str:
    kwargs = OBJECTS[row.endpoint](world) if row.endpoint in OBJECTS else {}
    url = reverse(row.endpoint, kwargs=kwargs)
    query = QUERIES.get(row.endpoint)
    return f"{url}?{urlencode(query)}" if query else url


def _as_row(row: Row, answers: dict) -> str:
    """Today's answers written as a row of table.py, to compare (or, for a new endpoint whose
    answers were checked one by one, to paste)."""
    cells = ", ".join(f"{answers[persona]!s:>5}" for persona in PERSONAS)
    return f'Row("{row.endpoint}", "{row.method}", {cells}),'


@pytest.mark.parametrize("row", ROWS, ids=[f"{row.method}-{row.endpoint}" for row in ROWS])
def test_permission_matrix(world, row):
    endpoint = ENDPOINTS.get(row.endpoint)
    if endpoint is None:
        pytest.fail(f"{row.endpoint} is not in the URL configuration: remove its rows.")
    url = _url(world, row)
    answers, errors = {}, []
    for persona in PERSONAS:
        user = world.users[persona]
        # Built outside the savepoint: what a body refers to is part of the row's world.
        make_body = BODIES.get((row.endpoint, row.method))
        body = make_body(world, user) if make_body else None
        with transaction.atomic():
            cache.clear()  # throttle counters
            # Signing in writes too (the session, last_login, which reset tokens depend on).
            client = _client(endpoint, user)
            response = _send(client, endpoint, row.method, url, body)
            transaction.set_rollback(True)
        answers[persona] = _answer(response)
        if response.status_code >= 500 and response.exc_info:
            errors.append(f"{persona}: {''.join(traceback.format_exception(*response.exc_info))}")
        if response.streaming:
            # Read to the end: the test client then closes the file. (Not response.close(),
            # which would also close the database connection, inside the test's transaction.)
            b"".join(response.streaming_content)

    message = [f"{row.method} {url}", f"today: {_as_row(row, answers)}", *errors]
    assert answers == row.expected(), "\n".join(message)
