import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str


def test_env_bool_reads_true_and_false(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False


def test_env_bool_bad_value_fails_loudly(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG", False)


def test_env_int_bad_value_fails_loudly(monkeypatch):
    monkeypatch.setenv("NUM", "12a")
    with pytest.raises(ImproperlyConfigured):
        env_int("NUM", 1)


def test_env_str_required_missing_fails(monkeypatch):
    monkeypatch.delenv("REQUIRED_THING", raising=False)
    with pytest.raises(ImproperlyConfigured):
        env_str("REQUIRED_THING")


def test_env_list_splits_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.vn, b.vn,,")
    assert env_list("HOSTS", []) == ["a.vn", "b.vn"]
    monkeypatch.delenv("HOSTS")
    assert env_list("HOSTS", ["x"]) == ["x"]


def start_django(**environment) -> subprocess.CompletedProcess:
    """Load the project's settings in a fresh process with only `environment` set."""
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings", **environment}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_settings_refuse_to_start_without_secret_key_when_debug_off():
    result = start_django(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_settings_refuse_a_malformed_database_url():
    result = start_django(DEBUG="true", DATABASE_URL="nosuchdb://x")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_settings_refuse_to_start_without_a_mailer_when_debug_off():
    result = start_django(DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "EMAIL_BACKEND is required when DEBUG is off" in result.stderr
