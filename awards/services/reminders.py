"""Deadline reminders: every unit head whose unit has not yet submitted a complete dossier is emailed 7, 3 and 1
days before the dossier deadline, once per step, and each email sent is recorded in `ReminderLog`.

Decisions (documented in the README's command table):
- "Incomplete" means the unit has not submitted its dossier yet: no dossier, a dossier that lacks something
  (the email lists what), a complete draft not yet submitted, or a dossier returned for correction. Units whose
  dossier is submitted, resubmitted, accepted or rejected get nothing.
- The deadline is the unit's own: the campaign's dossier deadline, or the end of an extension the office
  granted the unit, counted in Vietnam dates.
- Catching up: with D days left, the step due is the most urgent one not yet passed, i.e. the smallest of
  7, 3, 1 that is >= D (on the deadline day itself, D = 0, that is the 1-day step). It is sent unless already
  sent; the less urgent steps that were missed are skipped, never sent late. So a run missed on the 7th day
  before and made on the 5th still sends the 7-day reminder (with "còn 5 ngày" in it), and a run made on the
  2nd day before sends the 3-day one, once. After the deadline nothing is sent.
- Once: a `ReminderLog` row per (campaign, unit head, step) and the email in the outbox (campaigns/ops/mail.py), written in
  one transaction (a unique constraint stops a concurrent run). The worker sends it and, while the mail server
  refuses it, tries again with a growing pause; the office sees its state in the admin ("Thư gửi đi").
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

from awards.models import DossierState, ReminderLog
from awards.services.progress import campaign_progress, vietnam_today
from campaigns import scope
from campaigns.formatting import person_name
from campaigns.models import Campaign, CampaignStatus
from campaigns.ops.mail import queue_mail
from campaigns.roles import GROUP_NAMES, Role

logger = logging.getLogger(__name__)

STEPS = (7, 3, 1)


def due_step(days_left):
    """The reminder step due with `days_left` days to the deadline (7, 3 or 1), or None."""
    if days_left < 0:
        return None
    steps = [s for s in STEPS if s >= days_left]
    return min(steps) if steps else None


@dataclass
class Reminder:
    campaign: Campaign
    unit_progress: object
    user: object
    step: int
    status: str = "pending"  # pending, sent, skipped (another run sent it), failed (mail server refused)
    error: str = ""

    @property
    def sent(self):
        return self.status == "sent"

    @property
    def line(self):
        u = self.unit_progress
        return (f"{self.user.email} ({_name(self.user)}, {u.unit.name}): "
                f"nhắc {self.step} ngày, hạn {u.deadline:%d/%m/%Y}, {u.days_label}")


def pending_reminders(*, today=None, campaigns=None):
    """The reminders due on `today` that have not been sent yet (nothing is written)."""
    today = today or vietnam_today()
    if campaigns is None:
        campaigns = Campaign.objects.filter(status=CampaignStatus.OPEN).select_related("organisation")
    due = []
    for campaign in campaigns:
        progress = campaign_progress(campaign, today=today)
        waiting = {}
        for row in progress.units:
            step = due_step(row.days_left)
            if step is not None and (not row.submitted or row.returned):
                waiting[row.unit.pk] = (row, step)
        if not waiting:
            continue
        heads = (
            get_user_model().objects
            .filter(groups__name=GROUP_NAMES[Role.UNIT_HEAD], is_active=True, staff__unit_id__in=list(waiting))
            .exclude(email="").select_related("staff").distinct().order_by("staff__unit__code", "username")
        )
        sent = set(ReminderLog.objects.filter(campaign=campaign, unit_id__in=list(waiting))
                   .values_list("user_id", "days_before"))
        for head in heads:
            row, step = waiting[head.staff.unit_id]
            if (head.pk, step) not in sent:
                due.append(Reminder(campaign=campaign, unit_progress=row, user=head, step=step))
    return due


def send_reminders(*, today=None, campaigns=None):
    """Send every reminder due on `today` (Vietnam date; default today) once; return them with their outcome."""
    today = today or vietnam_today()
    reminders = pending_reminders(today=today, campaigns=campaigns)
    for reminder in reminders:
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    campaign=reminder.campaign, unit_id=reminder.unit_progress.unit.pk, user=reminder.user,
                    days_before=reminder.step, sent_on=today,
                )
                message = build_message(reminder)
                queue_mail(message.subject, message.body, message.to)
            reminder.status = "sent"  # in the outbox: the worker delivers it
        except IntegrityError:
            # Another run sent this step a moment ago.
            reminder.status, reminder.error = "skipped", "đã được gửi bởi một lần chạy khác"
    return reminders


def _name(user):
    return person_name(user)


def _portal_url(campaign):
    return settings.SITE_URL.rstrip("/") + scope.reverse_in(campaign, "portal:home")


def build_message(reminder):
    u = reminder.unit_progress
    campaign = reminder.campaign
    deadline = f"{u.deadline:%d/%m/%Y}"
    if u.days_left == 0:
        subject = f"Hôm nay ({deadline}) là hạn cuối nộp hồ sơ đề nghị khen thưởng"
    else:
        subject = f"Còn {u.days_left} ngày đến hạn nộp hồ sơ đề nghị khen thưởng ({deadline})"
    if u.state == DossierState.RETURNED:
        status = "Hồ sơ của đơn vị đang được trả lại để bổ sung, chưa được nộp lại."
    elif u.complete:
        status = "Hồ sơ của đơn vị đã đủ thành phần nhưng chưa được nộp."
    else:
        status = "Hồ sơ của đơn vị chưa đủ thành phần và chưa được nộp. Còn thiếu:\n" + "\n".join(
            f"  - {item}" for item in u.missing
        )
    body = (
        f"Kính gửi {_name(reminder.user)},\n"
        f"Thủ trưởng {u.unit.name}.\n\n"
        f"{campaign.title}: hạn nộp hồ sơ đề nghị khen thưởng là hết ngày {deadline} (giờ Việt Nam)"
        f"{' theo gia hạn của Văn phòng Sở' if u.extended else ''}, {u.days_label}.\n\n"
        f"{status}\n\n"
        f"Xin đồng chí vào hệ thống để hoàn thiện và nộp hồ sơ: {_portal_url(campaign)}\n\n"
        f"Văn phòng Sở (Bộ phận Thi đua - Khen thưởng)\n"
        f"Thư này được gửi tự động; nếu hồ sơ đã nộp, xin bỏ qua."
    )
    return EmailMessage(subject=f"[Thi đua] {subject}", body=body, to=[reminder.user.email])
