"""`send_reminders`: the right unit heads on the right days, once."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from awards.models import DeadlineExtension, DossierState, ReminderLog
from campaigns.ops.mail import deliver
from campaigns.ops.models import MailState, OutgoingEmail
from campaigns.roles import Role
from tests.conftest import _person
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(campaign, build, head_a, head_b):
    """Units in every situation, each with its head(s); head_a's unit submitted, head_b's has nothing yet."""
    draft = build(UnitFactory(code="U1", name="Phòng Kế hoạch"), state=DossierState.DRAFT, complete=False)
    returned = build(UnitFactory(code="U2", name="Phòng Pháp chế"), state=DossierState.RETURNED)
    complete_draft = build(UnitFactory(code="U3", name="Phòng Tổ chức"), state=DossierState.DRAFT)
    accepted = build(UnitFactory(code="U4", name="Trung tâm Công tác xã hội"), state=DossierState.ACCEPTED)
    build(head_a.staff.unit, state=DossierState.SUBMITTED)
    _person("h1", "Đỗ Văn Một", draft, Role.UNIT_HEAD)
    _person("h1b", "Phan Thị Phó", draft, Role.UNIT_HEAD, gender="female")    # a deputy: a unit may have several
    _person("h2", "Bùi Văn Hai", returned, Role.UNIT_HEAD)
    _person("h3", "Hồ Thị Ba", complete_draft, Role.UNIT_HEAD, gender="female")
    _person("h4", "Ngô Văn Bốn", accepted, Role.UNIT_HEAD)
    _person("plain", "Lý Văn Thường", draft, Role.STAFF)                        # not a head: never reminded
    gone = _person("gone", "Dương Văn Nghỉ", draft, Role.UNIT_HEAD)              # account closed: never reminded
    gone.is_active = False
    gone.save()
    return {"draft": draft, "returned": returned, "complete_draft": complete_draft}


DUE = {"h1@example.vn", "h1b@example.vn", "h2@example.vn", "h3@example.vn", "head_b@example.vn"}


def run(day, capture):
    mail.outbox.clear()
    with capture(execute=True):
        call_command("send_reminders", today=day.isoformat(), stdout=StringIO())
    return {m.to[0] for m in mail.outbox}


def test_unit_heads_without_a_submitted_dossier_are_reminded_7_3_and_1_days_before_once_each(
        units, django_capture_on_commit_callbacks):
    day, sent = dt.date(2023, 11, 8), {}
    while day <= dt.date(2023, 11, 23):
        sent[day] = run(day, django_capture_on_commit_callbacks)
        day += dt.timedelta(days=1)

    assert {d: to for d, to in sent.items() if to} == {
        dt.date(2023, 11, 13): DUE,
        dt.date(2023, 11, 17): DUE,
        dt.date(2023, 11, 19): DUE,
    }
    assert sorted(ReminderLog.objects.values_list("user__username", "days_before", "sent_on")) == sorted(
        (user, step, dt.date(2023, 11, 20) - dt.timedelta(days=step))
        for user in ("h1", "h1b", "h2", "h3", "head_b") for step in (7, 3, 1)
    )


def test_a_second_run_the_same_day_sends_nothing(units, django_capture_on_commit_callbacks):
    assert run(dt.date(2023, 11, 13), django_capture_on_commit_callbacks) == DUE
    assert run(dt.date(2023, 11, 13), django_capture_on_commit_callbacks) == set()
    assert ReminderLog.objects.count() == len(DUE)


def test_after_missed_days_the_most_urgent_step_due_is_sent_and_older_ones_are_skipped(
        units, django_capture_on_commit_callbacks):
    # Nothing ran until 15/11: the 7-day reminder goes out late, once; the 3-day one on its day.
    assert run(dt.date(2023, 11, 15), django_capture_on_commit_callbacks) == DUE
    assert run(dt.date(2023, 11, 16), django_capture_on_commit_callbacks) == set()
    assert run(dt.date(2023, 11, 17), django_capture_on_commit_callbacks) == DUE
    # Nothing ran on 18 and 19/11: on the deadline day the 1-day reminder still goes out.
    assert run(dt.date(2023, 11, 20), django_capture_on_commit_callbacks) == DUE
    assert run(dt.date(2023, 11, 21), django_capture_on_commit_callbacks) == set()
    assert set(ReminderLog.objects.values_list("days_before", flat=True)) == {7, 3, 1}


def test_a_run_two_days_before_sends_only_the_3_day_step(units, django_capture_on_commit_callbacks):
    assert run(dt.date(2023, 11, 18), django_capture_on_commit_callbacks) == DUE
    assert set(ReminderLog.objects.values_list("days_before", flat=True)) == {3}
    assert "Còn 2 ngày đến hạn nộp hồ sơ" in mail.outbox[0].subject


def test_a_unit_with_an_extension_is_reminded_before_its_own_deadline(units, clerk, django_capture_on_commit_callbacks):
    DeadlineExtension.objects.create(
        campaign=units["draft"].dossiers.get().campaign, unit=units["draft"], reason="Sáp nhập đơn vị", granted_by=clerk,
        until=dt.datetime(2023, 11, 30, 23, 59, 59, tzinfo=timezone.get_current_timezone()),
    )
    assert run(dt.date(2023, 11, 13), django_capture_on_commit_callbacks) == DUE - {"h1@example.vn", "h1b@example.vn"}
    assert run(dt.date(2023, 11, 23), django_capture_on_commit_callbacks) == {"h1@example.vn", "h1b@example.vn"}
    assert "theo gia hạn của Văn phòng Sở" in mail.outbox[0].body


def test_the_email_says_the_deadline_what_is_missing_and_where_to_go(units, django_capture_on_commit_callbacks):
    run(dt.date(2023, 11, 17), django_capture_on_commit_callbacks)
    by_to = {m.to[0]: m for m in mail.outbox}

    draft = by_to["h1@example.vn"]
    assert draft.subject == "[Thi đua] Còn 3 ngày đến hạn nộp hồ sơ đề nghị khen thưởng (20/11/2023)"
    assert draft.from_email == "thidua@sldtbxh.ninhthuan.gov.vn"
    assert "Kính gửi Đỗ Văn Một,\nThủ trưởng Phòng Kế hoạch." in draft.body
    assert "hạn nộp hồ sơ đề nghị khen thưởng là hết ngày 20/11/2023 (giờ Việt Nam), còn 3 ngày." in draft.body
    assert (
        "Còn thiếu:\n  - Thiếu Văn bản (Tờ trình) đề nghị khen thưởng\n"
        "  - Thiếu Biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị\n"
        "  - Thiếu Báo cáo thành tích của 2 đối tượng\n"
    ) in draft.body
    assert "http://127.0.0.1:8000/" in draft.body
    assert "đang được trả lại để bổ sung" in by_to["h2@example.vn"].body
    assert "đã đủ thành phần nhưng chưa được nộp" in by_to["h3@example.vn"].body
    assert "Chưa lập hồ sơ đề nghị khen thưởng" in by_to["head_b@example.vn"].body


def test_on_the_deadline_day_the_subject_says_today(units, django_capture_on_commit_callbacks):
    run(dt.date(2023, 11, 20), django_capture_on_commit_callbacks)
    assert mail.outbox[0].subject == "[Thi đua] Hôm nay (20/11/2023) là hạn cuối nộp hồ sơ đề nghị khen thưởng"


@pytest.mark.django_db(transaction=True)  # emails leave on commit: a real commit here
def test_a_refused_reminder_waits_in_the_outbox_and_leaves_when_the_server_is_back(
        units, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.office.failing_mail.RefusingBackend"
    assert run(dt.date(2023, 11, 13), django_capture_on_commit_callbacks) == set()
    assert ReminderLog.objects.count() == 5
    assert {(tuple(e.to), e.state, e.attempts, e.last_error) for e in OutgoingEmail.objects.all()} == {
        ((to,), MailState.RETRYING, 1, "Máy chủ thư không trả lời hoặc ngắt kết nối.") for to in DUE}
    # The next run queues nothing again: they are on their way.
    assert run(dt.date(2023, 11, 13), django_capture_on_commit_callbacks) == set()
    assert OutgoingEmail.objects.count() == 5

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for email in OutgoingEmail.objects.all():
        deliver(email.pk)  # what the worker does at the next attempt
    assert {m.to[0] for m in mail.outbox} == DUE
    assert set(OutgoingEmail.objects.values_list("state", flat=True)) == {MailState.SENT}


def test_dry_run_lists_and_sends_nothing(units):
    out = StringIO()
    call_command("send_reminders", today="2023-11-13", dry_run=True, stdout=out)

    assert mail.outbox == [] and ReminderLog.objects.count() == 0
    assert "5 thư sẽ được gửi (chạy thử, chưa gửi)." in out.getvalue()
    assert "Sẽ gửi: h1@example.vn (Đỗ Văn Một, Phòng Kế hoạch): nhắc 7 ngày, hạn 20/11/2023, còn 7 ngày" in out.getvalue()


def test_a_bad_date_is_refused_in_vietnamese(campaign):
    with pytest.raises(CommandError, match="Ngày không hợp lệ: «13/11/2023». Hãy ghi theo dạng NĂM-THÁNG-NGÀY"):
        call_command("send_reminders", today="13/11/2023")
