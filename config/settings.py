"""LiverLog settings, read from the environment.

Defaults suit a person running the app for themselves: SQLite next to the code,
DEBUG off unless asked for. DATABASE_URL=postgres://... switches to PostgreSQL.
Each secret can also be read from a file: NAME_FILE=/run/secrets/name.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from tracker.server import logs
from tracker.server.routers import PROGRESS_DB, PROGRESS_TABLE, progress_database

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """NAME from the environment, or the contents of the file NAME_FILE names (the way
    Docker and systemd hand over secrets without putting them in the environment)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE={path} cannot be read: {error}") from None
    return os.environ.get(name, default)


DEBUG = env_bool("DEBUG")
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "LiverLog refuses to start without a secret key. Set SECRET_KEY (or "
            "SECRET_KEY_FILE) to a long random value, for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`. "
            "For development on your own machine, set DEBUG=1 instead."
        )
    # Development only: a fixed key keeps sessions across restarts.
    SECRET_KEY = "liverlog-development-key-never-used-in-production-0123456789"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's own form templates, found by the project's template engine (FORM_RENDERER).
    "django.forms",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "template_partials",
    "tracker",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "tracker.accounts.middleware.ProfileTimezoneMiddleware",
    "tracker.server.private.PrivateCacheControlMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Forms render through the project's templates, so templates/django/forms/ can override
# a piece of Django's markup (the label, without its trailing colon).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=env_secret("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue on busy_timeout instead of failing mid-transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file too (WAL and concurrent writers mean nothing in an in-memory db),
    # one per test process so that two runs at once never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"liverlog-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every process (gunicorn workers, app servers, the task worker): import
# progress, rate limits and the rendered dashboard must agree across them. The database
# cache needs `manage.py createcachetable`; REDIS_URL=redis://host:6379/0 uses Redis.
REDIS_URL = env_secret("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CACHES["progress"] = CACHES["default"]
else:
    CACHES = {
        "default": {
            # Django's, with a write that is one statement (tracker/server/cache.py).
            "BACKEND": "tracker.server.cache.DatabaseCache",
            "LOCATION": "liverlog_cache",
            # Room for a few thousand people's dashboards before a third is culled.
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 3},
        },
        # An import's progress is written from inside its all-or-nothing transaction. On
        # the import's own connection the page polling it would see nothing until the
        # commit (and on SQLite nobody else could write meanwhile), so this cache has a
        # connection of its own, in autocommit (tracker/server/routers.py): the same
        # PostgreSQL database, or on SQLite a file of its own (`createcachetable
        # --database progress` creates its table there).
        "progress": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": PROGRESS_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }
    DATABASES[PROGRESS_DB] = progress_database(DATABASES["default"])
    DATABASE_ROUTERS = ["tracker.server.routers.ProgressRouter"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Older hashes still verify, and are upgraded to Argon2 at the next log-in.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Long work (PDFs, large imports) runs in the task worker, `manage.py db_worker`, through
# Django's tasks API (the django-tasks backport; the code moves unchanged to Django 6's
# django.tasks). The queue is a database table, so no broker is needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Lock a username from an address out for an hour after 5 failed log-ins in a row.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Lock-outs by the client's address, not the proxy's (see tracker/server/client.py).
AXES_CLIENT_IP_CALLABLE = "tracker.server.client.client_address"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("LIVERLOG_PLAIN_STATIC")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Python's mimetypes does not know the web app manifest; phones expect its own type.
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}

# SMTP once EMAIL_HOST is set; until then password-reset e-mails are printed to the log.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=bool(EMAIL_HOST))
EMAIL_TIMEOUT = 20
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "liverlog@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's address for links in e-mails sent without a request (reminders).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# HTTPS=1 in production (behind TLS): secure cookies, HSTS and a redirect to https.
HTTPS = env_bool("HTTPS")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS and not env_bool("TLS_TERMINATED_UPSTREAM_REDIRECTS")
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind a proxy (or a chain of TRUSTED_PROXY_COUNT of them), the client's address and
# scheme come from the headers the proxies set; otherwise those headers are ignored.
BEHIND_PROXY = env_bool("BEHIND_PROXY")
TRUSTED_PROXY_COUNT = max(1, int(os.environ.get("TRUSTED_PROXY_COUNT", "1")))
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script anywhere: scripts come from our static files only. Inline styles
# stay allowed because plotly.js and htmx set style attributes as they draw.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Standard error, plain lines or JSON lines (LOG_FORMAT=json), share tokens redacted.
LOGGING = logs.configuration(
    json_lines=os.environ.get("LOG_FORMAT", "").lower() == "json",
    level=os.environ.get("LOG_LEVEL", "WARNING"),
)
