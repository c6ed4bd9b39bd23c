"""The WSGI application served by gunicorn (`gunicorn emulation.wsgi`).

gunicorn does not run Django's system checks, so the ones that must stop a misconfigured production server
(the development SECRET_KEY with DEBUG off: ops.E001) are run here, before the first request.

Once loaded, what the worker holds for good is frozen out of the garbage collector's reach, at start-up and again
once warm (emulation/memory.py), as the benchmark does at the same points (bench/run.py)."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")

application = get_wsgi_application()

from campaigns.ops.checks import secret_key_errors  # noqa: E402  (needs the app registry loaded just above)

_errors = secret_key_errors()
if _errors:
    raise ImproperlyConfigured("\n".join(f"{e.id}: {e.msg} {e.hint}" for e in _errors))

from emulation import memory  # noqa: E402

memory.settle()
memory.settle_when_warm()
