"""Grounds follow the signing date: the law and the detailing decree in force on that day (every boundary of every
law and decree, the switch of law on 01/01/2024), the base-salary decree of the money, and never "…" once signed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from awards.models import DocumentType, LegalBasis
from awards.pdf import decision_pdf, minutes_pdf
from awards.services.approval import approve_decision
from awards.services.council import conclude_meeting
from awards.services.decisions import draft_decision, draft_proposal
from awards.services.grounds import grounds_for
from awards.services.money import base_salary_on, legal_basis_on
from tests.decisions.conftest import VN, make_bang_khen_ready, meeting_for, nominate, person, vote_all
from tests.decisions.test_pdf import text_of

pytestmark = pytest.mark.django_db
D = dt.date
OLD_LAW = ("Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
           "Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013")
NEW_LAW = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
ND91 = ("Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều "
        "của Luật Thi đua, khen thưởng")
ND98 = ("Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều "
        "của Luật Thi đua, khen thưởng")
ND152 = ("Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong "
         "lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng")

# (day, law, decree, base-salary decree): the day before and the day of every change.
BOUNDARIES = [
    (D(2019, 1, 2), OLD_LAW, ND91, None),
    (D(2019, 6, 30), OLD_LAW, ND91, None),
    (D(2019, 7, 1), OLD_LAW, ND91, "38/2019/NĐ-CP"),
    (D(2023, 6, 30), OLD_LAW, ND91, "38/2019/NĐ-CP"),
    (D(2023, 7, 1), OLD_LAW, ND91, "24/2023/NĐ-CP"),
    (D(2023, 12, 31), OLD_LAW, ND91, "24/2023/NĐ-CP"),
    (D(2024, 1, 1), NEW_LAW, ND98, "24/2023/NĐ-CP"),
    (D(2024, 6, 30), NEW_LAW, ND98, "24/2023/NĐ-CP"),
    (D(2024, 7, 1), NEW_LAW, ND98, "73/2024/NĐ-CP"),
    (D(2025, 6, 30), NEW_LAW, ND98, "73/2024/NĐ-CP"),
    (D(2025, 7, 1), NEW_LAW, ND152, "73/2024/NĐ-CP"),
    (D(2026, 11, 30), NEW_LAW, ND152, "73/2024/NĐ-CP"),
]


@pytest.mark.parametrize("day, law, decree, salary_decree", BOUNDARIES, ids=[str(b[0]) for b in BOUNDARIES])
def test_law_decree_and_base_salary_in_force_on_each_boundary(campaign, day, law, decree, salary_decree):
    for doc_type in (DocumentType.DECISION, DocumentType.PROPOSAL, DocumentType.MINUTES):
        texts = [g.text for g in grounds_for(doc_type, campaign=campaign, day=day)]
        assert texts[:2] == [law, decree], (doc_type, day)
        repealed = {OLD_LAW, NEW_LAW, ND91, ND98, ND152} - {law, decree}
        assert not repealed & set(texts)
    assert legal_basis_on(day).code == decree.split()[3]
    if salary_decree is None:
        with pytest.raises(ValidationError, match="Chưa có mức lương cơ sở"):
            base_salary_on(day)
    else:
        assert base_salary_on(day).legal_document.code == salary_decree


def test_the_table_holds_the_real_documents_with_what_they_replace(campaign):
    rows = {b.code: b for b in LegalBasis.objects.select_related("replaces", "amends")}
    assert {code: (b.issued_on, b.valid_from, b.valid_to, b.replaces.code if b.replaces else None)
            for code, b in rows.items()} == {
        "15/2003/QH11": (D(2003, 11, 26), D(2004, 7, 1), D(2023, 12, 31), None),
        "47/2005/QH11": (D(2005, 6, 14), D(2005, 6, 14), D(2023, 12, 31), None),
        "39/2013/QH13": (D(2013, 11, 16), D(2014, 6, 1), D(2023, 12, 31), None),
        "06/2022/QH15": (D(2022, 6, 15), D(2024, 1, 1), None, "15/2003/QH11"),
        "91/2017/NĐ-CP": (D(2017, 7, 31), D(2017, 10, 1), D(2023, 12, 31), None),
        "98/2023/NĐ-CP": (D(2023, 12, 31), D(2024, 1, 1), D(2025, 6, 30), "91/2017/NĐ-CP"),
        "152/2025/NĐ-CP": (D(2025, 6, 14), D(2025, 7, 1), None, "98/2023/NĐ-CP"),
        "38/2019/NĐ-CP": (D(2019, 5, 9), D(2019, 7, 1), D(2023, 6, 30), None),
        "24/2023/NĐ-CP": (D(2023, 5, 14), D(2023, 7, 1), D(2024, 6, 30), "38/2019/NĐ-CP"),
        "73/2024/NĐ-CP": (D(2024, 6, 30), D(2024, 7, 1), None, "24/2023/NĐ-CP"),
    }
    assert rows["47/2005/QH11"].amends.code == rows["39/2013/QH13"].amends.code == "15/2003/QH11"


def test_the_office_edits_the_table_and_grounds_follow(campaign):
    """A new decree entered by the office in the admin is cited from its first day; the old one until the day before."""
    LegalBasis.objects.filter(code="152/2025/NĐ-CP").update(valid_to=D(2026, 6, 30))
    LegalBasis.objects.create(code="999/2026/NĐ-CP", kind="decree", role="emulation_decree", issuer="Chính phủ",
                              title="quy định chi tiết Luật Thi đua, khen thưởng", issued_on=D(2026, 6, 1),
                              valid_from=D(2026, 7, 1), collective_rule="own")
    assert grounds_for(DocumentType.DECISION, campaign=campaign, day=D(2026, 6, 30))[1].text.startswith("Nghị định số 152/2025")
    assert grounds_for(DocumentType.DECISION, campaign=campaign, day=D(2026, 7, 1))[1].text.startswith(
        "Nghị định số 999/2026/NĐ-CP ngày 01 tháng 6 năm 2026 của Chính phủ")


def _world(campaign, award_kind, bang_khen, day):
    """A meeting the day before `day`, concluded; one Giấy khen nominee of each target and one person proposed for
    Bằng khen (another person: one achievement, one award), all passed."""
    held = dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=VN) - dt.timedelta(days=1)
    meeting = meeting_for(campaign, held_at=held)
    staff = person(name="Phan Thị Lan")
    make_bang_khen_ready(staff)
    nominees = [nominate(campaign, award_kind=award_kind, name="Phòng Thử Nghiệm"), nominate(campaign, staff=staff, award_kind=award_kind)]
    other = person(name="Lê Văn Khác")
    make_bang_khen_ready(other)
    nominees.append(nominate(campaign, award_kind=bang_khen, staff=other))
    vote_all(meeting, nominees)
    conclude_meeting(meeting, conclusion="Hội đồng thống nhất danh sách.")
    return meeting, nominees


SIGNING_DAYS = [D(2019, 8, 5), D(2023, 12, 5), D(2024, 1, 3), D(2025, 7, 2), D(2026, 11, 27)]


@pytest.mark.parametrize("day", SIGNING_DAYS, ids=str)
def test_signed_documents_cite_what_is_in_force_and_never_a_placeholder(campaign, giay_khen, bang_khen, clerk, director, day):
    law, decree = next((b[1], b[2]) for b in reversed(BOUNDARIES) if b[0] <= day)
    if day < campaign.plan_date:  # a campaign of that year: its plan and grounds are older than the signing
        campaign.plan_date = day - dt.timedelta(days=90)
        campaign.save()
        campaign.grounds.exclude(reference__contains="NĐ-CP").update(issued_on=day - dt.timedelta(days=120))
    meeting, nominees = _world(campaign, giay_khen, bang_khen, day)
    decision = approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk, meeting=meeting),
                                actor=director, signed_on=day)
    proposal = approve_decision(draft_proposal(campaign, actor=clerk, meeting=meeting), actor=director, signed_on=day)
    held = timezone.localtime(meeting.held_at).date()
    for pdf, kind in ((decision_pdf(decision), "QĐ"), (decision_pdf(proposal), "TTr"), (minutes_pdf(meeting), "BB")):
        text = text_of(pdf)
        assert f"Căn cứ {law};" in text and f"Căn cứ {decree};" in text, kind
        assert "…" not in text and "..." not in text, kind
        for repealed in {OLD_LAW, NEW_LAW, ND91, ND98, ND152} - {law, decree}:
            assert repealed not in text, (kind, repealed)
        if kind != "BB":
            assert ("Căn cứ Quyết định số 44/2016/QĐ-UBND ngày 25 tháng 7 năm 2016 của Ủy ban nhân dân tỉnh Ninh Thuận "
                    "quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Lao động - Thương binh và Xã hội "
                    "tỉnh Ninh Thuận;") in text
            assert f"Kế hoạch số 1056/KH-SLĐTBXH ngày {campaign.plan_date.day:02d} tháng {campaign.plan_date.month}" in text
            assert f"Biên bản số 01/BB-SLĐTBXH ngày {held:%d} tháng" in text
    assert decision.legal_basis.code == decree.split()[3]
