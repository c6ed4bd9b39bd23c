"""Every email of the application goes through the outbox: `queue_mail()` writes a row in the caller's
transaction and, once it commits, hands it to the worker, which sends it. A mail server that is down never fails
the request that wanted the mail (a dossier is submitted whatever the server does); the worker tries again after
1, 2, 4 … minutes (at most an hour apart) up to MAIL_MAX_ATTEMPTS times, and the office sees every mail's state,
attempts and last error in the admin ("Thư gửi đi"), where it can send a failed one again."""

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from campaigns.ops.models import MailState, OutgoingEmail

logger = logging.getLogger(__name__)


def queue_mail(subject: str, body: str, recipients, *, from_email: str = "") -> OutgoingEmail | None:
    """Keep one email for sending after the commit (nothing is kept or sent if the transaction rolls back)."""
    recipients = list(dict.fromkeys(r for r in recipients if r))
    if not recipients:
        return None
    email = OutgoingEmail.objects.create(subject=subject[:300], body=body, to=recipients, from_email=from_email)
    transaction.on_commit(lambda: enqueue_delivery(email.pk))
    return email


def enqueue_delivery(email_id: int, *, run_after=None) -> None:
    job = deliver_email
    if run_after is not None:
        if not job.get_backend().supports_defer:
            return  # this backend cannot wait: the mail stays "retrying" until someone sends it again
        job = job.using(run_after=run_after)
    job.enqueue(email_id)


def retry_delay(attempts: int) -> dt.timedelta:
    """The pause after the n-th failed attempt: base × 2^(n-1), at most an hour."""
    seconds = settings.MAIL_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1)
    return dt.timedelta(seconds=min(seconds, 3600))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "Máy chủ thư từ chối kết nối (có thể đang tắt)."
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return f"Máy chủ thư từ chối người nhận: {', '.join(exc.recipients)}."
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "Máy chủ thư không chấp nhận tài khoản gửi thư (sai tên hoặc mật khẩu trong EMAIL_URL)."
    if isinstance(exc, (TimeoutError, smtplib.SMTPServerDisconnected)):
        return "Máy chủ thư không trả lời hoặc ngắt kết nối."
    return f"Không gửi được thư: {exc.__class__.__name__}: {exc}"


@task()
def deliver_email(email_id: int) -> str:
    """The worker's task: send one email of the outbox (see deliver)."""
    return deliver(email_id)


def deliver(email_id: int) -> str:
    """Send one queued email now; on a refusal, count the attempt and schedule the next (or give up)."""
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or email.state in (MailState.SENT, MailState.FAILED):
        return email.state if email else "missing"
    message = EmailMessage(subject=email.subject, body=email.body, from_email=email.from_email or None, to=email.to)
    now = timezone.now()
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        attempts = email.attempts + 1
        reason = _reason(exc)
        logger.warning("Mail %s (%s) not sent, attempt %s: %s", email.pk, email.subject, attempts, exc)
        if attempts >= settings.MAIL_MAX_ATTEMPTS:
            OutgoingEmail.objects.filter(pk=email.pk).update(
                state=MailState.FAILED, attempts=attempts, last_error=reason, next_attempt_at=None)
            return MailState.FAILED
        next_at = now + retry_delay(attempts)
        OutgoingEmail.objects.filter(pk=email.pk).update(
            state=MailState.RETRYING, attempts=attempts, last_error=reason, next_attempt_at=next_at)
        enqueue_delivery(email.pk, run_after=next_at)
        return MailState.RETRYING
    OutgoingEmail.objects.filter(pk=email.pk).update(
        state=MailState.SENT, attempts=email.attempts + 1, sent_at=now, next_attempt_at=None)
    return MailState.SENT


def send_again(emails, *, actor=None) -> int:
    """The office sends failed (or waiting) emails again now: they start over with a fresh count of attempts."""
    count = 0
    for email in emails:
        if email.state == MailState.SENT:
            continue
        OutgoingEmail.objects.filter(pk=email.pk).update(state=MailState.QUEUED, attempts=0, next_attempt_at=None)
        transaction.on_commit(lambda pk=email.pk: enqueue_delivery(pk))
        count += 1
    return count
