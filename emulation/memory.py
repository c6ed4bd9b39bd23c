"""A serving process's memory and the garbage collector.

What a process builds to serve (Django, the apps and their modules at start-up; then, on the first requests, the
URL patterns, the compiled templates, the caches) lives as long as the process. Python's collector scans all of it
on every full pass, and a full pass falls on some request every few dozen: over the ~50,000 objects a warm worker
holds that pause was 8 ms, on pages of 15–25 ms. Frozen (`gc.freeze`), those objects are left out of every pass;
they are still freed by reference counting should they go.

The server (emulation/wsgi.py) and the benchmark (bench/run.py) call both functions, at the same points.
"""

import gc
import itertools

from django.core.signals import request_finished

WARM_REQUESTS = 100


def settle() -> None:
    """Collect what is garbage and freeze the rest of what the process holds now (call it once the application
    is loaded): a cycle frozen while garbage would never be freed."""
    gc.collect()
    gc.freeze()


def settle_when_warm(requests: int = WARM_REQUESTS) -> None:
    """Once `requests` requests have been answered (their templates and URL patterns loaded), collect what is
    garbage and freeze the rest: once per process, after the response has gone (request_finished)."""
    served = itertools.count(1)

    def warm(sender, **kwargs):
        if next(served) == requests:
            request_finished.disconnect(warm, dispatch_uid="emulation.memory.warm")
            gc.collect()
            gc.freeze()

    request_finished.connect(warm, dispatch_uid="emulation.memory.warm", weak=False)
