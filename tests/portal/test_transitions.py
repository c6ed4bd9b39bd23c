"""Each transition is one service, recorded in the audit trail, with Vietnamese refusals; emails go after commit."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from awards.models import DeadlineExtension, DossierState, StateChange
from awards.services import dossiers
from awards.services.transitions import TransitionError, transitions_of
from tests.portal.conftest import BEFORE_DEADLINE
from tests.portal.helpers import complete_dossier


@pytest.fixture
def submitted(campaign, unit_a, head_a, giay_khen):
    dossier = complete_dossier(campaign, unit_a, head_a, giay_khen, staff=[head_a.staff])
    dossiers.submit_dossier(dossier, actor=head_a, now=BEFORE_DEADLINE)
    dossier.refresh_from_db()
    return dossier


@pytest.mark.django_db
def test_a_second_submission_of_the_same_dossier_is_refused(submitted, head_a):
    with pytest.raises(TransitionError) as refused:
        dossiers.submit_dossier(submitted, actor=head_a, now=BEFORE_DEADLINE)
    assert refused.value.messages == [
        "Hồ sơ đã được nộp lúc 09:00:00 ngày 10/11/2023 và đang chờ Văn phòng xem xét; không nộp lại lần nữa."
    ]
    assert [c.to_state for c in transitions_of(submitted)] == ["submitted"]


@pytest.mark.django_db
def test_a_submission_with_a_document_missing_is_refused_and_says_exactly_what(campaign, unit_a, head_a, giay_khen):
    dossier = complete_dossier(campaign, unit_a, head_a, giay_khen)
    dossier.documents.filter(kind="council_minutes").delete()

    with pytest.raises(ValidationError) as refused:
        dossiers.submit_dossier(dossier, actor=head_a, now=BEFORE_DEADLINE)

    assert refused.value.messages == [
        "Hồ sơ chưa đủ nên chưa nộp được:",
        "Thiếu biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị: hãy tải tệp lên.",
    ]
    dossier.refresh_from_db()
    assert (dossier.state, dossier.submitted_at, StateChange.objects.count()) == (DossierState.DRAFT, None, 0)


@pytest.mark.django_db
def test_an_empty_dossier_lists_everything_it_lacks(campaign, unit_a):
    dossier = dossiers.get_or_create_dossier(campaign, unit_a)
    assert [(i.key, i.done) for i in dossiers.dossier_checklist(dossier)] == [
        ("nominees", False), ("proposal_letter", False), ("council_minutes", False),
    ]


@pytest.mark.django_db
def test_submission_records_the_time_and_mails_the_office_after_commit(
    campaign, unit_a, head_a, giay_khen, settings, django_capture_on_commit_callbacks,
):
    settings.OFFICE_EMAILS = ["thidua@example.vn", "vanphong@example.vn"]
    dossier = complete_dossier(campaign, unit_a, head_a, giay_khen)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        change = dossiers.submit_dossier(dossier, actor=head_a, now=BEFORE_DEADLINE)
    assert mail.outbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()

    dossier.refresh_from_db()
    assert (dossier.state, dossier.first_submitted_at, dossier.submitted_at) == ("submitted", BEFORE_DEADLINE, BEFORE_DEADLINE)
    assert (change.from_state, change.to_state, change.actor) == ("draft", "submitted", head_a)
    assert [m.to for m in mail.outbox] == [["thidua@example.vn", "vanphong@example.vn"]]
    assert f"/cchc-2023/don-vi/van-phong/ho-so/{dossier.pk}/" in mail.outbox[0].body


@pytest.mark.django_db
def test_return_and_reject_need_a_reason(submitted, clerk):
    for verb in (dossiers.return_dossier, dossiers.reject_dossier):
        with pytest.raises(ValidationError, match="Hãy ghi lý do"):
            verb(submitted, actor=clerk, reason="  ")
    submitted.refresh_from_db()
    assert submitted.state == DossierState.SUBMITTED


@pytest.mark.django_db
def test_return_resubmit_then_reject_mails_the_unit_head_with_the_reason(
    submitted, clerk, head_a, head_b, django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        dossiers.return_dossier(submitted, actor=clerk, reason="Thiếu chữ ký trên tờ trình.")
        dossiers.submit_dossier(submitted, actor=head_a, now=BEFORE_DEADLINE)
        dossiers.reject_dossier(submitted, actor=clerk, reason="Đơn vị không đủ điều kiện.")

    submitted.refresh_from_db()
    assert submitted.state == DossierState.REJECTED
    unit_mails = [(m.to, m.subject) for m in mail.outbox if m.to == [head_a.email]]
    assert unit_mails == [
        ([head_a.email], f"[Thi đua] Hồ sơ của {submitted.unit} được trả lại để bổ sung"),
        ([head_a.email], f"[Thi đua] Hồ sơ của {submitted.unit} không được tiếp nhận"),
    ]
    assert "Lý do: Thiếu chữ ký trên tờ trình." in mail.outbox[0].body
    assert "Lý do: Đơn vị không đủ điều kiện." in mail.outbox[-1].body
    assert all(head_b.email not in m.to for m in mail.outbox)


@pytest.mark.django_db
def test_a_decided_dossier_cannot_be_decided_again_nor_changed(submitted, clerk, head_a, giay_khen):
    dossiers.accept_dossier(submitted, actor=clerk)
    with pytest.raises(TransitionError, match="Không thể chuyển từ trạng thái «Đã tiếp nhận» sang «Không tiếp nhận»"):
        dossiers.reject_dossier(submitted, actor=clerk, reason="Nhầm")
    with pytest.raises(TransitionError, match="Hồ sơ đang ở trạng thái «Đã tiếp nhận» nên không sửa được"):
        dossiers.add_nominee(submitted, award_kind=giay_khen, actor=head_a, staff=head_a.staff, now=BEFORE_DEADLINE)


@pytest.mark.django_db
def test_while_with_the_office_the_unit_cannot_change_the_dossier(submitted, head_a, giay_khen):
    with pytest.raises(TransitionError, match="Hồ sơ đang ở trạng thái «Đã nộp» nên không sửa được"):
        dossiers.remove_nominee(submitted.nominees.first(), actor=head_a, now=BEFORE_DEADLINE)
    assert submitted.nominees.count() == 2


@pytest.mark.django_db
def test_the_office_reopens_a_returned_dossier_and_may_extend_the_deadline(submitted, clerk, head_a):

    dossiers.return_dossier(submitted, actor=clerk, reason="Bổ sung số liệu")
    change = dossiers.reopen_dossier(submitted, actor=clerk, reason="Đơn vị xin sửa sau hạn", until=dt.date(2023, 11, 30), now=BEFORE_DEADLINE)

    submitted.refresh_from_db()
    assert (submitted.state, change.from_state, change.to_state) == ("draft", "returned", "draft")
    assert list(DeadlineExtension.objects.values_list("unit", "reason")) == [(submitted.unit_id, "Đơn vị xin sửa sau hạn")]
    with pytest.raises(TransitionError):
        dossiers.reopen_dossier(submitted, actor=clerk)
    # Reopened as a draft, the next submission is a first-time state again, while first_submitted_at is kept.
    late = dt.datetime(2023, 11, 28, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    dossiers.submit_dossier(submitted, actor=head_a, now=late)
    submitted.refresh_from_db()
    assert (submitted.state, submitted.first_submitted_at, submitted.submitted_at) == ("submitted", BEFORE_DEADLINE, late)


@pytest.mark.django_db
def test_nominees_must_belong_to_the_unit_and_awards_to_the_campaign(campaign, unit_a, unit_b, head_a, head_b, giay_khen):
    dossier = dossiers.get_or_create_dossier(campaign, unit_a)
    with pytest.raises(ValidationError, match="không thuộc Phòng Người có công"):
        dossiers.add_nominee(dossier, award_kind=giay_khen, actor=head_a, staff=head_b.staff, now=BEFORE_DEADLINE)
    with pytest.raises(ValidationError, match="không phải là Phòng Người có công hay một tập thể trực thuộc"):
        dossiers.add_nominee(dossier, award_kind=giay_khen, actor=head_a, collective=unit_b, now=BEFORE_DEADLINE)
    dossiers.add_nominee(dossier, award_kind=giay_khen, actor=head_a, staff=head_a.staff, now=BEFORE_DEADLINE)
    with pytest.raises(ValidationError, match="đã được đề nghị «Giấy khen» trong hồ sơ này"):
        dossiers.add_nominee(dossier, award_kind=giay_khen, actor=head_a, staff=head_a.staff, now=BEFORE_DEADLINE)
    assert dossier.nominees.count() == 1
