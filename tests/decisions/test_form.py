"""The form of every document (NĐ 30/2020/NĐ-CP, Phụ lục I), read back from the PDF: page numbers in Arabic
numerals centred in the top margin and none on page 1; the Biên bản numbered; the Quyết định's effect clause;
drafts with no number and an empty date; the margins, header and fonts kept."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from awards.pdf import decision_pdf, minutes_pdf
from awards.services.approval import approve_decision
from awards.services.council import conclude_meeting
from awards.services.decisions import draft_decision, draft_proposal
from tests.decisions.conftest import make_bang_khen_ready, meeting_for, nominate, person, vote_all
from tests.decisions.test_pdf import HEADER, fonts_of, text_of

pytestmark = pytest.mark.django_db
DEC5 = dt.date(2023, 12, 5)
MM = 72 / 25.4
A4_W, A4_H = 210 * MM, 297 * MM
TOP, LEFT, RIGHT = 20 * MM, 30 * MM, 15 * MM  # the template's margins


def placed_text(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    """Per page: (text, x, y) of every text run, in PDF points from the bottom left."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        runs = []

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((text.strip(), x, y))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def assert_page_numbers_top_centre(pdf: bytes):
    pages = placed_text(pdf)
    assert len(pages) >= 2
    in_top_margin = [[(t, x, y) for t, x, y in runs if y > A4_H - TOP] for runs in pages]
    assert in_top_margin[0] == [], in_top_margin[0]  # none on page 1
    centre = LEFT + (A4_W - LEFT - RIGHT) / 2
    for number, runs in enumerate(in_top_margin[1:], start=2):
        assert [t for t, _, _ in runs] == [str(number)], runs
        _, x, y = runs[0]
        assert abs(x + 3 - centre) < 12, (x, centre)  # the glyph is ~6 pt wide
        assert A4_H - TOP < y < A4_H - 5 * MM
    # Nothing at the bottom where the number used to be.
    assert all(not [t for t, _, y in runs if y < 20 * MM] for runs in pages)


def _signed_decision(campaign, giay_khen, clerk, director, gk_world):
    return approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director, signed_on=DEC5)


def test_decision_page_numbers_effect_clause_and_kept_form(gk_world, campaign, giay_khen, clerk, director):
    pdf = decision_pdf(_signed_decision(campaign, giay_khen, clerk, director, gk_world))
    assert_page_numbers_top_centre(pdf)
    text = text_of(pdf)
    assert "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." in text
    for expected in HEADER + ["Số: 01/QĐ-SLĐTBXH"]:
        assert expected in text
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert all(name.startswith("Tinos") for name in fonts_of(pdf))


def test_proposal_and_minutes_have_page_numbers_at_the_top(campaign, bang_khen, giay_khen, clerk, director):
    meeting = meeting_for(campaign)
    nominees = []
    for i in range(14):  # enough lines to run over one page
        staff = person(name=f"Nguyễn Thị Đề Nghị {i:02d}")
        make_bang_khen_ready(staff)
        nominees.append(nominate(campaign, staff=staff, award_kind=bang_khen,
                                 achievement="Chủ trì số hóa hồ sơ, rút ngắn thời gian giải quyết thủ tục hành chính. " * 3))
    vote_all(meeting, nominees)
    conclude_meeting(meeting, conclusion="Hội đồng thống nhất đề nghị.")
    proposal = approve_decision(draft_proposal(campaign, actor=clerk, meeting=meeting), actor=director, signed_on=DEC5)
    assert_page_numbers_top_centre(decision_pdf(proposal))
    minutes = minutes_pdf(meeting)
    assert_page_numbers_top_centre(minutes)
    text = text_of(minutes)
    assert "Số: 01/BB-SLĐTBXH" in text and "Ninh Thuận, ngày 01 tháng 12 năm 2023" in text


def test_a_draft_has_no_number_and_an_empty_date(gk_world, campaign, giay_khen, clerk):
    text = text_of(decision_pdf(draft_decision(campaign, award_kind=giay_khen, actor=clerk)))
    assert "Số: /QĐ-SLĐTBXH" in text
    assert "Ninh Thuận, ngày … tháng … năm …" in text
    assert "(Kèm theo Quyết định số ngày … tháng … năm … của Giám đốc Sở" in text


def test_unconcluded_minutes_print_no_number(campaign):
    text = text_of(minutes_pdf(meeting_for(campaign)))
    assert "Số: /BB-SLĐTBXH" in text
