"""The scoring pages: the grid saves each cell in place, refusals come back in the cell, the nominee page shows
every result with its evidence and the dossier's documents, the ranking shows the quota line, and lists run in
the same number of queries for 3 and for 300 nominees."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import Document, DocumentVersion, NomineeScore, Outcome, Result
from awards.services.ranking import Ranking
from awards.services.recompute import recompute_results
from awards.services.rulings import rule_on_result
from campaigns.models import AnnualRating, Criterion, IndexComponentScore, IndicatorRecord, Initiative
from campaigns.roles import Role
from tests.conftest import _person
from tests.factories import NomineeFactory, StaffFactory, UnitFactory
from tests.scoring.conftest import accepted_dossier, full_indicators, upload_unit_plan
from tests.scoring.test_ranking import at, individual, outcomes

pytestmark = pytest.mark.django_db

GRID = "/cchc-2023/cham-diem/"


def cell_url(result):
    return f"/cchc-2023/cham-diem/ket-qua/{result.pk}/"


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def cell(body, result):
    """The markup of one result's cell on a page."""
    start = body.index(f'<td id="cell-{result.pk}"')
    return body[start:body.index("</td>", start)]


def editable(body, result):
    """The page lets its user rule on this cell: a select and a note, saved to the cell's address."""
    return 'name="outcome"' in cell(body, result) and 'data-cell-url="/cchc-2023/cham-diem/ket-qua/0/"' in body


def test_a_cell_saves_in_place_and_comes_back_updated(client, clerk, campaign, collective_a):
    recompute_results(campaign)
    r = Result.objects.get(nominee=collective_a, criterion__order=8)
    client.force_login(clerk)
    page = client.get(GRID)
    assert editable(page.content.decode(), r)

    response = client.post(cell_url(r), {"outcome": "met", "reason": "Đã làm sạch 100% dữ liệu dân cư", "version": 1}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200, response.content.decode()
    body = text(response)
    assert body.startswith(f'<td id="cell-{r.pk}" class="score-cell outcome-met decided" data-v="2">')  # the new version
    assert '<span class="who">Văn phòng xác nhận:</span> <span class="badge met">Đạt</span>' in body
    assert "«Đã làm sạch 100% dữ liệu dân cư» – Trần Thị Thu Hà" in body
    assert '<select name="outcome" aria-labelledby="l-attest n-{} c-{}" autofocus>'.format(r.nominee_id, r.criterion_id) in body
    r.refresh_from_db()
    assert (r.override, r.override_by, r.version) == (Outcome.MET, clerk, 2)


def test_a_cell_without_a_reason_comes_back_with_the_message_and_the_input_kept(client, clerk, campaign, collective_a, unit_a):
    full_indicators(unit_a, late_dossiers=2)
    recompute_results(campaign)
    r = Result.objects.get(nominee=collective_a, criterion__order=9)
    client.force_login(clerk)
    response = client.post(cell_url(r), {"outcome": "met", "reason": "", "version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    body = text(response)
    assert '<p class="error" role="alert">Phải ghi lý do khi quyết định khác với kết quả tự động.</p>' in body
    assert '<option value="met" selected>' in body
    r.refresh_from_db()
    assert (r.override, r.version) == ("", 1)


def test_the_server_refuses_a_ruling_on_the_office_users_own_unit_and_the_grid_shows_it(client, campaign, collective_a, unit_a, unit_b):
    insider = _person("insider", "Ngô Thị Lan", unit_a, Role.OFFICE, gender="female")
    other = NomineeFactory(dossier=accepted_dossier(campaign, unit_b))
    recompute_results(campaign)
    mine = Result.objects.get(nominee=collective_a, criterion__order=2)
    theirs = Result.objects.get(nominee=other, criterion__order=2)
    client.force_login(insider)

    grid = text(client.get(GRID))
    assert not editable(grid, mine) and "Xung đột lợi ích: không được đánh giá" in cell(grid, mine)
    assert editable(grid, theirs)
    assert "Xung đột lợi ích: bạn thuộc đơn vị này" in grid

    response = client.post(cell_url(mine), {"outcome": "met", "reason": "Tốt", "version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert "Xung đột lợi ích: bạn thuộc Phòng Người có công, không được đánh giá đối tượng của đơn vị mình." in text(response)
    mine.refresh_from_db()
    assert (mine.override, mine.version, mine.updated_by) == ("", 1, None)
    page = text(client.get(f"/cchc-2023/cham-diem/doi-tuong/{collective_a.pk}/"))
    assert "Xung đột lợi ích: bạn thuộc Phòng Người có công" in page and 'name="outcome"' not in page


def test_a_stale_cell_is_refused_and_comes_back_with_the_current_ruling(client, clerk, office_unit, campaign, collective_a):
    recompute_results(campaign)
    r = Result.objects.get(nominee=collective_a, criterion__order=2)
    other = _person("clerk2", "Bùi Văn Long", office_unit, Role.OFFICE)
    client.force_login(other)
    assert client.post(cell_url(r), {"outcome": "not_met", "reason": "Chưa đạt", "version": 1}, HTTP_HX_REQUEST="true").status_code == 200
    client.force_login(clerk)
    response = client.post(cell_url(r), {"outcome": "met", "reason": "Đạt", "version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    body = text(response)
    assert re.search(r"Kết quả này đã được Bùi Văn Long sửa lúc \d\d:\d\d \d\d/\d\d/\d{4}, tải lại", body)
    assert "«Chưa đạt» – Bùi Văn Long" in body and 'data-v="2"' in body
    assert '<option value="met" selected>' in body and 'name="reason" value="Đạt"' in body  # the input is kept
    r.refresh_from_db()
    assert (r.override, r.override_reason, r.version) == (Outcome.NOT_MET, "Chưa đạt", 2)
    log = text(client.get(f"/cchc-2023/cham-diem/doi-tuong/{collective_a.pk}/"))
    log = log[log.index('id="ruling-log"'):]
    assert re.search(r"<td>\d\d:\d\d \d\d/\d\d/\d{4}</td><td>Bùi Văn Long</td><td>2\. Thực hiện tốt Kế hoạch CCHC của tỉnh và Sở</td>"
                     r"<td>Không đạt</td><td>Chưa đạt</td>", log)
    assert log.count("<tr><td>") == 1  # the refused save left no trace


def test_without_htmx_a_cell_save_redirects_back_with_a_message(client, clerk, campaign, collective_a):
    recompute_results(campaign)
    r = Result.objects.get(nominee=collective_a, criterion__order=2)
    client.force_login(clerk)
    response = client.post(cell_url(r), {"outcome": "met", "reason": "Tốt", "version": 1, "next": "/cchc-2023/cham-diem/?target=collective"})
    assert (response.status_code, response["Location"]) == (302, "/cchc-2023/cham-diem/?target=collective")
    response = client.post(cell_url(r), {"outcome": "met", "reason": "Tốt", "version": 1, "next": "https://example.com/"}, follow=True)
    assert response.redirect_chain[0][0] == f"/cchc-2023/cham-diem/doi-tuong/{collective_a.pk}/"
    assert "đã được Trần Thị Thu Hà sửa lúc" in text(response)


def test_grid_filters_by_unit_and_by_outcome(client, clerk, campaign, collective_a, unit_a, unit_b):
    other = NomineeFactory(dossier=accepted_dossier(campaign, unit_b))
    full_indicators(unit_b, late_dossiers=4)
    recompute_results(campaign)
    client.force_login(clerk)
    def names(r):
        return re.findall(r'href="/cchc-2023/cham-diem/doi-tuong/\d+/">([^<]+)</a>', r.content.decode())
    assert names(client.get(GRID)) == ["Phòng Người có công", "Trung tâm Dịch vụ việc làm"]
    assert names(client.get(GRID, {"unit": unit_b.pk})) == ["Trung tâm Dịch vụ việc làm"]
    # Only unit_b has indicator data: its PAR INDEX components were not assigned (not applicable).
    assert names(client.get(GRID, {"state": "not_applicable"})) == ["Trung tâm Dịch vụ việc làm"]
    assert names(client.get(GRID, {"state": "no_data", "unit": unit_a.pk})) == ["Phòng Người có công"]
    assert other.results.count() == 12


def test_nominee_page_shows_every_result_its_evidence_and_the_dossiers_documents(client, clerk, head_a, campaign, individual_a, unit_a):

    plan = upload_unit_plan(campaign, unit_a, head_a, name="KH-NCC-2023.pdf")
    letter = Document.objects.create(campaign=campaign, unit=unit_a, kind="proposal_letter", dossier=individual_a.dossier)
    v = DocumentVersion.objects.create(document=letter, number=1, file=ContentFile(b"%PDF", name="x.pdf"), original_name="To-trinh.pdf",
                                       content_type="application/pdf", size=4, sha256="1" * 64, uploaded_by=head_a)
    AnnualRating.objects.create(staff=individual_a.staff, year=2023, rating="HTXSNV", source="QĐ 10/QĐ-SLĐTBXH")
    recompute_results(campaign)
    client.force_login(clerk)
    body = text(client.get(f"/cchc-2023/cham-diem/doi-tuong/{individual_a.pk}/"))
    assert body.count('class="score-cell') == 5
    assert "Xếp loại năm 2023: Hoàn thành xuất sắc nhiệm vụ (nguồn: QĐ 10/QĐ-SLĐTBXH)" in body
    assert "Xếp loại năm 2023: Hoàn thành xuất sắc nhiệm vụ → Đạt" in body
    for version, name in ((plan, "KH-NCC-2023.pdf"), (v, "To-trinh.pdf")):
        assert f'<a href="/tep/phien-ban/{version.pk}/" target="_blank" rel="noopener">{name}</a>' in body
    assert "Điều kiện Bằng khen UBND tỉnh" in body


def test_nominee_page_lists_versions_newest_first_and_a_document_without_a_file(client, clerk, head_a, campaign, individual_a, unit_a):
    letter = Document.objects.create(campaign=campaign, unit=unit_a, kind="proposal_letter", dossier=individual_a.dossier)
    for n in (1, 2):
        DocumentVersion.objects.create(document=letter, number=n, file=ContentFile(b"%PDF", name="x.pdf"), original_name=f"To-trinh-{n}.pdf",
                                       content_type="application/pdf", size=4, sha256="1" * 64, uploaded_by=head_a)
    Document.objects.create(campaign=campaign, unit=unit_a, kind="achievement_report", dossier=individual_a.dossier, nominee=individual_a)
    client.force_login(clerk)

    body = text(client.get(f"/cchc-2023/cham-diem/doi-tuong/{individual_a.pk}/"))

    assert re.findall(r"To-trinh-(\d)\.pdf</a>", body) == ["2", "1"]
    assert f"Báo cáo thành tích – {individual_a.name} Chưa có tệp" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_ranking_page_draws_the_quota_line_and_says_which_rule_separated_two_nominees(client, director, campaign):
    for day, (name, gender) in enumerate([("Lê Văn A", "male"), ("Lê Văn B", "male"), ("Lê Thị C", "female"),
                                          ("Lê Văn D", "male"), ("Lê Văn E", "male"), ("Lê Văn G", "male")], start=1):
        individual(campaign, name, gender=gender, submitted=at(day))
    client.force_login(director)
    body = text(client.get("/cchc-2023/cham-diem/xep-hang/", {"target": "individual"}))
    order = re.findall(r'href="/cchc-2023/cham-diem/doi-tuong/\d+/">([^<]+)</a>', body)
    assert order == ["Lê Thị C", "Lê Văn A", "Lê Văn B", "Lê Văn D", "Lê Văn E", "Lê Văn G"]
    line = body.index("Ranh giới chỉ tiêu: 05 cá nhân")
    assert body.index("Lê Văn E") < line < body.index("Lê Văn G")
    assert "phân định theo quy tắc ưu tiên nữ (NĐ 98/2023/NĐ-CP Điều 4): «Lê Thị C» là nữ" in body
    assert "phân định theo quy tắc hồ sơ nộp sớm hơn: hồ sơ của «Lê Văn A» nộp lúc" in body


def test_indicator_form_saves_figures_and_components_and_results_follow(client, clerk, campaign, collective_a, unit_a):
    recompute_results(campaign)
    client.force_login(clerk)
    url = f"/cchc-2023/cham-diem/so-lieu/{unit_a.pk}/2023/"
    data = {
        "capital_allocated": "2000000000", "capital_disbursed": "1970000000", "capital_source": "Báo cáo 12/BC-KHTC",
        "has_procedures": "on", "online_dossiers": "62", "total_dossiers": "100", "online_target_percent": "50",
        "online_source": "Cổng DVC", "late_dossiers": "", "backlog_dossiers": "", "late_source": "",
        "inspection_result": "", "inspection_source": "", "ddci_assigned": "on",
        "components-TOTAL_FORMS": "2", "components-INITIAL_FORMS": "0", "components-MIN_NUM_FORMS": "0", "components-MAX_NUM_FORMS": "1000",
        "components-0-index": "PAR", "components-0-component": "Cải cách TTHC", "components-0-score_last": "7.5",
        "components-0-score": "8.25", "components-0-source": "QĐ PAR INDEX 2023",
        "components-1-index": "", "components-1-component": "", "components-1-score_last": "", "components-1-score": "", "components-1-source": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(r'role="alert">([^<]*)<', text(response))
    outcomes = {r.criterion.order: (r.computed, r.computed_reason) for r in collective_a.results.select_related("criterion")}
    assert outcomes[6] == (Outcome.NOT_MET, "Giải ngân 98,5% < 100% → Không đạt")
    assert outcomes[7] == (Outcome.MET, "Tỷ lệ hồ sơ trực tuyến 62% ≥ chỉ tiêu 50% → Đạt")
    assert outcomes[10] == (Outcome.MET, "PAR INDEX: 1 thành phần được giao, tăng điểm → Đạt")
    assert outcomes[9][0] == Outcome.NO_DATA
    assert IndexComponentScore.objects.get().source == "QĐ PAR INDEX 2023"


def test_indicator_form_refuses_figures_without_source_and_keeps_the_input(client, clerk, campaign, unit_a):
    client.force_login(clerk)
    response = client.post(f"/cchc-2023/cham-diem/so-lieu/{unit_a.pk}/2023/", {
        "capital_allocated": "100", "capital_disbursed": "150", "capital_source": "", "ddci_assigned": "on",
        "components-TOTAL_FORMS": "0", "components-INITIAL_FORMS": "0", "components-MIN_NUM_FORMS": "0", "components-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 200
    body = text(response)
    assert "Vốn đã giải ngân không được lớn hơn vốn được giao." in body
    assert "Ghi văn bản là nguồn của số liệu «Giải ngân vốn đầu tư công»." in body
    assert 'value="150"' in body
    assert not IndicatorRecord.objects.exists()


def test_weights_page_locks_weights_once_a_person_ruled(client, clerk, campaign, collective_a):
    client.force_login(clerk)
    c = Criterion.objects.get(campaign=campaign, target="collective", order=6)
    data = {}
    for crit in Criterion.objects.filter(campaign=campaign):
        data[f"weight_{crit.pk}"] = "2" if crit.pk == c.pk else str(crit.weight)
        data[f"mandatory_{crit.pk}"] = "on"
    assert client.post("/cchc-2023/cham-diem/trong-so/", data).status_code == 302
    c.refresh_from_db()
    assert c.weight == 2
    recompute_results(campaign)
    r = Result.objects.select_related("nominee__dossier", "nominee__unit", "criterion").get(nominee=collective_a, criterion__order=2)
    rule_on_result(r, actor=clerk, outcome="met", reason="Tốt", expected_version=1)
    body = text(client.get("/cchc-2023/cham-diem/trong-so/"))
    assert "trọng số đã được khóa" in body
    data[f"weight_{c.pk}"] = "5"
    del data[f"mandatory_{c.pk}"]
    assert client.post("/cchc-2023/cham-diem/trong-so/", data).status_code == 302
    c.refresh_from_db()
    assert (c.weight, c.mandatory) == (2, False)  # the disabled weight field keeps its value; the flag changed


def test_a_ruled_cell_reads_the_same_on_the_grid_as_on_the_nominee_page(client, clerk, campaign, collective_a, unit_b):
    other = NomineeFactory(dossier=accepted_dossier(campaign, unit_b))
    recompute_results(campaign)
    ruled = Result.objects.select_related("nominee__dossier", "nominee__unit", "criterion").get(nominee=collective_a, criterion__order=4)
    rule_on_result(ruled, actor=clerk, outcome=Outcome.NOT_MET, reason='Biên bản <kiểm tra> & "xếp loại"', expected_version=1)
    client.force_login(clerk)
    grid = client.get(GRID).content.decode()
    for nominee in (collective_a, other):  # every cell, ruled or not, is the nominee page's cell
        page = client.get(f"/cchc-2023/cham-diem/doi-tuong/{nominee.pk}/").content.decode()
        for r in Result.objects.filter(nominee=nominee):
            assert cell(grid, r) == cell(page, r)
    assert "«Biên bản &lt;kiểm tra&gt; &amp; &quot;xếp loại&quot;» – Trần Thị Thu Hà" in cell(grid, ruled)


def test_grid_says_how_many_accepted_nominees_have_no_result_yet(client, clerk, campaign, collective_a, unit_b):
    recompute_results(campaign)
    client.force_login(clerk)
    assert "chưa có kết quả" not in text(client.get(GRID))
    late = NomineeFactory(dossier=accepted_dossier(campaign, unit_b))  # accepted around the services: no results
    NomineeFactory(dossier=accepted_dossier(campaign, unit_b), staff=StaffFactory(unit=unit_b))
    NomineeFactory(dossier=accepted_dossier(campaign, UnitFactory(), state="submitted"))  # not appraised yet
    body = text(client.get(GRID))
    assert "2 đối tượng của hồ sơ đã tiếp nhận chưa có kết quả." in body
    assert f'href="/cchc-2023/cham-diem/doi-tuong/{late.pk}/"' in body
    assert body.count('<td class="muted">Chưa tính</td>') == 12
    # The ranking scores them as it meets them (no result: 0 points): still without a result.
    Ranking(campaign, target="collective").all()
    assert NomineeScore.objects.get(nominee=late).result_count == 0
    assert "2 đối tượng của hồ sơ đã tiếp nhận chưa có kết quả." in text(client.get(GRID))
    recompute_results(campaign)
    assert NomineeScore.objects.get(nominee=late).result_count == Criterion.objects.filter(campaign=campaign, target="collective").count()
    assert "chưa có kết quả" not in text(client.get(GRID))


def test_grid_pager_counts_what_the_filters_leave(client, clerk, campaign, unit_a, unit_b):
    for unit, n in ((unit_a, 55), (unit_b, 3)):
        dossier = accepted_dossier(campaign, unit)
        for _ in range(n):
            NomineeFactory(dossier=dossier, staff=StaffFactory(unit=unit))
    recompute_results(campaign)
    client.force_login(clerk)
    assert "Trang 1/2 (1–50 trên 58 đối tượng)" in text(client.get(GRID, {"target": "individual"}))
    body = text(client.get(GRID, {"target": "individual", "unit": unit_a.pk, "trang": 2}))
    assert "Trang 2/2 (51–55 trên 55 đối tượng)" in body
    assert '<option value="{}" selected>Phòng Người có công</option>'.format(unit_a.pk) in body
    assert '<option value="{}">Trung tâm Dịch vụ việc làm</option>'.format(unit_b.pk) in body
    body = text(client.get(GRID, {"target": "individual", "unit": unit_b.pk}))
    assert "Trang 1/" not in body and body.count('href="/cchc-2023/cham-diem/doi-tuong/') == 3
    r = Result.objects.filter(nominee__unit=unit_b, criterion__order=1).select_related("nominee__dossier", "nominee__unit", "criterion").first()
    rule_on_result(r, actor=clerk, outcome=Outcome.NOT_APPLICABLE, reason="Mới chuyển công tác", expected_version=r.version)
    body = text(client.get(GRID, {"target": "individual", "state": "not_applicable"}))
    assert body.count('href="/cchc-2023/cham-diem/doi-tuong/') == 1 and f'id="cell-{r.pk}"' in body


def _many(campaign, n, target):
    units = [UnitFactory() for _ in range(n if target == "collective" else 3)]
    for i in range(n):
        unit = units[i % len(units)]
        dossier = accepted_dossier(campaign, unit)
        if target == "collective":
            NomineeFactory(dossier=dossier)
        else:
            NomineeFactory(dossier=dossier, staff=StaffFactory(unit=unit))
    recompute_results(campaign)


@pytest.mark.parametrize("target", ["collective", "individual"])
@pytest.mark.parametrize("url", ["/cchc-2023/cham-diem/", "/cchc-2023/cham-diem/xep-hang/"])
def test_grid_and_ranking_run_the_same_queries_for_3_and_300_nominees(client, clerk, campaign, target, url):
    client.force_login(clerk)
    _many(campaign, 3, target)
    client.get(url, {"target": target})
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"target": target}).status_code == 200
    _many(campaign, 297, target)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"target": target})
    assert response.status_code == 200
    links = response.content.decode().count('href="/cchc-2023/cham-diem/doi-tuong/')
    if url == GRID:  # the grid shows 50 nominees a page
        assert links == 50 and "Trang 1/6 (1–50 trên 300 đối tượng)" in text(response)
        last = client.get(url, {"target": target, "trang": 6})
        assert last.content.decode().count('href="/cchc-2023/cham-diem/doi-tuong/') == 50
    else:
        assert links == 300
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_indicator_list_runs_the_same_queries_for_few_and_many_units(client, clerk, campaign):
    client.force_login(clerk)
    for i in range(3):
        full_indicators(UnitFactory())
    with CaptureQueriesContext(connection) as few:
        client.get("/cchc-2023/cham-diem/so-lieu/")
    for i in range(30):
        u = UnitFactory()
        full_indicators(u)
        IndexComponentScore.objects.create(unit=u, year=2023, index="PCI", component="Chi phí thời gian", score=1, score_last=0, source="VCCI")
    with CaptureQueriesContext(connection) as many:
        client.get("/cchc-2023/cham-diem/so-lieu/")
    assert len(many) == len(few)


def test_indicator_form_refuses_the_same_component_twice_and_saves_nothing(client, clerk, campaign, unit_a):
    client.force_login(clerk)
    row = {"index": "PAR", "component": "Cải cách TTHC", "score_last": "7", "score": "8", "source": "QĐ PAR"}
    data = {"ddci_assigned": "on", "components-TOTAL_FORMS": "2", "components-INITIAL_FORMS": "0",
            "components-MIN_NUM_FORMS": "0", "components-MAX_NUM_FORMS": "1000",
            **{f"components-{i}-{k}": v for i in (0, 1) for k, v in row.items()}}
    response = client.post(f"/cchc-2023/cham-diem/so-lieu/{unit_a.pk}/2023/", data)
    assert response.status_code == 200
    assert "Chỉ số thành phần «Cải cách TTHC» của PAR được nhập hai lần." in text(response)
    assert not IndicatorRecord.objects.exists() and not IndexComponentScore.objects.exists()


def test_ranking_page_for_bang_khen_shows_each_nominees_reason(client, clerk, campaign, unit_a):
    person = StaffFactory(full_name="Huỳnh Thị Yến", unit=unit_a, gender="female")
    outcomes(NomineeFactory(dossier=accepted_dossier(campaign, unit_a), staff=person, award="bang-khen-ubnd-tinh"))
    for year in (2022, 2023):
        AnnualRating.objects.create(staff=person, year=year, rating="HTXSNV")
        Initiative.objects.create(staff=person, year=year, title=f"Sáng kiến {year}")
    client.force_login(clerk)
    body = text(client.get("/cchc-2023/cham-diem/xep-hang/", {"target": "individual", "award": "bang-khen-ubnd-tinh"}))
    assert "Khen tất cả đối tượng đủ điều kiện." in body
    assert ("Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục (2022, 2023); 2 sáng kiến được công nhận trong thời gian này: "
            "«Sáng kiến 2022» (2022); «Sáng kiến 2023» (2023) → Đủ điều kiện") in body
    assert "Ranh giới chỉ tiêu" not in body


def test_nominee_page_runs_the_same_queries_for_few_and_many_documents(client, clerk, campaign, individual_a, unit_a, head_a):

    recompute_results(campaign)
    client.force_login(clerk)
    url = f"/cchc-2023/cham-diem/doi-tuong/{individual_a.pk}/"

    def add(kind):
        d = Document.objects.create(campaign=campaign, unit=unit_a, kind=kind, dossier=individual_a.dossier)
        for n in (1, 2):
            DocumentVersion.objects.create(document=d, number=n, file=ContentFile(b"%PDF", name="x.pdf"), original_name=f"{kind}-{n}.pdf",
                                           content_type="application/pdf", size=4, sha256="1" * 64, uploaded_by=head_a)
    add("proposal_letter")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add("council_minutes")
    upload_unit_plan(campaign, unit_a, head_a)
    with CaptureQueriesContext(connection) as many:
        body = text(client.get(url))
    assert body.count("/tep/phien-ban/") == 5
    assert len(many) == len(few)
