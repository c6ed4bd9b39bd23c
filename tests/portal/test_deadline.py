"""The deadline is enforced by the server, in Vietnam time: 23:59:59 on 20/11/2023 is in time, 00:00:00 on
21/11/2023 is late, unless the office extended this unit's deadline."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from awards.models import (
    DeadlineExtension,
    DocumentVersion,
    DossierState,
    Nominee,
    Registration,
)
from awards.services import deadlines, dossiers
from awards.services.transitions import TransitionError
from tests.portal.conftest import upload
from tests.portal.helpers import complete_dossier
from tests.urls import reverse

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LAST_SECOND = dt.datetime(2023, 11, 20, 23, 59, 59, tzinfo=VN)
MIDNIGHT_AFTER = dt.datetime(2023, 11, 21, 0, 0, 0, tzinfo=VN)


@pytest.mark.django_db
def test_deadline_is_the_end_of_the_day_in_vietnam_time(campaign, unit_a):
    assert deadlines.deadline_passed(campaign, unit_a, LAST_SECOND) is False
    assert deadlines.deadline_passed(campaign, unit_a, MIDNIGHT_AFTER) is True
    # 23:59:59 in Vietnam is 16:59:59 UTC: the server's clock in UTC does not move the deadline.
    assert deadlines.deadline_passed(campaign, unit_a, dt.datetime(2023, 11, 20, 16, 59, 59, tzinfo=dt.UTC)) is False
    assert deadlines.deadline_passed(campaign, unit_a, dt.datetime(2023, 11, 20, 17, 0, 0, tzinfo=dt.UTC)) is True


@pytest.mark.django_db
def test_submission_at_235959_is_accepted_and_at_midnight_refused(campaign, unit_a, unit_b, head_a, head_b, giay_khen):
    on_time = complete_dossier(campaign, unit_a, head_a, giay_khen)
    late = complete_dossier(campaign, unit_b, head_b, giay_khen)

    dossiers.submit_dossier(on_time, actor=head_a, now=LAST_SECOND)
    with pytest.raises(TransitionError) as refused:
        dossiers.submit_dossier(late, actor=head_b, now=MIDNIGHT_AFTER)

    on_time.refresh_from_db(), late.refresh_from_db()
    assert (on_time.state, on_time.submitted_at) == (DossierState.SUBMITTED, LAST_SECOND)
    assert (late.state, late.submitted_at) == (DossierState.DRAFT, None)
    assert refused.value.messages == [
        "Đã hết hạn nộp hồ sơ (hạn cuối: 23:59:59 ngày 20/11/2023, giờ Việt Nam). Hệ thống không nhận thêm thay đổi. "
        "Nếu cần nộp muộn, hãy liên hệ Văn phòng Sở để được gia hạn."
    ]


@pytest.mark.django_db
def test_after_the_deadline_changes_are_refused_too(campaign, unit_a, head_a, giay_khen):
    dossier = complete_dossier(campaign, unit_a, head_a, giay_khen)
    nominee = dossier.nominees.first()
    before = (Nominee.objects.count(), DocumentVersion.objects.count(), Registration.objects.count())

    attempts = [
        lambda: dossiers.add_nominee(dossier, award_kind=giay_khen, actor=head_a, staff=head_a.staff, now=MIDNIGHT_AFTER),
        lambda: dossiers.remove_nominee(nominee, actor=head_a, now=MIDNIGHT_AFTER),
        lambda: dossiers.upload_dossier_document(dossier, "proposal_letter", upload(), actor=head_a, now=MIDNIGHT_AFTER),
        lambda: dossiers.upload_achievement_report(nominee, upload(), actor=head_a, now=MIDNIGHT_AFTER),
        lambda: dossiers.upload_unit_plan(campaign, unit_a, upload(), actor=head_a, now=MIDNIGHT_AFTER),
        lambda: dossiers.register(campaign, unit_a, award_kind=giay_khen, actor=head_a, now=MIDNIGHT_AFTER),
    ]
    for attempt in attempts:
        with pytest.raises(TransitionError, match="Đã hết hạn nộp hồ sơ"):
            attempt()
    assert (Nominee.objects.count(), DocumentVersion.objects.count(), Registration.objects.count()) == before


@pytest.mark.django_db
def test_an_extension_lets_that_unit_through_and_not_another(campaign, unit_a, unit_b, head_a, head_b, clerk, giay_khen):
    extended = complete_dossier(campaign, unit_a, head_a, giay_khen)
    other = complete_dossier(campaign, unit_b, head_b, giay_khen)
    extension = dossiers.grant_extension(
        campaign, unit_a, actor=clerk, until=dt.date(2023, 11, 24), reason="Thủ trưởng đi công tác", now=LAST_SECOND,
    )
    assert (extension.until, extension.reason, extension.granted_by) == (
        dt.datetime(2023, 11, 24, 23, 59, 59, 999999, tzinfo=VN), "Thủ trưởng đi công tác", clerk,
    )
    three_days_late = dt.datetime(2023, 11, 23, 15, 0, tzinfo=VN)

    dossiers.submit_dossier(extended, actor=head_a, now=three_days_late)
    with pytest.raises(TransitionError, match="Đã hết hạn nộp hồ sơ"):
        dossiers.submit_dossier(other, actor=head_b, now=three_days_late)

    extended.refresh_from_db(), other.refresh_from_db()
    assert (extended.state, other.state) == (DossierState.SUBMITTED, DossierState.DRAFT)
    # The extension ends too.
    assert deadlines.deadline_passed(campaign, unit_a, dt.datetime(2023, 11, 24, 23, 59, 59, tzinfo=VN)) is False
    assert deadlines.deadline_passed(campaign, unit_a, dt.datetime(2023, 11, 25, 0, 0, 0, tzinfo=VN)) is True


@pytest.mark.django_db
def test_an_extension_needs_a_reason_and_a_day_after_the_deadline(campaign, unit_a, clerk):
    with pytest.raises(ValidationError, match="Hãy ghi lý do gia hạn"):
        dossiers.grant_extension(campaign, unit_a, actor=clerk, until=dt.date(2023, 11, 25), reason=" ", now=LAST_SECOND)
    with pytest.raises(ValidationError, match="Ngày gia hạn phải sau hạn chung"):
        dossiers.grant_extension(campaign, unit_a, actor=clerk, until=dt.date(2023, 11, 20), reason="x", now=LAST_SECOND)
    assert DeadlineExtension.objects.count() == 0


@pytest.mark.django_db
def test_the_page_refuses_a_submission_after_the_deadline_and_accepts_it_at_the_last_second(
    client, campaign, unit_a, head_a, giay_khen, time_machine,
):
    dossier = complete_dossier(campaign, unit_a, head_a, giay_khen)

    time_machine.move_to(MIDNIGHT_AFTER, tick=False)
    client.force_login(head_a)
    late = client.post(reverse("portal:dossier_submit", args=[dossier.pk]), follow=True)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT
    assert [str(m) for m in late.context["messages"]][0].startswith("Đã hết hạn nộp hồ sơ (hạn cuối: 23:59:59 ngày 20/11/2023")
    assert late.context["editable"] is False and "Nộp hồ sơ</button>" not in late.content.decode()

    time_machine.move_to(LAST_SECOND, tick=False)
    client.force_login(head_a)
    client.post(reverse("portal:dossier_submit", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED


@pytest.mark.django_db
def test_home_shows_the_deadline_with_days_left_and_the_extension(client, campaign, unit_a, head_a, clerk, time_machine):
    time_machine.move_to(dt.datetime(2023, 11, 18, 8, 0, tzinfo=VN), tick=False)
    client.force_login(head_a)
    page = client.get(reverse("portal:home")).content.decode()
    assert "23:59 ngày 20/11/2023" in page and "Còn <strong>2</strong> ngày." in page

    time_machine.move_to(dt.datetime(2023, 11, 20, 8, 0, tzinfo=VN), tick=False)
    client.force_login(head_a)  # sessions last 8 hours
    assert "Hôm nay là ngày cuối cùng." in client.get(reverse("portal:home")).content.decode()

    dossiers.grant_extension(campaign, unit_a, actor=clerk, until=dt.date(2023, 11, 27), reason="Bổ sung biên bản")
    page = client.get(reverse("portal:home")).content.decode()
    assert "Còn <strong>7</strong> ngày." in page
    assert "Văn phòng Sở đã gia hạn cho đơn vị đến hết 27/11/2023. Lý do: Bổ sung biên bản" in page
