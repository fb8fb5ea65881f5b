"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
live_server.

Without /usr/bin/chromium the tests skip, except in CI (CI=true), where a missing browser must
fail the run instead of passing it silently. `playwright install` is never needed: the system
Chromium is launched directly.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer

# Playwright's sync API runs an asyncio event loop in this thread; Django then refuses database
# access from it ("You cannot call this from an async context") unless told that it is safe.
# It is: the test code itself is synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if _in_ci():
            pytest.fail(f"CI=true but {CHROMIUM} is missing (apt-get install chromium).")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def console_messages():
    """Every console message and page error of the test's page, as text."""
    return []


@pytest.fixture
def page(browser, live_server, console_messages):
    """A fresh browser context (no cookies) with a page; its console is recorded."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("console", lambda message: console_messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console_messages.append(f"pageerror: {error}"))
    yield page
    context.close()


@pytest.fixture
def log_in():
    """log_in(page, username, password): through the login form, waiting for the home page."""

    def go(page, username: str, password: str) -> None:
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.locator("form:has(input[name=password]) [type=submit]").click()
        page.wait_for_url(re.compile(r"/$"))

    return go


@pytest.fixture
def log_out():
    """log_out(page): the POST form in the header (in the account menu when it is collapsed)."""
    from playwright.sync_api import expect

    def go(page) -> None:
        logout = page.locator("form[action$='/accounts/logout/'] [type=submit]")
        if not logout.is_visible():
            menu = ".dropdown:has(form[action$='/accounts/logout/']) .dropdown-toggle"
            page.locator(menu).click()
        expect(logout).to_be_visible()
        logout.click()
        page.wait_for_url(re.compile(r"/accounts/login/"))

    return go


class SerialWSGIServer(WSGIServer):
    """A live server that answers one request at a time.

    On SQLite the test database lives in memory behind one connection, which Django's threaded
    live server hands to every request thread: two requests at once (a page's three photo
    thumbnails) then interleave on that connection and fail at random ("IndexError" in the
    SQL compiler, lost sessions). Served one by one they cannot. Django closes each connection
    after its response on a non-threaded server, so the browser never waits on a keep-alive."""

    def __init__(self, *args, connections_override=None, **kwargs):
        # LiveServerThread.run() already put the shared connections in the server's thread,
        # which is the only thread that handles requests here.
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def serial_live_server():
    """Make the live server serial before it starts (it is session-wide, started by `page`)."""
    from django.test.testcases import LiveServerThread

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LiveServerThread, "server_class", SerialWSGIServer)
        yield


@pytest.fixture(scope="session", autouse=True)
def same_db_connections_under_playwright(django_db_setup, request):
    """Keep using the test database's connections once Playwright has started.

    Playwright's sync API runs an asyncio loop in this thread, and Django then keeps database
    connections in a store of their own for async code: a second connection object, without the
    serialized copy of the database that `serialized_rollback` restores after each browser test.
    When a test outside tests/e2e set the database up first, the second browser test found an
    empty database (no provinces). The test database's connection objects are put in that store.
    """
    from django.db import connections

    wrappers = {alias: connections[alias] for alias in connections}
    request.getfixturevalue("browser")  # starts Playwright (or skips)
    for alias, wrapper in wrappers.items():
        connections[alias] = wrapper
