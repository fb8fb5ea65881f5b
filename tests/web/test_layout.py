"""Every page keeps to the Content-Security-Policy and loads nothing from another site."""

import re

import pytest
from django.urls import reverse

PAGES = [
    ("anonymous", "home", []),
    ("anonymous", "login", []),
    ("anonymous", "register", []),
    ("anonymous", "password_reset", []),
    ("applicant", "home", []),
    ("applicant", "applicants:create", []),
    ("applicant", "password_change", []),
    ("judge", "home", []),
    ("officer", "home", []),
    ("officer", "applicants:list", []),
    ("officer", "applicants:detail", ["facility"]),
    ("officer", "applicants:edit", ["facility"]),
]


@pytest.mark.parametrize(("persona", "url_name", "args"), PAGES)
def test_page_has_no_inline_style_or_foreign_assets(
    persona, url_name, args, personas, client_as, facility
):
    url = reverse(url_name, args=[facility.pk] if args else None)

    response = client_as(personas[persona]).get(url)
    html = response.text

    assert response.status_code == 200
    assert "Content-Security-Policy" in response.headers
    assert re.findall(r"\sstyle=", html) == []
    assert "<style" not in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts == [
        '<script src="/static/vendor/htmx-2.0.11/htmx.min.js" defer>',
        '<script src="/static/vendor/bootstrap-5.3.9/bootstrap.bundle.min.js" defer>',
        '<script src="/static/js/forms.js" defer>',
        '<script src="/static/js/uploads.js" defer>',
        '<script src="/static/js/confirm.js" defer>',
    ]
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
    assert stylesheets == [
        "/static/vendor/bootstrap-5.3.9/bootstrap.min.css",
        "/static/css/app.css",
    ]
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles":false}'>""" in html


def test_static_files_are_vendored(client, db):
    from django.contrib.staticfiles import finders

    for path in [
        "vendor/bootstrap-5.3.9/bootstrap.min.css",
        "vendor/bootstrap-5.3.9/bootstrap.bundle.min.js",
        "vendor/htmx-2.0.11/htmx.min.js",
        "css/app.css",
        "img/favicon.svg",
    ]:
        assert finders.find(path) is not None, path
