"""Mail that is never lost: a dossier is submitted whatever the mail server does; the worker sends the mail
once the server is back, with a growing pause between attempts, and the office sees each mail's state."""

import datetime as dt

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from awards.models import DossierState
from campaigns.ops.mail import queue_mail, retry_delay
from campaigns.ops.models import MailState, OutgoingEmail
from tests.ops.conftest import free_port, run_worker
from tests.portal.helpers import complete_dossier
from tests.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)


class Inbox:
    """What a real SMTP server on 127.0.0.1 received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd) on a free port of 127.0.0.1, stopped: start it with `.start()`."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    controller.inbox = inbox
    yield controller
    if getattr(controller, "_thread", None) is not None:
        controller.stop()


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_a_dossier_is_submitted_while_the_mail_server_is_down_and_the_mail_leaves_when_it_is_back(
    client, head_a, unit_a, campaign, giay_khen, in_campaign, time_machine, smtp, database_queue, settings,
):
    settings.OFFICE_EMAILS = ["vanphong@example.vn"]
    settings.SITE_URL = "http://127.0.0.1:8741"
    dossier = complete_dossier(campaign, unit_a, head_a, giay_khen)
    client.force_login(head_a)

    # The server refuses connections: the unit head still sees success.
    response = client.post(reverse("portal:dossier_submit", args=[dossier.pk]), follow=True)
    assert response.status_code == 200
    assert any("Đã nộp hồ sơ" in m for m in _messages(response)), _messages(response)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
    email = OutgoingEmail.objects.get()
    assert (email.state, email.attempts, email.to) == (MailState.QUEUED, 0, ["vanphong@example.vn"])

    run_worker()
    email.refresh_from_db()
    assert (email.state, email.attempts, email.last_error) == (
        MailState.RETRYING, 1, "Máy chủ thư từ chối kết nối (có thể đang tắt).")
    assert email.next_attempt_at == in_campaign + dt.timedelta(minutes=1)
    assert smtp.inbox.messages == []

    # Before the pause is over nothing is tried; after it, with the server still down, the pause doubles.
    run_worker()
    email.refresh_from_db()
    assert email.attempts == 1
    time_machine.move_to(in_campaign + dt.timedelta(minutes=1, seconds=1), tick=False)
    run_worker()
    email.refresh_from_db()
    assert (email.state, email.attempts) == (MailState.RETRYING, 2)
    assert email.next_attempt_at == in_campaign + dt.timedelta(minutes=3, seconds=1)

    # The server comes back: the next attempt delivers the mail, with the link to the configured site.
    smtp.start()
    time_machine.move_to(in_campaign + dt.timedelta(minutes=4), tick=False)
    run_worker()
    email.refresh_from_db()
    assert (email.state, email.attempts, email.sent_at) == (MailState.SENT, 3, in_campaign + dt.timedelta(minutes=4))
    [(to, content)] = smtp.inbox.messages
    assert to == ["vanphong@example.vn"]
    assert f"http://127.0.0.1:8741/cchc-2023/don-vi/van-phong/ho-so/{dossier.pk}/" in content

    # Sent once: nothing more is sent later.
    time_machine.move_to(in_campaign + dt.timedelta(hours=2), tick=False)
    run_worker()
    assert len(smtp.inbox.messages) == 1


def test_a_mail_refused_every_time_ends_failed_and_the_office_sends_it_again_from_the_admin(
    client, clerk, time_machine, smtp, database_queue, settings,
):
    settings.MAIL_MAX_ATTEMPTS = 3
    start = dt.datetime(2023, 11, 10, 2, 0, tzinfo=dt.timezone.utc)
    time_machine.move_to(start, tick=False)
    queue_mail("Thông báo thử", "Nội dung", ["a@example.vn"])
    for minutes in (0, 1, 3):
        time_machine.move_to(start + dt.timedelta(minutes=minutes, seconds=1), tick=False)
        run_worker()
    email = OutgoingEmail.objects.get()
    assert (email.state, email.attempts, email.next_attempt_at) == (MailState.FAILED, 3, None)

    client.force_login(clerk)
    page = client.get(reverse("admin:ops_outgoingemail_changelist")).content.decode()
    assert "Thông báo thử" in page and "Không gửi được" in page and "Máy chủ thư từ chối kết nối" in page

    smtp.start()
    response = client.post(reverse("admin:ops_outgoingemail_changelist"),
                           {"action": "send_again", "_selected_action": [email.pk]}, follow=True)
    assert "Đã xếp 1 thư vào hàng đợi để gửi lại." in response.content.decode()
    run_worker()
    email.refresh_from_db()
    assert (email.state, email.attempts) == (MailState.SENT, 1)
    assert [to for to, _ in smtp.inbox.messages] == [["a@example.vn"]]


def test_nothing_is_queued_when_the_transaction_rolls_back(database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail("Không gửi", "…", ["a@example.vn"])
        raise RuntimeError
    assert OutgoingEmail.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_the_pause_doubles_up_to_an_hour(settings):
    settings.MAIL_RETRY_BASE_SECONDS = 60
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 6, 7, 20)] == [60, 120, 240, 1920, 3600, 3600]


def test_only_the_office_reads_the_outbox_in_the_admin(client, clerk, head_a, director):
    assert get_user_model().objects.get(pk=clerk.pk).has_perm("ops.view_outgoingemail")
    assert not director.has_perm("ops.view_outgoingemail")
    client.force_login(head_a)
    assert client.get(reverse("admin:ops_outgoingemail_changelist")).status_code == 302
