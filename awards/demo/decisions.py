"""The demo's "decided" stage: the council meets on 01/12/2023 and votes, the office drafts the Giấy khen decision
from the ranking and the vote and the Tờ trình for Bằng khen, and the Director "giamdoc" signs both on
05/12/2023, so that their PDFs (and the certificates) can be opened at once. Idempotent."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from awards.models import AwardKind, DecisionState, DocumentType, Nominee
from awards.services import approval, council, decisions
from awards.services.legality import choose_award, open_ties, record_tie_break, siblings
from awards.services.ranking import rank_nominees
from awards.services.recompute import scored_nominees
from campaigns.formatting import money
from campaigns.models import Staff

VN = timezone.get_fixed_timezone(7 * 60)
MEETING_AT = dt.datetime(2023, 12, 1, 8, 0, tzinfo=VN)
MEETING_END = dt.datetime(2023, 12, 1, 10, 30, tzinfo=VN)
SIGNED_ON = dt.date(2023, 12, 5)
PLACE = "Phòng họp tầng 2, Sở Lao động - Thương binh và Xã hội"


def _write(stdout, text):
    if stdout is not None:
        stdout.write(text)


def seed(campaign, stdout=None):
    """The council's meeting and vote, and the decision (and the proposal) signed by the Director."""
    if campaign is None:
        return
    if campaign.decisions.filter(doc_type=DocumentType.DECISION, state=DecisionState.APPROVED).exists():
        _write(stdout, "Quyết định khen thưởng minh họa đã có; không tạo lại.")
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["giamdoc", "vanphong", "hoidong"]).select_related("staff")}
    if len(users) < 3 or not scored_nominees(campaign).exists():
        _write(stdout, "Chưa có tài khoản hoặc hồ sơ minh họa đã thẩm định: bỏ qua bước biểu quyết và quyết định.")
        return
    with transaction.atomic():
        meeting = _meeting(campaign, users)
        decision, proposal = _decide(campaign, meeting, users)
    _write(stdout, f"Đã ký {decision} ngày {SIGNED_ON:%d/%m/%Y}: {decision.lines.count()} đối tượng, "
                   f"tổng tiền thưởng {money(decision.total_amount)} đồng.")
    if proposal is not None:
        _write(stdout, f"Đã ký {proposal} ngày {SIGNED_ON:%d/%m/%Y}: {proposal.lines.count()} đối tượng đề nghị Bằng khen.")
    first = decision.lines.order_by("order").first()
    _write(stdout, f"  python manage.py render_decision {decision.number_text} --out quyet-dinh.pdf")
    _write(stdout, f"  python manage.py render_certificates {decision.number} --out giay-khen.pdf")
    _write(stdout, f"  Mã xác minh Giấy khen số sổ vàng {first.order}: {first.verify_code} (trang /xac-minh/{first.verify_code}/)")


def _meeting(campaign, users):
    meeting = campaign.meetings.filter(held_at=MEETING_AT).first()
    if meeting is not None:
        return meeting
    chair, secretary, member = users["giamdoc"].staff, users["vanphong"].staff, users["hoidong"].staff
    others = list(
        Staff.objects.filter(position__startswith="Phó Trưởng phòng", user__isnull=True).order_by("unit__code", "code")
        [: max(campaign.council_size - 3, 0)]
    )
    present, absent = others[:-1], others[-1:]
    meeting = council.record_meeting(
        campaign, held_at=MEETING_AT, ended_at=MEETING_END, place=PLACE, chair=chair, secretary=secretary,
        actor=users["vanphong"], secret_ballot=True, members=[member, *present],
    )
    for person in absent:
        council.set_attendance(meeting, member=person, present=False,
                               written_opinion="Nhất trí với danh sách do Văn phòng Sở trình.")
    n_present = meeting.attendance.filter(present=True).count()
    council.record_ballots(meeting, issued=n_present, returned=n_present, valid=n_present)


    giay_khen = AwardKind.objects.get(code="giay-khen-giam-doc")
    bang_khen = AwardKind.objects.get(code="bang-khen-ubnd-tinh")
    for kind in (giay_khen, bang_khen):
        for target in ("collective", "individual"):
            for r in rank_nominees(campaign, target=target, award_kind=kind):
                votes_for = n_present if r.eligible else 2
                council.record_vote(meeting, nominee=r.nominee, votes_for=votes_for, votes_against=n_present - votes_for)
    _one_award_each(campaign, users["vanphong"], bang_khen)
    _council_ties(meeting, users["vanphong"])
    council.conclude_meeting(
        meeting, ended_at=MEETING_END,
        conclusion="Hội đồng thống nhất đề nghị Giám đốc Sở tặng Giấy khen và trình Chủ tịch UBND tỉnh tặng Bằng khen "
                   "cho các tập thể, cá nhân đạt tỷ lệ phiếu đồng ý theo quy định.",
    )
    return meeting


def _one_award_each(campaign, clerk, bang_khen):
    """One achievement, one award: whoever is nominated for both is proposed for the Bằng khen if eligible for it,
    otherwise for the Giấy khen; the other nomination is set aside with the council's reason."""
    for target in ("collective", "individual"):
        for r in rank_nominees(campaign, target=target, award_kind=bang_khen):
            others = list(siblings(r.nominee))
            if not others:
                continue
            if r.eligible:
                choose_award(r.nominee, actor=clerk, reason="Hội đồng thống nhất trình Chủ tịch UBND tỉnh tặng Bằng khen; "
                                                              "không xét Giấy khen cho cùng thành tích.")
            else:
                choose_award(others[0], actor=clerk, reason="Chưa đủ tiêu chuẩn Bằng khen UBND tỉnh; Hội đồng đề nghị "
                                                            "tặng Giấy khen.")


def _council_ties(meeting, clerk):
    """Every tie at a quota line that the campaign's rule cannot separate: the council discusses and votes among
    those tied; its conclusion (here: the first nominated of them) is recorded with the reason."""
    for tie in open_ties(meeting):
        chosen = sorted(tie["tied"], key=lambda r: r.nominee.pk)[: tie["slots"]]
        names = ", ".join(r.nominee.name for r in chosen)
        record_tie_break(
            meeting, award_kind=tie["award"].award_kind, target=tie["award"].target, actor=clerk,
            chosen=list(Nominee.objects.filter(pk__in=[r.nominee.pk for r in chosen])),
            reason=f"Các đối tượng cùng đạt 100% tiêu chí, cùng hạng và quy tắc xếp hạng không phân định được; Hội đồng "
                   f"thảo luận, biểu quyết chọn {names} (thành tích nổi trội hơn theo báo cáo thành tích), đủ số lượng "
                   "theo Kế hoạch.",
        )


def _decide(campaign, meeting, users):
    office, director = users["vanphong"], users["giamdoc"]
    giay_khen = AwardKind.objects.get(code="giay-khen-giam-doc")
    draft = campaign.decisions.filter(doc_type=DocumentType.DECISION, state=DecisionState.DRAFT).first()
    if draft is None:
        draft = decisions.draft_decision(campaign, award_kind=giay_khen, actor=office, meeting=meeting)
    decision = approval.approve_decision(draft, actor=director, signed_on=SIGNED_ON, notify=False)
    proposal = None
    try:
        proposal = decisions.draft_proposal(campaign, actor=office, meeting=meeting)
    except ValidationError:
        pass
    if proposal is not None:
        proposal = approval.approve_decision(proposal, actor=director, signed_on=SIGNED_ON, notify=False)
    return decision, proposal
