"""Test settings: the real settings, with what makes tests fast and self-contained."""

import os
import tempfile

from emulation.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="emulation-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A key of the test run's own (the development key is refused with DEBUG off: ops.E001).
SECRET_KEY = "test-only-key-" + "x" * 40
# Tasks run at once, in the test's own thread, unless a test is about the queue itself: those switch to the
# database backend (`use_database_queue` in tests/ops/conftest.py) and run `db_worker --batch`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAIL_RETRY_BASE_SECONDS = 60
# Static files from the source folders (no collectstatic before a test run).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
