"""The pages: the council's landing page, the office's meeting record and drafts, the Director's approval on the
page, immutability through the page, certificates for a unit head, and the public verification page."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import Decision, DecisionState, Vote
from awards.services.approval import approve_decision, replace_decision
from awards.services.decisions import draft_decision
from tests.decisions.conftest import meeting_for, person, vote_all
from tests.decisions.test_pdf import pages_of, text_of
from tests.factories import AppraisedNomineeFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db
DEC5 = dt.date(2023, 12, 5)


@pytest.fixture
def approved(gk_world, giay_khen, campaign, clerk, director):
    return approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director, signed_on=DEC5)


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_council_member_sees_the_ranked_list_with_the_votes(client, council_member, gk_world):
    client.force_login(council_member)
    response = client.get(reverse("decisions:council_home"))
    assert response.status_code == 200
    page = response.content.decode()
    for nominee in gk_world["collectives"] + gk_world["individuals"]:
        assert nominee.name in page
    assert "7/7 (100%)" in page and "trên 50% tổng số thành viên Hội đồng" in page


def test_office_records_a_meeting_and_the_votes_on_the_page(client, clerk, campaign, giay_khen, unit_a):
    a = AppraisedNomineeFactory(campaign=campaign, unit=unit_a, award_kind=giay_khen)
    b = AppraisedNomineeFactory(campaign=campaign, staff=person(unit_a, "Hồ Văn Long"), award_kind=giay_khen)
    chair, secretary = person(name="Hà Anh Quang"), person(name="Trần Thị Thu Hà")
    client.force_login(clerk)
    response = client.post(reverse("decisions:meeting_new"), {
        "held_at": "2023-12-01T08:00", "ended_at": "2023-12-01T10:30", "place": "Phòng họp Sở",
        "chair": chair.pk, "secretary": secretary.pk, "secret_ballot": "on",
    })
    meeting = campaign.meetings.get()
    assert response.status_code == 302 and response["Location"] == reverse("decisions:meeting", args=[meeting.pk])
    assert messages_of(client.get(response["Location"])) == ["Đã ghi cuộc họp Hội đồng. Ghi tiếp thành phần dự họp và kết quả biểu quyết."]
    assert (meeting.total_members, meeting.place, meeting.chair, meeting.secret_ballot) == (7, "Phòng họp Sở", chair, True)
    response = client.post(reverse("decisions:votes", args=[meeting.pk]), {
        f"n{a.pk}_for": "5", f"n{a.pk}_against": "2", f"n{b.pk}_for": "6", f"n{b.pk}_against": "3",
    }, follow=True)
    assert list(Vote.objects.values_list("nominee", "votes_for", "votes_against")) == [(a.pk, 5, 2)]
    assert messages_of(response) == [
        "Tổng số phiếu của «Hồ Văn Long» (9) vượt quá tổng số thành viên Hội đồng (7).",
        "Đã ghi kết quả biểu quyết của 1 đối tượng.",
    ]


def test_office_drafts_from_the_page_and_refusals_are_shown(client, clerk, campaign, giay_khen, unit_a):
    client.force_login(clerk)
    response = client.post(reverse("decisions:draft"), {"award_kind": giay_khen.pk}, follow=True)
    assert messages_of(response) == ["Hội đồng Thi đua - Khen thưởng chưa họp xét: chưa thể lập dự thảo."]
    nominee = AppraisedNomineeFactory(campaign=campaign, unit=unit_a, award_kind=giay_khen)
    vote_all(meeting_for(campaign), [nominee])
    response = client.post(reverse("decisions:draft"), {"award_kind": giay_khen.pk})
    decision = Decision.objects.get()
    assert response["Location"] == reverse("decisions:detail", args=[decision.pk])
    assert list(decision.lines.values_list("recipient_name", flat=True)) == ["Phòng Người có công"]


def test_director_approves_on_the_page_and_the_office_cannot(client, clerk, director, gk_world, giay_khen, campaign):
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    client.force_login(clerk)
    assert client.post(reverse("decisions:approve", args=[decision.pk]), {"signed_on": "2023-12-05"}).status_code == 403
    client.force_login(director)
    client.post(reverse("decisions:approve", args=[decision.pk]), {"signed_on": "2023-12-05"})
    decision.refresh_from_db()
    assert (decision.state, decision.number_text, decision.signed_on) == (DecisionState.APPROVED, "01/QĐ-SLĐTBXH", DEC5)


def test_rejection_on_the_page_needs_a_reason(client, clerk, director, gk_world, giay_khen, campaign):
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    client.force_login(director)
    response = client.post(reverse("decisions:reject", args=[decision.pk]), {"reason": " "}, follow=True)
    assert messages_of(response) == ["Phải ghi lý do không phê duyệt."]
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    client.post(reverse("decisions:reject", args=[decision.pk]), {"reason": "Thiếu biên bản"})
    decision.refresh_from_db()
    assert (decision.state, decision.rejection_reason) == (DecisionState.REJECTED, "Thiếu biên bản")


def test_the_page_refuses_to_change_an_approved_decision(client, clerk, approved):
    client.force_login(clerk)
    line = approved.lines.get(order=1)
    before = list(approved.lines.values_list("pk", "recipient_name", "amount"))
    for name, kwargs, data in [
        ("decisions:line_edit", {"pk": approved.pk, "line_pk": line.pk}, {"recipient_name": "Tên khác"}),
        ("decisions:line_remove", {"pk": approved.pk, "line_pk": line.pk}, {}),
        ("decisions:delete", {"pk": approved.pk}, {}),
    ]:
        response = client.post(reverse(name, kwargs=kwargs), data, follow=True)
        assert messages_of(response) == [
            "Quyết định số 01/QĐ-SLĐTBXH đã ký ban hành: không thể sửa hoặc xóa. Muốn đính chính, hãy lập quyết định thay thế."
        ]
    assert list(approved.lines.values_list("pk", "recipient_name", "amount")) == before
    assert Decision.objects.filter(pk=approved.pk, state=DecisionState.APPROVED).exists()


def test_a_unit_head_gets_only_the_certificates_of_their_unit(client, head_a, approved):
    client.force_login(head_a)
    page = client.get(reverse("decisions:certificates")).content.decode()
    assert "Phòng Người có công" in page and "Đặng Thị Hạnh" in page
    assert "Trung tâm Dịch vụ việc làm" not in page and "Bùi Văn Sơn" not in page
    response = client.get(reverse("decisions:certificates_pdf", args=[approved.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"

    pdf = b"".join(response)
    assert len(pages_of(pdf)) == 2
    text = text_of(pdf)
    assert "Phòng Người có công" in text and "Bà Đặng Thị Hạnh" in text and "Bùi Văn Sơn" not in text
    other = approved.lines.get(recipient_name="Bùi Văn Sơn")
    assert client.get(reverse("decisions:certificate_pdf", args=[other.pk])).status_code == 404


def test_verification_of_a_valid_code_shows_name_award_number_date_and_organisation_only(client, approved):
    line = approved.lines.get(order=6)
    response = client.get(reverse("verify:code", args=[line.verify_code.lower()]))
    assert response.status_code == 200
    page = response.content.decode()
    for expected in ["Giấy khen hợp lệ", "Đặng Thị Hạnh", "Giấy khen của Giám đốc Sở", "Số 01/QĐ-SLĐTBXH ngày 05/12/2023",
                     "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Thuận"]:
        assert expected in page
    for private in ["540.000", "Chuyên viên", "Phòng Người có công"]:
        assert private not in page


def test_verification_of_an_unknown_code_says_so(client, approved):
    response = client.get(reverse("verify:code", args=["ZZZZ9999"]))
    assert response.status_code == 404
    assert "Không tìm thấy Giấy khen có mã ZZZZ9999." in response.content.decode()
    response = client.get(reverse("verify:lookup"), {"ma": "zzzz-9999"})
    assert response["Location"] == reverse("verify:code", args=["ZZZZ9999"])


def test_verification_of_a_replaced_decision_says_so(client, approved, clerk, director):
    code = approved.lines.get(order=1).verify_code
    approve_decision(replace_decision(approved, actor=clerk), actor=director, signed_on=dt.date(2023, 12, 8))
    response = client.get(reverse("verify:code", args=[code]))
    assert response.status_code == 410
    page = response.content.decode()
    assert f"Mã {code} thuộc một quyết định đã được thay thế." in page
    assert "Phòng Người có công" not in page


# ------------------------------------------------------------------------------------------- query counts

def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _more_decisions(campaign, giay_khen, clerk, director, n):
    for _ in range(n):
        nominee = AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen)
        meeting = meeting_for(campaign)
        vote_all(meeting, [nominee])
        approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk, meeting=meeting, nominees=[nominee]),
                         actor=director, signed_on=DEC5)


def test_list_pages_make_the_same_number_of_queries_at_one_and_many_rows(client, clerk, director, campaign, giay_khen):
    _more_decisions(campaign, giay_khen, clerk, director, 1)
    client.force_login(clerk)
    urls = [reverse(n) for n in ("decisions:list", "decisions:meetings", "decisions:certificates", "decisions:council_home")]
    meeting = meeting_for(campaign)
    vote_all(meeting, [AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen)])
    decision = Decision.objects.order_by("pk").last()
    urls += [reverse("decisions:meeting", args=[meeting.pk]), reverse("decisions:detail", args=[decision.pk])]
    one = [_count(client, url) for url in urls]
    _more_decisions(campaign, giay_khen, clerk, director, 3)
    for nominee in [AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen) for _ in range(3)]:
        vote_all(meeting, [nominee])
    decision.refresh_from_db()
    many = [_count(client, url) for url in urls]
    assert many == one
