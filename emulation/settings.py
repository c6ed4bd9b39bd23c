"""Settings for Emulation, read from the environment with django-environ.

Every value that differs between a laptop, CI and production comes from an environment
variable (or a `.env` file beside manage.py); the defaults are those of a developer's machine.
"""

from pathlib import Path

import environ

from campaigns.ops import storage as ops_storage

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The key written here is for development only: with DEBUG off the application refuses to start on it (ops.E001).
# Without SECRET_KEY in the environment, the key is read from SECRET_KEY_FILE (default var/secret_key, which
# `make` generates once per checkout and git ignores).
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"
SECRET_KEY_FILE = env.path("SECRET_KEY_FILE", default=BASE_DIR / "var" / "secret_key")
SECRET_KEY = env.str("SECRET_KEY", default="") or (
    Path(SECRET_KEY_FILE).read_text().strip() if Path(SECRET_KEY_FILE).is_file() else DEVELOPMENT_SECRET_KEY
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The admin with our site: only the office and the director enter it (emulation/admin.py).
    "emulation.admin.EmulationAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "emulation.apps.AxesConfig",  # django-axes, named in Vietnamese (emulation/apps.py)
    # django-rules: imports every app's rules.py at start-up (the permission table, awards/rules.py).
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "campaigns",
    "awards",
    # Operations: background jobs, the mail outbox, storage, backups, deployment checks.
    "campaigns.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (hashed, compressed) straight from gunicorn: no web server needed for them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every response; downloads get a sandbox of their own (campaigns/security/csp.py).
    "campaigns.security.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A switched-off account is logged out at its next request (campaigns/middleware.py).
    "campaigns.middleware.ActiveAccountMiddleware",
    # Control characters in any parameter (400) and URL ids past the integer range (404): campaigns/security.
    "campaigns.security.requests.RefuseGarbageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "emulation.middleware.CampaignMiddleware",
    # Sessions end SESSION_ABSOLUTE_HOURS after the login, however active (campaigns/security/sessions.py).
    "campaigns.security.sessions.AbsoluteSessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware must be last: it turns a lockout into our Vietnamese lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "emulation.urls"

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
                "campaigns.context_processors.organisation",
                "awards.context_processors.campaigns",
            ],
            # The admin's list of models, rendered once for each thing it shows (templates/admin/app_list.html).
            "libraries": {"admin_lists": "emulation.admin_lists"},
        },
    },
]

WSGI_APPLICATION = "emulation.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # AxesBackend must come first so a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    # The permission table (campaigns/rules.py, awards/rules.py) answers user.has_perm(name, obj) too.
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's own, with a Vietnamese message (its translation lacks this one).
    {"NAME": "campaigns.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
# The link to set one's password (a new account's invitation, "Quên mật khẩu") works once, for this long.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 24 * 3600)
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions expire: after SESSION_COOKIE_AGE seconds of inactivity (8 hours by default) and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# ...and, however active, SESSION_ABSOLUTE_HOURS (12) after the login.
SESSION_ABSOLUTE_SECONDS = int(env.float("SESSION_ABSOLUTE_HOURS", default=12.0) * 3600)

# Production hardening: on by default, switched off for local development with DEBUG=True.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only the application's own scripts and styles, nothing inline, no
# plugins, never framed. Downloads get a sandboxed policy of their own (campaigns/security/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Login throttling (django-axes, campaigns/security/lockout.py): 5 failures for one account, or 30 from one address
# over all accounts, lock it out for an hour, until the office lifts the lockout in the admin ("Access attempts")
# or with `manage.py axes_reset`. A success clears only that account's own failures.
AXES_HANDLER = "campaigns.security.lockout.AccountAndAddressHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=30)
# The client's address through the reverse proxies we trust (0: none, REMOTE_ADDR is the client).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "campaigns.security.client_ip.client_ip"
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# The audit trail is a record, not an undo button: no "revert to this version", no editing of past versions.
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_EDIT = False
# Reasons are written by people (a return, an override): no 100-character limit on them.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# The project's own Vietnamese for what Django and the libraries leave in English (compiled .mo committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True
FORMAT_MODULE_PATH = ["emulation.formats"]
# Thousands are grouped only where a template asks for it (the `money` filter: 1.080.000), never everywhere:
# grouping every number would also turn ids in element ids, form names and data attributes into "1.234".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")

# Uploaded files live outside the web root and are never served from a URL of their own:
# every download goes through a view that checks permission on the object it belongs to.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = None
# Files go to the file system (MEDIA_ROOT) unless STORAGE_URL names an S3-compatible bucket (campaigns/ops/storage.py).
STORAGE_URL = env.str("STORAGE_URL", default="")
STORAGES = {
    "default": ops_storage.default_storage_setting(STORAGE_URL, MEDIA_ROOT),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="thidua@sldtbxh.ninhthuan.gov.vn")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OFFICE_EMAILS = env.list("OFFICE_EMAILS", default=["vanphong@sldtbxh.ninhthuan.gov.vn"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Digital signatures (PAdES) of the decisions: see README "Ký số" and awards/signing/config.py.
SIGNING_DIRECTOR_PKCS12 = env.str("SIGNING_DIRECTOR_PKCS12", default="")
SIGNING_DIRECTOR_PASSPHRASE = env.str("SIGNING_DIRECTOR_PASSPHRASE", default="")
SIGNING_DIRECTOR_PKCS11_MODULE = env.str("SIGNING_DIRECTOR_PKCS11_MODULE", default="")
SIGNING_DIRECTOR_PKCS11_TOKEN = env.str("SIGNING_DIRECTOR_PKCS11_TOKEN", default="")
SIGNING_DIRECTOR_PKCS11_KEY = env.str("SIGNING_DIRECTOR_PKCS11_KEY", default="")
SIGNING_DIRECTOR_PKCS11_PIN = env.str("SIGNING_DIRECTOR_PKCS11_PIN", default="")
SIGNING_ORG_PKCS12 = env.str("SIGNING_ORG_PKCS12", default="")
SIGNING_ORG_PASSPHRASE = env.str("SIGNING_ORG_PASSPHRASE", default="")
SIGNING_TRUST_ROOTS = env.list("SIGNING_TRUST_ROOTS", default=[])
SIGNING_TSA_URL = env.str("SIGNING_TSA_URL", default="")
SIGNING_REVOCATION = env.str("SIGNING_REVOCATION", default="soft-fail")

# Background work (django-tasks with its database backend): every email, big PDF batches, big exports. The
# worker is `manage.py db_worker` (started by `make run` beside gunicorn; a systemd unit in production).
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
# A mail the server refused is tried again after 1, 2, 4, ... minutes (at most an hour apart), MAIL_MAX_ATTEMPTS times.
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=10)
MAIL_RETRY_BASE_SECONDS = env.int("MAIL_RETRY_BASE_SECONDS", default=60)
# A batch of more certificates than this is made by the worker, with a progress page; fewer come at once.
JOB_INLINE_MAX_PAGES = env.int("JOB_INLINE_MAX_PAGES", default=10)
# An export of more rows than this is written by the worker.
JOB_INLINE_MAX_ROWS = env.int("JOB_INLINE_MAX_ROWS", default=3000)
# A document whose list has more lines than this (a Quyết định or Tờ trình with its list, the council's Biên bản)
# is rendered by the worker: 50 lines take 2–3 s, 1,000 lines half a minute.
JOB_INLINE_MAX_LINES = env.int("JOB_INLINE_MAX_LINES", default=50)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # WeasyPrint's step-by-step log, read by a job's progress bar (awards/pdf/render.py), printed nowhere.
    "loggers": {"weasyprint.progress": {"level": "INFO", "handlers": [], "propagate": False}},
}

SILENCED_SYSTEM_CHECKS = []
