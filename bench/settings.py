"""Settings of the benchmarks: the project's own, run as in production (DEBUG off).

bench.harness points VAR_DIR at a temporary directory before these load, so the SQLite file,
uploads and static files of a run live there and go away with it. DATABASE_URL is read as
usual: a PostgreSQL URL makes each benchmark create (and drop) a database of its own there.
"""

import os

# Timings with DEBUG on would include Django recording every query; production runs without.
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from config.settings import *  # noqa: F403

# The host name of django.test.Client.
ALLOWED_HOSTS = ["testserver"]
# Building the data creates users; the hasher plays no part in a request signed in by session.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# WhiteNoise warns at start-up when the directory is missing; no benchmark collects static files.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# The throwaway database of a benchmark (bench.harness.throwaway_database): a file in VAR_DIR
# for SQLite, as the app runs (not the in-memory database of the test runner); on PostgreSQL a
# name of this run's own, so a test database or another run is never clobbered.
_default = DATABASES["default"]  # noqa: F405
if _default["ENGINE"] == "django.db.backends.sqlite3":
    _default["TEST"] = {"NAME": str(VAR_DIR / "bench.sqlite3")}  # noqa: F405
else:
    _default["TEST"] = {"NAME": f"{_default['NAME']}_bench_{os.getpid()}"}
