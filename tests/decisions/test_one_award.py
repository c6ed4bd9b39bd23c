"""One achievement, one award; the council's choice at a tie on the quota line; the route of a Bằng khen proposal."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import DecisionLine, ProposalState, StateChange, TieBreak
from awards.pdf import decision_pdf, minutes_pdf
from awards.services.approval import approve_decision
from awards.services.council import record_vote
from awards.services.decisions import draft_decision, draft_proposal
from awards.services.legality import choose_award, record_tie_break, set_bang_khen_route
from campaigns.models import Gender
from tests.decisions.conftest import make_bang_khen_ready, meeting_for, nominate, person, vote_all
from tests.decisions.test_pdf import text_of
from tests.urls import reverse

pytestmark = pytest.mark.django_db
DEC5 = dt.date(2023, 12, 5)
TWICE = ("«Phan Thị Lan» đang được đề nghị cả {a} và {b} cho cùng thành tích: Văn phòng chọn một hình thức («Chọn "
         "hình thức này» tại trang cuộc họp Hội đồng) trước khi lập dự thảo.")


@pytest.fixture
def twice(campaign, giay_khen, bang_khen, unit_a):
    """Phan Thị Lan proposed for both the Giấy khen and the Bằng khen for the same campaign; everybody passed."""
    lan = person(unit_a, "Phan Thị Lan", Gender.FEMALE)
    make_bang_khen_ready(lan)
    gk = nominate(campaign, staff=lan, award_kind=giay_khen)
    bk = nominate(campaign, staff=lan, award_kind=bang_khen)
    other = nominate(campaign, staff=person(name="Lê Văn Hai"), award_kind=giay_khen)
    meeting = meeting_for(campaign)
    vote_all(meeting, [gk, bk, other])
    return {"gk": gk, "bk": bk, "other": other, "meeting": meeting}


def test_drafting_either_refuses_a_nominee_proposed_for_two_awards(twice, campaign, giay_khen, clerk):
    with pytest.raises(ValidationError) as exc:
        draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    assert exc.value.messages == [TWICE.format(a="Giấy khen", b="Bằng khen UBND tỉnh")]
    with pytest.raises(ValidationError) as exc:
        draft_proposal(campaign, actor=clerk)
    assert exc.value.messages == [TWICE.format(a="Bằng khen UBND tỉnh", b="Giấy khen")]


def test_choosing_the_bang_khen_route_removes_her_from_the_giay_khen_list(twice, campaign, giay_khen, clerk, director):
    choose_award(twice["bk"], actor=clerk, reason="Hội đồng đề nghị Bằng khen UBND tỉnh")
    twice["gk"].refresh_from_db()
    assert twice["gk"].proposal_state == ProposalState.WITHDRAWN
    change = StateChange.objects.get(object_id=twice["gk"].pk, to_state="withdrawn")
    assert (change.from_state, change.actor, change.reason) == (
        "proposed", clerk, "Chọn Bằng khen UBND tỉnh cho cùng thành tích: Hội đồng đề nghị Bằng khen UBND tỉnh")
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    assert [line.recipient_name for line in decision.lines.all()] == ["Lê Văn Hai"]
    proposal = draft_proposal(campaign, actor=clerk)
    assert [line.recipient_name for line in proposal.lines.all()] == ["Phan Thị Lan"]
    # And the reverse: the Giấy khen chosen, the Bằng khen set aside — refused while she sits on the Tờ trình draft.
    with pytest.raises(ValidationError, match="«Phan Thị Lan» đang có trong Dự thảo tờ trình"):
        choose_award(twice["gk"], actor=clerk, reason="Đổi ý")
    proposal.lines.all().delete()
    choose_award(twice["gk"], actor=clerk, reason="Hội đồng đề nghị Giấy khen")
    twice["gk"].refresh_from_db(), twice["bk"].refresh_from_db()
    assert (twice["gk"].proposal_state, twice["bk"].proposal_state) == (ProposalState.PROPOSED, ProposalState.WITHDRAWN)
    with pytest.raises(ValidationError, match="Phải ghi lý do"):
        choose_award(twice["bk"], actor=clerk, reason=" ")


def test_approval_and_the_proposal_refuse_a_second_award(campaign, giay_khen, bang_khen, clerk, director, unit_a):
    """A person already on a Giấy khen decision (proposed for Bằng khen only afterwards) is refused by the Tờ trình;
    a draft holding such a person (made before the rule) is refused at approval, naming her."""
    lan = person(unit_a, "Phan Thị Lan", Gender.FEMALE)
    make_bang_khen_ready(lan)
    gk = nominate(campaign, staff=lan, award_kind=giay_khen)
    meeting = meeting_for(campaign)
    vote_all(meeting, [gk])
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    bk = nominate(campaign, staff=lan, award_kind=bang_khen)
    vote_all(meeting, [bk])
    with pytest.raises(ValidationError) as exc:
        draft_proposal(campaign, actor=clerk, nominees=[bk])
    assert exc.value.messages == [
        f"«Phan Thị Lan» đã có trong {decision} (Giấy khen) cho cùng thành tích trong phong trào: mỗi thành tích chỉ "
        "được một hình thức khen thưởng, không thể thêm Bằng khen UBND tỉnh."]
    other = nominate(campaign, staff=person(name="Lê Văn Hai"), award_kind=bang_khen)
    make_bang_khen_ready(other.staff)
    vote_all(meeting, [other])
    proposal = draft_proposal(campaign, actor=clerk, nominees=[other])
    DecisionLine.objects.create(decision=proposal, order=9, nominee=bk, target=bk.target, recipient_name="Phan Thị Lan")
    with pytest.raises(ValidationError) as exc:
        approve_decision(proposal, actor=director, signed_on=DEC5)
    assert exc.value.messages == [
        f"«Phan Thị Lan» đã có trong {decision} (Giấy khen) cho cùng thành tích trong phong trào: mỗi thành tích chỉ "
        "được một hình thức khen thưởng, không thể thêm Bằng khen UBND tỉnh."]


def test_minutes_count_each_nominee_once(twice, campaign):
    text = text_of(minutes_pdf(twice["meeting"]))
    assert "Có 02 tập thể, cá nhân đạt tỷ lệ phiếu đồng ý theo quy định (mỗi tập thể, cá nhân tính một lần)." in text


@pytest.fixture
def tie(campaign, giay_khen, unit_a):
    """Six men of one unit (one dossier, one submission time): all meet every criterion and share rank 1; the quota
    of individuals is 05."""
    people = [nominate(campaign, staff=person(unit_a, f"Trần Văn Bằng {i}"), award_kind=giay_khen) for i in range(1, 7)]
    meeting = meeting_for(campaign)
    vote_all(meeting, people)
    return {"people": people, "meeting": meeting}


def test_a_tie_at_the_line_waits_for_the_council_then_the_draft_follows_it(tie, campaign, giay_khen, clerk):
    names = ", ".join(f"«Trần Văn Bằng {i}»" for i in range(1, 6)) + " và «Trần Văn Bằng 6»"
    with pytest.raises(ValidationError) as exc:
        draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    assert exc.value.messages == [
        f"{names} cùng hạng 1 ở ranh giới số lượng 05 cá nhân (còn 05 suất) và quy tắc xếp hạng không phân định được: "
        "Văn phòng ghi kết luận của Hội đồng (ai được chọn, lý do) tại trang cuộc họp Hội đồng rồi lập lại dự thảo."]
    people = tie["people"]
    with pytest.raises(ValidationError, match="chọn đúng 05 trong 06 đối tượng cùng hạng"):
        record_tie_break(tie["meeting"], award_kind=giay_khen, target="individual", chosen=people[:6],
                         reason="Hội đồng biểu quyết", actor=clerk)
    chosen = people[1:]
    record_tie_break(tie["meeting"], award_kind=giay_khen, target="individual", chosen=chosen,
                     reason="Hội đồng biểu quyết lần hai: ông Trần Văn Bằng 1 đã được khen năm 2022", actor=clerk)
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    assert [line.nominee_id for line in decision.lines.order_by("order")] == [n.pk for n in chosen]
    text = text_of(minutes_pdf(tie["meeting"]))
    assert ("Hội đồng kết luận chọn: Trần Văn Bằng 2; Trần Văn Bằng 3; Trần Văn Bằng 4; Trần Văn Bằng 5; Trần Văn "
            "Bằng 6. Lý do: Hội đồng biểu quyết lần hai: ông Trần Văn Bằng 1 đã được khen năm 2022") in text


def test_a_later_change_of_votes_clears_the_councils_choice(tie, campaign, giay_khen, clerk):
    people = tie["people"]
    record_tie_break(tie["meeting"], award_kind=giay_khen, target="individual", chosen=people[:5],
                     reason="Hội đồng biểu quyết", actor=clerk)
    record_vote(tie["meeting"], nominee=people[0], votes_for=7)  # the same vote: nothing changes
    assert TieBreak.objects.count() == 1
    record_vote(tie["meeting"], nominee=people[0], votes_for=6, votes_against=1)
    assert TieBreak.objects.count() == 0
    with pytest.raises(ValidationError, match="cùng hạng 1 ở ranh giới số lượng 05 cá nhân"):
        draft_decision(campaign, award_kind=giay_khen, actor=clerk)


def test_the_office_records_the_tie_on_the_meeting_page(tie, client, clerk, campaign, giay_khen):
    client.force_login(clerk)
    url = reverse("decisions:meeting", args=[tie["meeting"].pk])
    ties_url = reverse("decisions:meeting_ties", args=[tie["meeting"].pk])
    assert f'hx-get="{ties_url}" hx-trigger="load"' in client.get(url).content.decode()  # loaded once the page shows
    fragment = client.get(ties_url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<section id="bang-hang">') and "<html" not in fragment
    assert "Bằng hạng ở ranh giới số lượng" in fragment and "còn 05 suất cho 6 đối tượng cùng hạng 1" in fragment
    assert fragment.count('name="chosen"') == 6
    page = client.get(ties_url).content.decode()  # without JavaScript: a page of its own
    assert "<html" in page and "còn 05 suất cho 6 đối tượng cùng hạng 1" in page
    response = client.post(reverse("decisions:tie_break", args=[tie["meeting"].pk]), {
        "award_kind": giay_khen.pk, "target": "individual", "reason": "Kết luận của Hội đồng",
        "chosen": [n.pk for n in tie["people"][:5]],
    }, follow=True)
    assert "Đã ghi kết luận của Hội đồng đối với các đối tượng cùng hạng." in response.content.decode()
    record = TieBreak.objects.get()
    assert (sorted(record.chosen.values_list("pk", flat=True)), record.reason, record.recorded_by) == (
        sorted(n.pk for n in tie["people"][:5]), "Kết luận của Hội đồng", clerk)
    assert len(draft_decision(campaign, award_kind=giay_khen, actor=clerk).lines.all()) == 5


def test_the_office_chooses_the_award_on_the_meeting_page(twice, client, clerk):
    client.force_login(clerk)
    url = reverse("decisions:meeting", args=[twice["meeting"].pk])
    assert "Mỗi thành tích một hình thức khen thưởng" in client.get(url).content.decode()
    response = client.post(reverse("decisions:choose_award", args=[twice["meeting"].pk]),
                           {"nominee": twice["bk"].pk, "reason": "Hội đồng đề nghị Bằng khen"}, follow=True)
    assert "Đã chọn Bằng khen UBND tỉnh cho «Phan Thị Lan»; hình thức còn lại không xét." in response.content.decode()
    twice["gk"].refresh_from_db()
    assert twice["gk"].proposal_state == ProposalState.WITHDRAWN


def test_bang_khen_for_an_outstanding_achievement_in_the_campaign(campaign, bang_khen, clerk, director, client):
    """Not two years HTXSNV with initiatives: the office picks the campaign route and the Tờ trình says so."""
    newcomer = nominate(campaign, staff=person(name="Đỗ Thị Mới", gender=Gender.FEMALE), award_kind=bang_khen)
    meeting = meeting_for(campaign)
    vote_all(meeting, [newcomer])
    with pytest.raises(ValidationError, match="Không có đối tượng nào đủ điều kiện đề nghị Bằng khen UBND tỉnh"):
        draft_proposal(campaign, actor=clerk)
    client.force_login(clerk)
    client.post(reverse("decisions:bang_khen_route", args=[meeting.pk]),
                {"nominee": newcomer.pk, "route": "campaign", "reason": "Thành tích tiêu biểu của phong trào"})
    change = StateChange.objects.get(object_id=newcomer.pk, to_state="campaign")
    assert (change.from_state, change.reason, change.actor) == ("two_years", "Thành tích tiêu biểu của phong trào", clerk)
    proposal = approve_decision(draft_proposal(campaign, actor=clerk), actor=director, signed_on=DEC5)
    text = text_of(decision_pdf(proposal))
    assert ("Thành tích xuất sắc được bình xét trong phong trào thi đua năm 2023: đạt các tiêu chí của phong trào, "
            "được Hội đồng Thi đua - Khen thưởng Sở đề nghị → Đủ điều kiện") in text
    set_bang_khen_route(newcomer, route="two_years", actor=clerk)
    with pytest.raises(ValidationError, match="không hợp lệ"):
        set_bang_khen_route(newcomer, route="xyz", actor=clerk)


def test_only_the_office_records_the_councils_choices(twice, tie, council_member, director, giay_khen):
    for actor in (council_member, director):
        with pytest.raises(PermissionDenied, match="Chỉ Văn phòng Sở được chọn hình thức khen thưởng"):
            choose_award(twice["bk"], actor=actor, reason="Kết luận")
        with pytest.raises(PermissionDenied, match="Chỉ Văn phòng Sở được chọn căn cứ đề nghị Bằng khen"):
            set_bang_khen_route(twice["bk"], route="campaign", actor=actor)
        with pytest.raises(PermissionDenied, match="Chỉ Văn phòng Sở được ghi kết luận của Hội đồng khi bằng hạng"):
            record_tie_break(tie["meeting"], award_kind=giay_khen, target="individual", chosen=tie["people"][:5],
                             reason="Kết luận", actor=actor)
    assert not TieBreak.objects.exists() and twice["gk"].proposal_state == ProposalState.PROPOSED
