"""Settings of the benchmark: the product's settings on a PostgreSQL database of its own, with a bench-only
URLconf that adds the floor view (a bare view rendering the base layout). Production-like: DEBUG off."""

import os
import tempfile

from emulation.settings import *  # noqa: F403
from emulation.settings import env

DATABASES = {"default": env.db("BENCH_DATABASE_URL", default="postgres://root@127.0.0.1:5432/emulation_bench")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections, as a production server would keep them.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = os.environ.get("BENCH_MEDIA_ROOT") or tempfile.mkdtemp(prefix="emulation-bench-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
