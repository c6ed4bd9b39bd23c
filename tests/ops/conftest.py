"""Background work as it runs in production: tasks go to the database queue and a real worker
(`manage.py db_worker --batch`, in the test's process) drains it. Tests about the queue use `database_queue`;
everything else runs tasks at once (settings_test)."""

import socket

import pytest
from django.core.management import call_command


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """Run every task that is due now, then return (the worker's --batch mode)."""
    call_command("db_worker", batch=True, interval=0, startup_delay=False, worker_id="test-worker", verbosity=0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


from tests.portal.conftest import giay_khen, in_campaign  # noqa: E402,F401  (the portal's clock and award)
