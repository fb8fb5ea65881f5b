"""Settings for the whole project, read from the environment (see README for every variable)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The organisation running this installation. These are defaults: the row edited in the admin
# (core.Organisation) wins. Never write a province's name as a literal in code.
ORGANISATION = {
    "province_name": env_str("ORG_PROVINCE_NAME", "UBND TỈNH"),
    "department_name": env_str("ORG_DEPARTMENT_NAME", "SỞ CÔNG THƯƠNG"),
    "center_name": env_str("ORG_CENTER_NAME", "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI"),
    "signing_place": env_str("ORG_SIGNING_PLACE", ""),
    "signer_title": env_str("ORG_SIGNER_TITLE", "GIÁM ĐỐC"),
    "signer_name": env_str("ORG_SIGNER_NAME", ""),
}

# A recognition certificate is valid until 31 December of the year of issue plus this many
# years (domain.md §4: "the fourth year counted from the year of issue"; whether the issue year
# counts as the first is unverified, so it is a setting: 3 makes a 2024 certificate run to
# 31/12/2027).
CERTIFICATE_VALID_EXTRA_YEARS = env_int("CERTIFICATE_VALID_EXTRA_YEARS", 3)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks_db",
    "core",
    "applicants",
    "awards",
    "programs",
    "notifications",
    "api",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    # After the language is chosen (its answer is translated), before anything reads a body.
    "api.middleware.RequestSizeLimitMiddleware",
    "core.middleware.NulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.organisation",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Database: an SQLite file under var/ by default; DATABASE_URL=postgres://… for PostgreSQL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
_database_url = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'khuyencong.sqlite3'}")
try:
    _database = dj_database_url.parse(_database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one request writes; IMMEDIATE takes the write lock at BEGIN so
    # two writers queue instead of failing half-way with "database is locked".
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
# The usual model backend, with the username normalized as it is stored (core/auth.py).
AUTHENTICATION_BACKENDS = ["core.auth.NormalizedUsernameBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Background work (issue 9: long exports): Django's tasks framework with django-tasks-db's
# database backend; `python manage.py db_worker` runs the queue (README: Workers).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A list with more rows than this is built in the background; its file is kept this long; a
# running job whose worker has not reported for EXPORT_STALE_SECONDS is taken as killed.
EXPORT_BACKGROUND_ROWS = env_int("EXPORT_BACKGROUND_ROWS", 5000)
EXPORT_KEEP_HOURS = env_int("EXPORT_KEEP_HOURS", 72)
EXPORT_STALE_SECONDS = env_int("EXPORT_STALE_SECONDS", 120)

# A proposal's beneficiary supported for the same activity within this many plan years is
# flagged to the officers (programs.warnings).
PROGRAM_REPEAT_SUPPORT_YEARS = env_int("PROGRAM_REPEAT_SUPPORT_YEARS", 3)

STORAGES = {
    # Private uploads (dossiers) live under var/, outside every web root; served only by views
    # that check permission.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "private", "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# Dossier uploads: the largest file accepted, and the most pixels an image may decode to
# (a larger image is refused as a possible decompression bomb). Decoding is what costs memory:
# each process decodes UPLOAD_DECODE_CONCURRENCY images at a time (the others wait), and at the
# default limit one decode plus Django stays well under 1 GB (numbers in
# awards/services/attachments.py, by _DECODE_SLOTS).
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
UPLOAD_MAX_IMAGE_PIXELS = env_int("UPLOAD_MAX_IMAGE_PIXELS", 40_000_000)
# The shortest side a product photo may have, in pixels: smaller photos are refused (the
# jury and the printed catalogue need detail; a thumbnail-sized picture says nothing).
UPLOAD_MIN_PHOTO_SIDE = env_int("UPLOAD_MIN_PHOTO_SIDE", 600)
UPLOAD_DECODE_CONCURRENCY = env_int("UPLOAD_DECODE_CONCURRENCY", 1)
if UPLOAD_DECODE_CONCURRENCY < 1:
    raise ImproperlyConfigured("UPLOAD_DECODE_CONCURRENCY must be at least 1.")

# Password-reset mail: the console in development. In production the backend must be named:
# on the console, reset links (which let anyone reading the logs take over an account) would
# end up in the server's log.
_email_backend = env_str("EMAIL_BACKEND", "")
if not _email_backend:
    if not DEBUG:
        raise ImproperlyConfigured(
            "EMAIL_BACKEND is required when DEBUG is off "
            "(e.g. django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST…)."
        )
    _email_backend = "django.core.mail.backends.console.EmailBackend"
MAILERS = {"default": {"BACKEND": _email_backend}}
if _email_backend.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 587),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        # Seconds to wait for the mail server: notifications are sent while a request or a
        # command waits, and a server that is down must not hold them long.
        "timeout": env_int("EMAIL_TIMEOUT", 5),
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "khuyencong@localhost")

# The address people open the site at, for the links of e-mails written without a request to
# take it from (notifications, often sent by a command; a password-reset e-mail uses its
# request's host instead): SITE_URL, else the first of CSRF_TRUSTED_ORIGINS (which a site
# behind an HTTPS proxy sets), else http://127.0.0.1:8000, the address of `make run`.
SITE_URL = (
    env_str("SITE_URL", "")
    or next((origin for origin in CSRF_TRUSTED_ORIGINS if "*" not in origin), "")
    or "http://127.0.0.1:8000"
).rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"SITE_URL={SITE_URL!r} must be an address starting with https:// (or http://)."
    )

# Content-Security-Policy: everything is served from this site (no CDN); inline scripts only
# with the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Behind a TLS-terminating reverse proxy: trust its X-Forwarded-Proto header, and ask browsers
# to keep to HTTPS (HSTS) once the site is known to work over it.
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "api.ordering.VietnameseOrderingFilter",
    ],
    # DRF's parsers, answering a body they cannot read (or nested too deeply) with a 400 in the
    # request's language.
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "api.parsers.FormParser",
        "api.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    # drf-spectacular's, with the error answers of each operation (400, 401, 403, 404, 409…).
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    # Guessing passwords through the token endpoint is slowed down (api.accounts.TokenView).
    "DEFAULT_THROTTLE_RATES": {"token": env_str("TOKEN_THROTTLE_RATE", "10/minute")},
    # Turns a service's Django ValidationError into DRF's field-level 400 answer.
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Khuyến công API",
    "DESCRIPTION": "API of the industrial-extension management system.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The router's `.json` suffix routes are the same operations: left out of the schema.
    "PREPROCESSING_HOOKS": ["drf_spectacular.hooks.preprocess_exclude_path_format"],
    # `<id:…>` (core.converters): a row id, a positive 64-bit integer.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "format": "int64", "minimum": 1, "maximum": 2**63 - 1}
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
