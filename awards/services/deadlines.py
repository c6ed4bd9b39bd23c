"""Time and the dossier deadline: 23:59:59 Vietnam time on the campaign's deadline, or on the end of the unit's
latest extension; after it, submissions and every change are refused (TransitionError)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from awards.models import (
    DeadlineExtension,
)
from awards.services.transitions import TransitionError
from campaigns import scope

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# --- time and the deadline -------------------------------------------------------------------------------------

def end_of_day(day):
    """23:59:59.999999 of `day` in Vietnam time, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=VIETNAM)


def vn_date(value):
    return timezone.localtime(value, VIETNAM).strftime("%d/%m/%Y")


def vn_datetime(value):
    return timezone.localtime(value, VIETNAM).strftime("%H:%M:%S ngày %d/%m/%Y")


def latest_extension(campaign, unit):
    return DeadlineExtension.objects.filter(campaign=campaign, unit=unit).order_by("-until").first()


LOOK_UP = object()


def deadline_for(campaign, unit, extension=LOOK_UP):
    """The moment after which this unit's dossier is closed: the campaign's deadline day at 23:59:59 Vietnam
    time, or the end of the latest extension granted to this unit if later. Pass `extension` (the unit's
    latest, or None) when it is already loaded."""
    closes = end_of_day(campaign.dossier_deadline)
    extension = latest_extension(campaign, unit) if extension is LOOK_UP else extension
    if extension is not None and extension.until > closes:
        closes = extension.until
    return closes


def deadline_passed(campaign, unit, at=None):
    at = at or timezone.now()
    return at > deadline_for(campaign, unit)


def days_left(campaign, unit, now=None, extension=LOOK_UP):
    """Whole days from today (Vietnam) to the closing day; negative once passed."""
    now = now or timezone.now()
    closes = deadline_for(campaign, unit, extension=extension)
    return (timezone.localtime(closes, VIETNAM).date() - timezone.localtime(now, VIETNAM).date()).days


def ensure_before_deadline(campaign, unit, now=None):
    scope.ensure_open(campaign)
    now = now or timezone.now()
    if now > deadline_for(campaign, unit):
        raise TransitionError(
            f"Đã hết hạn nộp hồ sơ (hạn cuối: {vn_datetime(deadline_for(campaign, unit))}, giờ Việt Nam). "
            "Hệ thống không nhận thêm thay đổi. Nếu cần nộp muộn, hãy liên hệ Văn phòng Sở để được gia hạn.",
            code="deadline",
        )
