"""The documents, read back: header lines, number, date, every awardee and amount, the total and its words,
and the bundled Tinos font embedded."""

import datetime as dt
import io
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image
from pypdf import PdfReader

from awards.models import DecisionLine
from awards.pdf import certificates_pdf, decision_pdf, minutes_pdf
from awards.pdf.render import font_css
from awards.services.approval import approve_decision, replace_decision
from awards.services.council import set_attendance
from awards.services.decisions import draft_decision, draft_proposal
from campaigns.models import Gender
from tests.decisions.conftest import make_bang_khen_ready, meeting_for, person, vote_all
from tests.factories import AppraisedNomineeFactory, UnitFactory

pytestmark = pytest.mark.django_db
DEC5 = dt.date(2023, 12, 5)
HEADER = [
    "UBND TỈNH NINH THUẬN", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc", "Ninh Thuận, ngày 05 tháng 12 năm 2023",
]


def text_of(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def fonts_of(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or {}
            if descriptor and not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                continue  # not embedded
            names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def pages_of(pdf: bytes):
    return PdfReader(io.BytesIO(pdf)).pages


@pytest.fixture
def approved(gk_world, giay_khen, campaign, clerk, director):
    return approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director, signed_on=DEC5)


def test_decision_pdf_has_the_form_the_list_the_money_and_the_words(approved, gk_world):
    pdf = decision_pdf(approved)
    text = text_of(pdf)
    for expected in HEADER + [
        "Số: 01/QĐ-SLĐTBXH", "QUYẾT ĐỊNH", "Về việc tặng Giấy khen", "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017", "QUYẾT ĐỊNH:", "Điều 1.",
        "05 tập thể và 05 cá nhân", "Điều 2.", "Điều 3.", "Nơi nhận:", "Hà Anh Quang",
        "DANH SÁCH", "(Kèm theo Quyết định số 01/QĐ-SLĐTBXH ngày 05 tháng 12 năm 2023",
        "I TẬP THỂ (05 tập thể)", "II CÁ NHÂN (05 cá nhân)",
        "Tổng cộng 8.100.000", "Bằng chữ: Tám triệu một trăm nghìn đồng",
    ]:
        assert expected in text, expected
    for n in gk_world["collectives"][:5]:
        assert f"{n.unit.name}, Sở Lao động - Thương binh và Xã hội 1.080.000" in text
    for n in gk_world["individuals"][:5]:
        assert f"{n.staff.full_name}, Chuyên viên, {n.staff.unit.name} 540.000" in text
    for n in gk_world["collectives"][5:] + gk_world["individuals"][5:]:
        assert n.name not in text
    assert "mỗi cá nhân được tặng Giấy khen kèm theo tiền thưởng 540.000 đồng" in text
    assert "Tổng số tiền thưởng: 8.100.000 đồng (Bằng chữ: Tám triệu một trăm nghìn đồng)" in text
    assert "DỰ THẢO" not in text
    # The list starts on a new page.
    pages = pages_of(pdf)
    first_list_page = next(i for i, p in enumerate(pages) if "DANH SÁCH" in p.extract_text())
    assert first_list_page >= 1 and "Điều 3." not in pages[first_list_page].extract_text()
    assert fonts_of(pdf) >= {"Tinos", "Tinos-Bold", "Tinos-Italic"}
    assert all(name.startswith("Tinos") for name in fonts_of(pdf))


def test_a_draft_prints_as_a_draft_without_a_number(gk_world, giay_khen, campaign, clerk):
    text = text_of(decision_pdf(draft_decision(campaign, award_kind=giay_khen, actor=clerk)))
    assert "DỰ THẢO" in text and "/QĐ-SLĐTBXH" in text and "Số: 1/" not in text


def test_certificates_one_landscape_page_per_awardee_with_verification(approved, gk_world):
    pdf = certificates_pdf(approved)
    pages = pages_of(pdf)
    assert len(pages) == 10
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in pages)  # A4 landscape
    first = approved.lines.get(order=6)
    text = " ".join(pages[5].extract_text().split())
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH NINH THUẬN", "TẶNG",
        "GIẤY KHEN", "Bà Đặng Thị Hạnh", "Chuyên viên, Phòng Người có công",
        "Đã có thành tích xuất sắc trong phong trào thi đua cải cách hành chính năm 2023",
        "Quyết định số 01/QĐ-SLĐTBXH", "ngày 05/12/2023", "Số sổ vàng: 6", f"Mã xác minh: {first.verify_code}",
        "Ninh Thuận, ngày 05 tháng 12 năm 2023", "GIÁM ĐỐC", "Hà Anh Quang",
    ]:
        assert expected in text, expected
    assert "Tinos-Bold" in fonts_of(pdf)


def test_one_certificate_for_one_awardee(approved):
    line = approved.lines.get(order=1)
    pdf = certificates_pdf(approved, approved.lines.filter(pk=line.pk))
    assert len(pages_of(pdf)) == 1
    assert "Phòng Người có công" in text_of(pdf)


def test_no_certificates_for_a_draft_or_a_replaced_decision(approved, gk_world, clerk, director):

    new = replace_decision(approved, actor=clerk)
    with pytest.raises(ValidationError, match="Chỉ in Giấy khen của quyết định đã ký ban hành"):
        certificates_pdf(new)
    approve_decision(new, actor=director, signed_on=DEC5)
    with pytest.raises(ValidationError):
        certificates_pdf(approved)


def test_emblem_is_printed_once_the_organisation_sets_it(approved, organisation):

    buffer = io.BytesIO()
    Image.new("RGB", (60, 60), (200, 0, 0)).save(buffer, "PNG")
    organisation.emblem.save("quoc-huy.png", ContentFile(buffer.getvalue()))
    pdf = certificates_pdf(approved, approved.lines.filter(order=1))
    page = pages_of(pdf)[0]
    xobjects = page["/Resources"].get("/XObject", {})
    kinds = {x.get_object().get("/Subtype") for x in xobjects.values()}
    assert "/Image" in kinds


def test_proposal_to_the_province_lists_achievement_and_condition(campaign, bang_khen, clerk, director, unit_a):
    ready = person(unit_a, "Phan Thị Lan", Gender.FEMALE, position="Phó Trưởng phòng")
    make_bang_khen_ready(ready)
    nominee = AppraisedNomineeFactory(campaign=campaign, staff=ready, award_kind=bang_khen, achievement="Chủ trì số hóa hồ sơ người có công")
    meeting = meeting_for(campaign)
    vote_all(meeting, [nominee])
    proposal = approve_decision(draft_proposal(campaign, actor=clerk), actor=director, signed_on=DEC5)
    text = text_of(decision_pdf(proposal))
    for expected in HEADER + [
        "Số: 01/TTr-SLĐTBXH", "TỜ TRÌNH", "Kính gửi: Ủy ban nhân dân tỉnh Ninh Thuận (qua Sở Nội vụ).",
        "Bà Phan Thị Lan, Phó Trưởng phòng, Phòng Người có công", "Chủ trì số hóa hồ sơ người có công",
        "Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục (2022, 2023)", "Kính trình UBND tỉnh Ninh Thuận xem xét, quyết định./.",
    ]:
        assert expected in text, expected


def test_minutes_give_votes_as_percentages_of_all_members(campaign, giay_khen):
    meeting = meeting_for(campaign)
    set_attendance(meeting, member=person(name="Võ Văn Vắng"), present=False, written_opinion="Nhất trí với danh sách")
    a = AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen, unit=UnitFactory(name="Phòng Đạt"))
    b = AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen, unit=UnitFactory(name="Phòng Không Đạt"))
    vote_all(meeting, [a], votes_for=5)
    vote_all(meeting, [b], votes_for=3)
    text = text_of(minutes_pdf(meeting))
    for expected in [
        "BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng Sở Lao động - Thương binh và Xã hội",
        "vào lúc 08 giờ 00 phút, ngày 01 tháng 12 năm 2023", "Phòng họp Sở", "Chủ trì: Hà Anh Quang",
        "Thư ký: Trần Thị Thu Hà", "có mặt 2/7 thành viên Hội đồng", "Võ Văn Vắng (có ý kiến bằng văn bản: «Nhất trí với danh sách»)",
        "bỏ phiếu kín", "trên 50% tổng số thành viên Hội đồng",
        "Phòng Đạt Giấy khen 5 (71,43%) 2 (28,57%) 0 Đạt", "Phòng Không Đạt Giấy khen 3 (42,86%) 4 (57,14%) 0 Không đạt",
        "Cuộc họp kết thúc vào lúc 10 giờ 30 phút cùng ngày",
    ]:
        assert expected in text, expected


def test_render_times(approved, capsys):
    """Not a limit, a measurement (reported): one decision, and a batch of 100 certificates in one PDF."""

    decision_pdf(approved)  # warm up: imports, fonts
    start = time.perf_counter()
    decision_pdf(approved)
    one = time.perf_counter() - start
    lines = list(approved.lines.order_by("order")) * 10
    for i, line in enumerate(lines):
        lines[i] = DecisionLine(**{f.attname: getattr(line, f.attname) for f in DecisionLine._meta.concrete_fields})
    start = time.perf_counter()
    pdf = certificates_pdf(approved, lines)
    batch = time.perf_counter() - start
    assert len(pages_of(pdf)) == 100
    with capsys.disabled():
        print(f"\n[measure] decision PDF {one:.2f} s; 100 certificates in one PDF {batch:.2f} s")


def test_a_deputy_signs_on_behalf_of_the_director(gk_world, giay_khen, campaign, clerk, director, organisation):
    organisation.signer_on_behalf, organisation.signer_title, organisation.signer_name = True, "PHÓ GIÁM ĐỐC", "Nguyễn Văn Phó"
    organisation.save()
    decision = approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director, signed_on=DEC5)
    organisation.signer_name = "Người khác"  # later edits of the organisation do not change a signed decision
    organisation.save()
    text = text_of(decision_pdf(decision))
    assert "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI Căn cứ" in text
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Nguyễn Văn Phó" in text and "Người khác" not in text


def test_all_four_tinos_styles_are_declared_from_bundled_files():


    faces = re.findall(r'@font-face \{ font-family: "Tinos"; src: url\("(file://[^"]+)"\) format\("truetype"\); '
                       r'font-weight: (\w+); font-style: (\w+); \}', font_css())
    assert sorted((w, s) for _, w, s in faces) == [("bold", "italic"), ("bold", "normal"), ("normal", "italic"), ("normal", "normal")]
    assert all(Path(unquote(urlsplit(uri).path)).is_file() for uri, _, _ in faces)


def test_importing_the_pdf_package_does_not_load_weasyprint():

    code = ("import django, sys; django.setup(); import awards.pdf, awards.views.decisions; "
            "print('weasyprint' in sys.modules, 'qrcode' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "emulation.settings_test"})
    assert out.stdout.split() == ["False", "False"]
