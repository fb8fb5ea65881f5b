"""SITE_URL, the address the links of notification e-mails start with (config/settings.py)."""

import os
import subprocess
import sys

import pytest


def site_url(**environment) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SITE_URL", "CSRF_TRUSTED_ORIGINS", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="true", **environment)
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"SITE_URL": "https://khuyencong.example.gov.vn/"}, "https://khuyencong.example.gov.vn"),
        (
            {"CSRF_TRUSTED_ORIGINS": "https://*.example.vn,https://kc.example.vn"},
            "https://kc.example.vn",
        ),
        ({}, "http://127.0.0.1:8000"),
    ],
)
def test_site_url_is_set_or_taken_from_the_trusted_origins(environment, expected):
    result = site_url(**environment)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_a_site_url_without_a_scheme_stops_the_start():
    result = site_url(SITE_URL="khuyencong.example.gov.vn")

    assert result.returncode != 0
    assert "SITE_URL='khuyencong.example.gov.vn' must be an address" in result.stderr
