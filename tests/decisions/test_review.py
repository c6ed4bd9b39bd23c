"""The Director's reading before signing (the list with money and words, the PDF preview, the changes since the
last look), and the emails that tell units and awardees once a decision is signed."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import DecisionReading, DecisionState
from awards.services.approval import approve_decision
from awards.services.decisions import draft_decision, remove_line, update_line
from tests.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(gk_world, giay_khen, campaign, clerk):
    return draft_decision(campaign, award_kind=giay_khen, actor=clerk)


def test_the_director_reads_the_list_with_money_and_words_and_the_printed_document(client, director, draft):
    client.force_login(director)
    page = client.get(reverse("decisions:review", args=[draft.pk])).content.decode()
    # Five collectives and five individuals, signed today: 1.410.000 and 710.000 đồng each (NĐ 152/2025).
    assert page.count("1.410.000") == 5 and page.count(">710.000<") == 5
    assert '<th class="num" id="total">10.600.000</th>' in page
    assert "Bằng chữ: Mười triệu sáu trăm nghìn đồng" in page
    assert "Đây là lần đầu bạn xem văn bản này." in page
    assert f'src="{reverse("decisions:preview_pdf", args=[draft.pk])}"' in page
    assert reverse("decisions:minutes_pdf", args=[draft.meeting_id]) in page
    response = client.get(reverse("decisions:preview_pdf", args=[draft.pk]))
    assert (response["Content-Type"], response["X-Frame-Options"]) == ("application/pdf", "SAMEORIGIN")
    assert response["Content-Disposition"].startswith("inline;") and response.content.startswith(b"%PDF")
    # Framed by the application's own pages only, loading nothing; not sandboxed (our own rendering).
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "default-src 'none'" in policy and "sandbox" not in policy


def test_the_review_shows_what_changed_since_the_directors_last_look(client, director, clerk, draft):
    client.force_login(director)
    client.get(reverse("decisions:review", args=[draft.pk]))
    first = DecisionReading.objects.get(decision=draft, user=director)
    lines = list(draft.lines.order_by("order"))
    old_name = lines[0].recipient_name
    update_line(lines[0], actor=clerk, recipient_name="Phòng Người có công (đã sửa)")
    remove_line(lines[-1], actor=clerk)
    page = client.get(reverse("decisions:review", args=[draft.pk])).content.decode()
    assert "So với lần xem lúc" in page
    assert f"Sửa Phòng Người có công (đã sửa): tên: «{old_name}» → «Phòng Người có công (đã sửa)»" in page
    assert f"Bỏ: {lines[-1].recipient_name}" in page
    assert DecisionReading.objects.get(decision=draft, user=director).seen_at > first.seen_at
    page = client.get(reverse("decisions:review", args=[draft.pk])).content.decode()
    assert "Không có thay đổi nào kể từ lần xem lúc" in page


def test_the_director_signs_or_returns_from_the_review_page_and_nobody_else_opens_it(client, director, clerk, draft):
    client.force_login(clerk)
    assert client.get(reverse("decisions:review", args=[draft.pk])).status_code == 404
    client.force_login(director)
    response = client.post(reverse("decisions:review_approve", args=[draft.pk]), {"signed_on": "05/12"}, follow=True)
    assert "Ngày ký không hợp lệ: chọn ngày theo dạng ngày/tháng/năm." in [str(m) for m in response.context["messages"]]
    response = client.post(reverse("decisions:review_reject", args=[draft.pk]), {"reason": " "}, follow=True)
    assert "Phải ghi lý do không phê duyệt." in [str(m) for m in response.context["messages"]]
    draft.refresh_from_db()
    assert draft.state == DecisionState.DRAFT
    client.post(reverse("decisions:review_approve", args=[draft.pk]), {"signed_on": "2023-12-05"})
    draft.refresh_from_db()
    assert (draft.state, draft.signed_on, draft.number_text) == (DecisionState.APPROVED, dt.date(2023, 12, 5), "01/QĐ-SLĐTBXH")


def test_signing_emails_the_unit_heads_and_the_awardees_after_the_commit(
        draft, director, head_a, head_b, gk_world, mailoutbox, django_capture_on_commit_callbacks):
    hanh = gk_world["individuals"][0].staff
    hanh.email = "hanh@example.vn"
    hanh.save()
    with django_capture_on_commit_callbacks() as callbacks:
        approve_decision(draft, actor=director, signed_on=dt.date(2023, 12, 5))
    assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == [
        ("hanh@example.vn", "[Thi đua] Chúc mừng: Giấy khen của Giám đốc Sở theo Quyết định số 01/QĐ-SLĐTBXH ngày 05/12/2023"),
        ("head_a@example.vn", "[Thi đua] Quyết định số 01/QĐ-SLĐTBXH ngày 05/12/2023: khen thưởng của Phòng Người có công"),
        ("head_b@example.vn", "[Thi đua] Quyết định số 01/QĐ-SLĐTBXH ngày 05/12/2023: khen thưởng của Trung tâm Dịch vụ việc làm"),
    ]
    to_a = next(m for m in mailoutbox if m.to == ["head_a@example.vn"])
    assert "Phòng Người có công: 1.080.000 đồng" in to_a.body and "Đặng Thị Hạnh, Chuyên viên: 540.000 đồng" in to_a.body
    to_hanh = next(m for m in mailoutbox if m.to == ["hanh@example.vn"])
    assert "kèm tiền thưởng 540.000 đồng cho Đặng Thị Hạnh" in to_hanh.body


def test_the_dashboard_closing_panel_shows_signed_decisions_awardees_and_money_by_fund(client, clerk, director, draft, gk_world):
    client.force_login(clerk)
    page = client.get(reverse("office:dashboard")).content.decode()
    assert "Chưa có quyết định khen thưởng nào được ký ban hành." in page
    approve_decision(draft, actor=director, signed_on=dt.date(2023, 12, 5))
    page = client.get(reverse("office:dashboard")).content.decode()
    assert f'<a href="{reverse("decisions:detail", args=[draft.pk])}">Quyết định số 01/QĐ-SLĐTBXH</a> ngày 05/12/2023' in page
    assert reverse("decisions:pdf", args=[draft.pk]) in page
    assert '<td class="num">5</td><td class="num">5.400.000</td>' in page   # 5 collectives × 1.080.000
    assert '<td class="num">5</td><td class="num">2.700.000</td>' in page   # 5 individuals × 540.000
    assert '<th class="num" id="closing-total">8.100.000</th>' in page
    assert page.count('rel="noopener">Giấy khen</a>') == 10 and "Danh sách được khen thưởng (10)" in page


def test_the_closing_panel_costs_the_same_queries_for_few_and_many_awardees(client, clerk, director, campaign, giay_khen, gk_world):
    client.force_login(clerk)
    few = draft_decision(campaign, award_kind=giay_khen, actor=clerk, nominees=[gk_world["collectives"][0]])
    approve_decision(few, actor=director, signed_on=dt.date(2023, 12, 5))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("office:dashboard"))
    many = draft_decision(campaign, award_kind=giay_khen, actor=clerk, nominees=gk_world["collectives"][1:5] + gk_world["individuals"][:5])
    approve_decision(many, actor=director, signed_on=dt.date(2023, 12, 6))
    with CaptureQueriesContext(connection) as ten:
        page = client.get(reverse("office:dashboard")).content.decode()
    assert "Danh sách được khen thưởng (10)" in page
    assert len(ten) == len(one)
