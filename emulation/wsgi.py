"""The WSGI application served by gunicorn (`gunicorn emulation.wsgi`).

gunicorn does not run Django's system checks, so the ones that must stop a misconfigured production server
(the development SECRET_KEY with DEBUG off: ops.E001) are run here, before the first request.

Once loaded, what start-up built (Django, the apps and their modules: over 100,000 objects that live as long as
the worker) is frozen out of the garbage collector's reach: its full passes, every few dozen requests, then scan
only what requests made, instead of pausing the request they fall on for 10–25 ms (measured on the province's
benchmark, which freezes at the same point: bench/run.py)."""

import gc
import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")

application = get_wsgi_application()

from campaigns.ops.checks import secret_key_errors  # noqa: E402  (needs the app registry loaded just above)

_errors = secret_key_errors()
if _errors:
    raise ImproperlyConfigured("\n".join(f"{e.id}: {e.msg} {e.hint}" for e in _errors))

gc.freeze()
