"""seed_demo --stage decided takes the demo to an approved decision signed in December 2023; run again, nothing
changes."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from awards.models import Decision, DecisionState, DocumentRegister, TieBreak, Vote
from awards.pdf import certificates_pdf, decision_pdf, minutes_pdf
from tests.decisions.test_pdf import text_of

pytestmark = pytest.mark.django_db


def test_decided_stage_gives_a_signed_decision_and_is_idempotent():
    out = StringIO()
    call_command("seed_demo", "--stage", "decided", stdout=out)
    decision = Decision.objects.get(doc_type="QĐ")
    assert (decision.state, decision.number_text, decision.signed_on, decision.decided_by.username) == (
        DecisionState.APPROVED, "01/QĐ-SLĐTBXH", dt.date(2023, 12, 5), "giamdoc")
    assert decision.lines.filter(target="collective").count() <= 5
    assert decision.lines.filter(target="individual").count() <= 5
    assert decision.total_amount == sum(decision.lines.values_list("amount", flat=True))
    assert "Đã ký Quyết định số 01/QĐ-SLĐTBXH ngày 05/12/2023" in out.getvalue()
    meeting = decision.meeting
    assert meeting.attendance.filter(present=False).exclude(written_opinion="").exists()
    assert Vote.objects.filter(meeting=meeting).count() > decision.lines.count()
    text = text_of(decision_pdf(decision))
    assert "ngày 05 tháng 12 năm 2023" in text and decision.lines.first().recipient_name in text
    assert "…" not in text
    assert certificates_pdf(decision, decision.lines.filter(order=1))
    # One achievement, one award: nobody is both in the Giấy khen decision and in the Tờ trình for Bằng khen.
    proposal = Decision.objects.get(doc_type="TTr", state=DecisionState.APPROVED)
    subjects = {(line.target, line.nominee.staff_id or line.nominee.unit_id) for line in decision.lines.all()}
    assert proposal.lines.exists()
    assert not subjects & {(line.target, line.nominee.staff_id or line.nominee.unit_id) for line in proposal.lines.all()}
    # A tie at the quota line, decided by the council, printed in the Biên bản; the decision follows it.
    tie = TieBreak.objects.get(meeting=meeting)
    chosen = set(tie.chosen.values_list("pk", flat=True))
    left_out = set(tie.tied.values_list("pk", flat=True)) - chosen
    lines = set(decision.lines.values_list("nominee_id", flat=True))
    assert left_out and chosen <= lines and not left_out & lines
    minutes = text_of(minutes_pdf(meeting))
    assert "Số: 01/BB-SLĐTBXH" in minutes and "Hội đồng kết luận chọn:" in minutes and "…" not in minutes

    snapshot = (list(Decision.objects.values_list("pk", "state", "number_text", "total_amount")),
                Vote.objects.count(), list(DocumentRegister.objects.values_list("doc_type", "last_number")))
    out = StringIO()
    call_command("seed_demo", "--stage", "decided", stdout=out)
    assert "Quyết định khen thưởng minh họa đã có; không tạo lại." in out.getvalue()
    assert snapshot == (list(Decision.objects.values_list("pk", "state", "number_text", "total_amount")),
                        Vote.objects.count(), list(DocumentRegister.objects.values_list("doc_type", "last_number")))


def test_other_stages_leave_decisions_alone():
    call_command("seed_demo", "--stage", "scored", stdout=StringIO())
    assert not Decision.objects.exists()
    assert not Vote.objects.exists()
