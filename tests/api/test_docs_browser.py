"""The API docs page in headless Chromium: it must render under the site's Content-Security-Policy.

Chromium's requests are answered in-process by Django's test client (and static files from the
staticfiles finders) through Playwright's request interception, instead of a live server: the
test then runs inside the usual rolled-back transaction, and a live server's flush of the
database (which would also drop the administrative units loaded by a migration) is avoided.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
# A potentially trustworthy origin, as a deployment's HTTPS one would be (Chromium ignores the
# Cross-Origin-Opener-Policy header elsewhere, with a console error). Nothing listens there:
# every request is intercepted. The test client still sends "testserver" as the host.
ORIGIN = "http://localhost"


@pytest.fixture
def chromium_page(monkeypatch):
    if not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true":
        pytest.skip("Chromium is not installed")
    # Playwright's sync API runs an event loop in this thread; the test client's database work
    # stays sequential in this same thread, which is what this switch allows.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def serve_with_django(page, client):
    static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def answer(route):
        url = urlsplit(route.request.url)
        if url.path.startswith(static_prefix):
            found = finders.find(url.path.removeprefix(static_prefix))
            if found:
                route.fulfill(path=found)
            else:
                route.fulfill(status=404)
            return
        response = client.generic(
            route.request.method,
            f"{url.path}?{url.query}" if url.query else url.path,
            data=route.request.post_data_buffer or b"",
            content_type=route.request.headers.get("content-type", ""),
        )
        route.fulfill(
            status=response.status_code, headers=dict(response.items()), body=response.content
        )

    page.route(f"{ORIGIN}/**", answer)


def test_docs_page_renders_without_csp_violations(chromium_page, client):
    page = chromium_page
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    serve_with_django(page, client)

    page.goto(f"{ORIGIN}/api/v1/docs/")
    page.wait_for_selector(".opblock-tag", timeout=15_000)
    # Swagger UI renders the operations near the viewport only: scroll down to the provinces.
    target = page.locator("#operations-provinces-provinces_list")
    for _ in range(60):
        if target.count():
            break
        page.mouse.wheel(0, 800)
        page.wait_for_timeout(100)
    target.wait_for(timeout=5_000)

    # Try one public endpoint from the page: the request goes through Swagger UI's fetch.
    page.locator("#operations-provinces-provinces_list .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for(timeout=10_000)

    assert status.inner_text() == "200"
    assert problems == []
