"""Test settings: the project's settings with a fixed key and a fast password hasher."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
# The test runner replaces the mailer with its in-memory outbox anyway.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["default"]["OPTIONS"]["location"] = VAR_DIR / "test-private"  # noqa: F405

# Serve static files from the apps' folders as in development: tests never run collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite: the test database is a file in WAL mode, as a real installation's is, not the shared
# in-memory database (whose table locks make concurrent transactions fail instead of queueing):
# the concurrency tests then see what production sees.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-khuyencong.sqlite3")}  # noqa: F405

# A tiny app with its own workflow, for the tests of core.workflow (tests/workflow_app).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.workflow_app"]  # noqa: F405
