"""The whole campaign in a real browser: a unit head registers, uploads the plan and a complete dossier and
submits; another unit head cannot reach it; the office returns it with a reason; the unit fixes and resubmits;
the office accepts and scores; three council members vote on their own pages (a secret ballot) and the minutes
show the tally; the office drafts the decision; the director reads it (the document as printed, the money) and
signs, and the unit and the awardee are emailed; the decision and the certificates download and their text holds the right names, number and
amounts. A screenshot of every step is saved under test-results/e2e/."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone

from awards.models import Ballot, BallotCast, CouncilMeeting, Decision, DocumentVersion
from campaigns.models import AnnualRating, IndicatorRecord, Initiative, Rating
from tests.conftest import PASSWORD
from tests.signing.images import seal_png, signature_png
from tests.signing.pki import PASSPHRASE, start_pki
from tests.urls import reverse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_file(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


class Actor:
    """One person in their own browser context (their own cookies), logged in through the login page."""

    def __init__(self, browser, context_args, base_url, user):
        self.context = browser.new_context(**context_args)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.user = user

    def go(self, url_name_or_path, *args, **kwargs):
        path = url_name_or_path if url_name_or_path.startswith("/") else reverse(url_name_or_path, args=args, kwargs=kwargs)
        return self.page.goto(self.base_url + path)

    def log_in(self):
        self.go("login")
        self.page.fill("#id_username", self.user.username)
        self.page.fill("#id_password", PASSWORD)
        self.page.get_by_role("button", name="Đăng nhập").click()
        self.page.wait_for_load_state()
        return self

    def text(self):
        return re.sub(r"\s+", " ", self.page.inner_text("body"))

    def close(self):
        self.context.close()


def pdf_text(data):
    from pypdf import PdfReader  # noqa: PLC0415 — loaded only when the demo's PDFs are built

    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))


@pytest.fixture
def records(campaign, unit_a, staff_user):
    """The office's records for 2023 (what an Excel import brings): the unit's and the person's ratings and
    initiatives, and the unit's indicator data, so that every measured criterion can be decided from data."""

    year = campaign.year
    for subject in ({"unit": unit_a}, {"staff": staff_user.staff}):
        AnnualRating.objects.create(year=year, rating=Rating.EXCELLENT, source="QĐ xếp loại 2023", **subject)
        Initiative.objects.create(year=year, title="Số hóa hồ sơ người có công", decision_ref="QĐ 12/QĐ-HĐSK", **subject)
    IndicatorRecord.objects.create(
        unit=unit_a, year=year, capital_allocated=0, online_dossiers=620, total_dossiers=1000,
        online_target_percent=50, late_dossiers=0, backlog_dossiers=0, inspection_result="tot", ddci_score=82,
        ddci_score_last=78, ddci_rank=3, ddci_rank_last=5, capital_source="Báo cáo KH-TC", online_source="Cổng DVC",
    )


@pytest.fixture
def campaign_now(campaign):
    """The 2023 plan, its deadlines moved to come after today (as the office would set them for a live
    campaign): the dossier deadline in 10 days, the decision deadline in 40."""
    today = timezone.localdate()
    campaign.dossier_deadline = today + dt.timedelta(days=10)
    campaign.period_end = today + dt.timedelta(days=20)
    campaign.decision_deadline = today + dt.timedelta(days=40)
    campaign.save()
    return campaign


def test_the_whole_campaign_in_a_browser(
    live_server, browser, browser_context_args, shot, campaign_now, records, clerk, head_a, head_b, director,
    council_member, staff_user, mailoutbox,
):
    url = live_server.url

    def actor(user):
        return Actor(browser, browser_context_args, url, user).log_in()

    # 1. The unit head logs in and lands on the unit's home page.
    unit_head = actor(head_a)
    assert unit_head.page.url == url + reverse("portal:home")
    assert "Phòng Người có công" in unit_head.text()
    shot(unit_head.page, "unit head home")

    # 2. Registers the unit for the campaign.
    unit_head.go("portal:registration")
    unit_head.page.locator("form:has(input[name=which][value=unit]) button[type=submit]").click()
    unit_head.page.wait_for_load_state()
    shot(unit_head.page, "unit registered")

    # 3. Uploads the unit's own emulation plan.
    unit_head.go("portal:plan")
    unit_head.page.set_input_files("input[type=file][name=file]", pdf_file("Kế hoạch thi đua 2023.pdf"))
    unit_head.page.get_by_role("button", name="Tải lên").click()
    unit_head.page.wait_for_load_state()
    assert "Kế hoạch thi đua 2023.pdf" in unit_head.text()
    shot(unit_head.page, "unit plan uploaded")

    # 4. Builds the dossier: the unit as a collective, one individual, the letter, the minutes, the reports.
    unit_head.go("portal:dossier_current")
    page = unit_head.page
    dossier_url = page.url
    page.locator("form[action$='/tap-the/'] button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("form[action$='/ca-nhan/'] select[name$=staff]").select_option(label="Võ Thị Mai – Chuyên viên")
    page.locator("form[action$='/ca-nhan/'] button[type=submit]").click()
    page.wait_for_load_state()
    for kind, name in [("proposal_letter", "Tờ trình đề nghị khen thưởng.pdf"), ("council_minutes", "Biên bản họp Hội đồng.pdf")]:
        form = page.locator(f"form[action$='/van-ban/{kind}/']")
        form.locator("input[type=file]").set_input_files(pdf_file(name))
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
    while page.locator("form[action$='/bao-cao/']:has(button:text('Tải lên'))").count():
        form = page.locator("form[action$='/bao-cao/']:has(button:text('Tải lên'))").first
        form.locator("input[type=file]").set_input_files(pdf_file("Báo cáo thành tích.pdf"))
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
    shot(page, "dossier complete")

    # 5. Submits.
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_load_state()
    assert "Đã nộp" in unit_head.text()
    shot(page, "dossier submitted")

    # 6. Another unit's head cannot reach it (404), nor its files.
    outsider = actor(head_b)
    response = outsider.go(dossier_url.removeprefix(url))
    assert response.status == 404

    version = DocumentVersion.objects.filter(document__unit=head_a.staff.unit).first()
    assert outsider.go("files:version", version.pk).status == 404
    shot(outsider.page, "another unit head gets 404")
    outsider.close()

    # 7. The office returns it with a reason.
    office = actor(clerk)
    assert office.page.url == url + reverse("office:dashboard")
    assert office.page.inner_text("#stage-submitted .big") == "1"
    assert office.page.inner_text("#missing-submitted") == "Chưa nộp hồ sơ: 2"  # unit B and the office's own unit
    shot(office.page, "office dashboard")
    office.go("portal:office_dossiers")
    office.page.get_by_role("link", name=re.compile("Phòng Người có công")).first.click()
    office.page.wait_for_load_state()
    office_dossier_url = office.page.url
    reason = "Tờ trình chưa có chữ ký của Thủ trưởng đơn vị; đề nghị ký, đóng dấu và tải lên lại."
    office.page.fill("form[action$='/tra-lai/'] textarea[name$=reason]", reason)
    office.page.locator("form[action$='/tra-lai/'] button[type=submit]").click()
    office.page.wait_for_load_state()
    assert "Trả lại để bổ sung" in office.text()
    shot(office.page, "office returns the dossier")

    # 8. The unit sees the reason, replaces the letter and resubmits.
    unit_head.go("portal:home")
    assert reason in unit_head.text()
    shot(unit_head.page, "unit head sees the reason")
    unit_head.page.goto(dossier_url)
    form = unit_head.page.locator("form[action$='/van-ban/proposal_letter/']")
    form.locator("input[type=file]").set_input_files(pdf_file("Tờ trình đã ký.pdf"))
    form.locator("button[type=submit]").click()
    unit_head.page.wait_for_load_state()
    unit_head.page.get_by_role("button", name="Nộp lại hồ sơ").click()
    unit_head.page.wait_for_load_state()
    assert "Đã nộp lại" in unit_head.text()
    shot(unit_head.page, "dossier resubmitted")

    # 9. The office accepts it.
    office.page.goto(office_dossier_url)
    office.page.locator("form[action$='/tiep-nhan/'] button[type=submit]").click()
    office.page.wait_for_load_state()
    assert "Đã tiếp nhận" in office.text()
    shot(office.page, "office accepts the dossier")

    # 10. The office scores: results computed from the records; the office attests what only it can judge.
    office.go("scoring:grid")
    if office.page.get_by_role("button", name="Tính kết quả ngay").count():
        office.page.get_by_role("button", name="Tính kết quả ngay").click()
        office.page.wait_for_load_state()
    for target in ("collective", "individual"):
        office.go("/cchc-2023/cham-diem/?target=" + target)
        pending = office.page.locator("td.score-cell:has(.badge:text('Chờ xác nhận')):not(.decided)")
        while pending.count():
            cell = pending.first
            cell_id = cell.get_attribute("id")
            cell.locator("select[name=outcome]").select_option("met")
            cell.locator("input[name=reason]").fill("Văn phòng đã kiểm tra báo cáo năm 2023 của đơn vị")
            cell.get_by_role("button", name="Lưu").click()
            office.page.locator(f"#{cell_id}.decided").wait_for()
        assert pending.count() == 0
        shot(office.page, f"office scores {target}s")
    office.go("/cchc-2023/cham-diem/xep-hang/?target=collective")
    assert "Phòng Người có công" in office.text()
    shot(office.page, "ranking collectives")
    office.go("/cchc-2023/cham-diem/xep-hang/?target=individual")
    assert "Võ Thị Mai" in office.text()
    shot(office.page, "ranking individuals")

    # 11. The council: its members see the appraised list; the office records the meeting and the members present.
    campaign_now.council_size = 5  # the tally counts against all five members, not the three present
    campaign_now.save()
    member = actor(council_member)
    member.go("decisions:council_home")
    assert "Phòng Người có công" in member.text() and "Võ Thị Mai" in member.text()
    shot(member.page, "council member sees the appraised list")
    office.go("decisions:meeting_new")
    today = timezone.localdate()
    office.page.fill("input[name=held_at]", f"{today:%Y-%m-%d}T08:00")
    office.page.fill("input[name=place]", "Phòng họp số 1, Sở Lao động - Thương binh và Xã hội")
    office.page.select_option("select[name=chair]", label="Hà Anh Quang")
    office.page.select_option("select[name=secretary]", label="Trần Thị Thu Hà")
    office.page.get_by_role("button", name="Ghi cuộc họp").click()
    office.page.wait_for_load_state()
    meeting_url = office.page.url
    office.page.select_option("form[action$='/thanh-vien/'] select[name=member]", label="Phạm Quốc Bảo – Trung tâm Dịch vụ việc làm")
    office.page.get_by_role("button", name="Ghi thành viên").click()
    office.page.wait_for_load_state()

    # 11b. Electronic ballots (issue 16): the office opens a secret vote; three members vote on their own pages;
    # the office sees who voted, never how; closing counts the ballots into the minutes; members confirm them.
    office.page.check("input[name=secret][value='1']")
    office.page.get_by_role("button", name="Mở biểu quyết điện tử").click()
    office.page.wait_for_load_state()
    assert "Đang bỏ phiếu" in office.text() and "đã bỏ phiếu 0/3 thành viên có mặt" in office.text()
    shot(office.page, "office opens a secret vote")
    chair = actor(director)
    for voter, name in ((chair, "chair"), (office, "secretary"), (member, "member")):
        voter.go("decisions:council_home")
        voter.page.get_by_role("link", name=re.compile("Họp ngày")).first.click()
        voter.page.wait_for_load_state()
        assert "Bỏ phiếu kín" in voter.text()
        for radio in voter.page.locator("input[type=radio][value=for]").all():
            radio.check()
        if name == "member":
            shot(voter.page, "council member fills in their own ballot")
        voter.page.get_by_role("button", name="Gửi phiếu biểu quyết").click()
        voter.page.wait_for_load_state()
        assert "Đã ghi phiếu biểu quyết của bạn." in voter.text() and "Bạn đã bỏ phiếu" in voter.text()
    assert BallotCast.objects.count() == 3 and Ballot.objects.count() == 6
    assert not Ballot.objects.filter(voter__isnull=False).exists()  # a secret ballot keeps no voter
    office.page.goto(meeting_url)
    assert "đã bỏ phiếu 3/3 thành viên có mặt" in office.text()
    office.page.get_by_role("button", name="Kết thúc biểu quyết và đếm phiếu").click()
    office.page.wait_for_load_state()
    assert office.page.locator("td span.badge.ok", has_text="Đạt").count() == 2
    shot(office.page, "office closes the vote and the tally fills the minutes")
    member.page.reload()
    assert "3/5 (60%)" in member.text()
    member.page.get_by_role("button", name="Tôi xác nhận nội dung biên bản").click()
    member.page.wait_for_load_state()
    assert "Bạn đã xác nhận nội dung biên bản" in member.text()
    shot(member.page, "council member sees the result and confirms the minutes")
    meeting = CouncilMeeting.objects.get()
    response = office.page.request.get(url + reverse("decisions:minutes_pdf", args=[meeting.pk]))
    text = pdf_text(response.body())
    for expected in ("bỏ phiếu kín; số phiếu phát ra: 3, số phiếu thu về: 3, số phiếu hợp lệ: 3", "bằng phiếu điện tử",
                     "Phòng Người có công Giấy khen 3 (60%)", "Phạm Quốc Bảo – đã xác nhận"):
        assert expected in text, (expected, text)
    for context in (chair, member):
        context.close()

    # 12. The office drafts the decision.
    office.go("decisions:list")
    office.page.get_by_role("button", name=re.compile("Lập dự thảo quyết định tặng Giấy khen")).click()
    office.page.wait_for_load_state()
    assert "Phòng Người có công" in office.text() and "Võ Thị Mai" in office.text()
    shot(office.page, "office drafts the decision")

    decision = Decision.objects.get(state="draft")

    # 13. The director reads it before signing (issue 16): the admin's button leads to the review page with the
    # document as printed, the list with the money and the total in words; the director signs with a date, and
    # the units and the awardee are emailed.
    boss = actor(director)
    boss.go("admin:awards_decision_change", decision.pk)
    shot(boss.page, "director opens the draft in the admin")
    boss.page.get_by_role("link", name="Phê duyệt, ký ban hành").click()
    boss.page.wait_for_load_state("domcontentloaded")
    assert boss.page.url == url + reverse("decisions:review", args=[decision.pk])
    text = boss.text()
    for expected in ("1.410.000", "710.000", "2.120.000", "Bằng chữ: Hai triệu một trăm hai mươi nghìn đồng",
                     "Đây là lần đầu bạn xem văn bản này.", "Biên bản ngày"):
        assert expected in text, expected
    assert boss.page.locator("iframe.pdf-preview").count() == 1
    preview = boss.page.request.get(url + reverse("decisions:preview_pdf", args=[decision.pk]))
    assert preview.headers["content-type"] == "application/pdf" and "Võ Thị Mai" in pdf_text(preview.body())
    boss.page.wait_for_timeout(1500)  # the inline PDF draws
    shot(boss.page, "director reads the decision before signing")
    boss.page.fill("input[name=signed_on]", f"{timezone.localdate():%Y-%m-%d}")
    boss.page.get_by_role("button", name="Phê duyệt, ký ban hành").click()
    boss.page.wait_for_load_state("domcontentloaded")
    decision.refresh_from_db()
    assert (decision.state, decision.number_text) == ("approved", "01/QĐ-SLĐTBXH")
    assert "Đã ký ban hành" in boss.text()
    shot(boss.page, "director signed after reading")
    told = sorted(m.to[0] for m in mailoutbox if "01/QĐ-SLĐTBXH" in m.subject)
    assert told == [head_a.email, staff_user.staff.email], told  # the unit head, and the awardee herself

    # 14. The decision and the certificates download; their text holds the names, the number and the amounts.
    # Signed today (after 01/07/2025): NĐ 152/2025, Giấy khen 0,3 (individual) and 0,6 (collective) × 2.340.000,
    # rounded up to 10.000 đồng: 710.000 and 1.410.000 đồng, 2.120.000 in all.
    response = boss.page.request.get(url + reverse("decisions:pdf", args=[decision.pk]))
    assert (response.status, response.headers["content-type"]) == (200, "application/pdf")
    text = pdf_text(response.body())
    for expected in ("QUYẾT ĐỊNH", "Số: 01/QĐ-SLĐTBXH", "Phòng Người có công", "Võ Thị Mai", "1.410.000", "710.000",
                     "2.120.000", "Hai triệu một trăm hai mươi nghìn đồng"):
        assert expected in text, expected
    boss.go("decisions:detail", decision.pk)
    shot(boss.page, "approved decision page")
    response = boss.page.request.get(url + reverse("decisions:certificates_pdf", args=[decision.pk]))
    assert response.status == 200
    text = pdf_text(response.body())
    for expected in ("GIẤY KHEN", "Phòng Người có công", "Võ Thị Mai", "01/QĐ-SLĐTBXH"):
        assert expected in text, expected

    # 15. The unit head gets the unit's own certificates.
    unit_head.go("decisions:certificates")
    assert "Võ Thị Mai" in unit_head.text() and "Phòng Người có công" in unit_head.text()
    shot(unit_head.page, "unit head certificates")
    line = decision.lines.get(target="individual")
    response = unit_head.page.request.get(url + reverse("decisions:certificate_pdf", args=[line.pk]))
    assert response.status == 200 and "Võ Thị Mai" in pdf_text(response.body())
    sign_and_verify(browser, browser_context_args, url, shot, decision, office, boss)
    for context in (unit_head, office, boss):
        context.close()


# ------------------------------------------------------------------------------------------------ digital signing

@pytest.fixture(autouse=True)
def _signing_pki(settings, tmp_path):
    """A CA, a TSA and the Director's and the Sở's certificates on 127.0.0.1 (tests/signing/pki.py), configured."""
    pki = start_pki(tmp_path / "pki")
    settings.SIGNING_TRUST_ROOTS = [str(pki.pem("root"))]
    settings.SIGNING_TSA_URL = pki.tsa_url
    settings.SIGNING_DIRECTOR_PKCS12, settings.SIGNING_DIRECTOR_PASSPHRASE = str(pki.pkcs12("director")), PASSPHRASE
    settings.SIGNING_ORG_PKCS12, settings.SIGNING_ORG_PASSPHRASE = str(pki.pkcs12("org")), PASSPHRASE
    yield pki
    pki.stop()


def sign_and_verify(browser, browser_context_args, url, shot, decision, office, boss):
    """16. The office uploads the seal and the signature images in the admin; the Director signs the decision, the
    văn thư signs for the Sở; anyone checks the signed file on the public verification page."""
    office.go("admin:campaigns_organisation_change", decision.campaign.organisation_id)
    office.page.set_input_files("input[name=seal_image]", {"name": "con-dau.png", "mimeType": "image/png", "buffer": seal_png()})
    office.page.set_input_files("input[name=signer_signature_image]",
                                {"name": "chu-ky.png", "mimeType": "image/png", "buffer": signature_png()})
    office.page.locator("input[name=_save]").click()
    office.page.wait_for_load_state()

    boss.go("decisions:detail", decision.pk)
    boss.page.get_by_role("button", name="Ký số bằng chứng thư số của Giám đốc").click()
    boss.page.wait_for_load_state()
    assert "Đã ký số Quyết định số 01/QĐ-SLĐTBXH" in boss.text()
    shot(boss.page, "director signed digitally")

    office.go("decisions:detail", decision.pk)
    office.page.get_by_role("button", name="Văn thư ký số của cơ quan và phát hành").click()
    office.page.wait_for_load_state()
    assert "được phát hành" in office.text()
    shot(office.page, "office signed for the organisation")
    response = office.page.request.get(url + reverse("decisions:signed_pdf", args=[decision.pk]))
    assert (response.status, response.headers["content-type"]) == (200, "application/pdf")
    signed = response.body()

    visitor = browser.new_context(**browser_context_args).new_page()
    visitor.goto(url + reverse("verify:lookup"))
    visitor.set_input_files("input[name=file]", {"name": "quyet-dinh.pdf", "mimeType": "application/pdf", "buffer": signed})
    visitor.get_by_role("button", name="Kiểm tra tệp").click()
    visitor.wait_for_load_state()
    result = re.sub(r"\s+", " ", visitor.inner_text("#ket-qua"))
    assert result.startswith("HỢP LỆ: Quyết định số 01/QĐ-SLĐTBXH") and "Nguyễn Văn Giám" in result, result
    shot(visitor, "public verification of the signed file")
    visitor.context.close()
