"""In the browser: upload → the worker checks the file (the page follows its progress) → preview of what will be
created, changed and left alone, with every error → confirm: the worker imports the file kept on the storage;
templates and exports for download. Tasks run at once in the tests, when the request's transaction commits."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from awards.models import AwardKind, Dossier, DossierState, Nominee, Result
from awards.services.recompute import recompute_results
from campaigns.models import Criterion, ExcelUpload, Indicator, Staff, Unit
from campaigns.ops.models import Job, JobState
from tests.excel.conftest import STAFF_HEADERS, UNIT_HEADERS, read_back, xlsx
from tests.excel.test_imports import IND_HEADERS
from tests.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, clerk, campaign, django_capture_on_commit_callbacks):
    """The clerk signed in; `office.post(...)` runs the jobs the request starts when it ends, as the worker would."""
    client.force_login(clerk)

    def post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    client.post_and_work = post
    return client


def upload(client, kind, f, name="don-vi.xlsx"):
    data = f.getvalue() if hasattr(f, "getvalue") else f
    return client.post_and_work(reverse("excel:import", args=[kind]), {"file": SimpleUploadedFile(name, data)})


def good_file():
    return xlsx({"Đơn vị": [UNIT_HEADERS, ["P1", "Phòng Một", "Phòng chuyên môn", "", "", ""]],
                 "Cán bộ": [STAFF_HEADERS, ["CB1", "Nguyễn Văn An", "Nam", "05/12/1980", "", "Công chức", "P1", "", ""]]})


def test_upload_preview_confirm_imports_the_file_kept_on_the_storage(office, clerk):
    content = good_file().getvalue()
    response = upload(office, "org", content, name="Cơ cấu tổ chức.xlsx")
    stored = ExcelUpload.objects.get()
    page_url = reverse("excel:preview", args=["org", stored.pk])
    assert response.status_code == 302 and response["Location"] == page_url
    assert (stored.owner, stored.kind, stored.name, stored.imported_at) == (clerk, "org", "Cơ cấu tổ chức.xlsx", None)
    assert stored.file.name.startswith("excel-imports/") and stored.file.name.endswith(".xlsx")
    kept = stored.file.name
    with default_storage.open(kept, "rb") as fh:
        assert fh.read() == content
    check = stored.job
    assert (check.owner, check.state, check.title) == (
        clerk, JobState.DONE, "Kiểm tra tệp nhập cơ cấu tổ chức (đơn vị, cán bộ): Cơ cấu tổ chức.xlsx")

    text = office.get(page_url).content.decode()
    assert "Kiểm tra xong, chưa ghi gì: 2 dòng tạo mới, 0 dòng thay đổi, 0 dòng giữ nguyên." in text
    assert "Đơn vị P1 – Phòng Một" in text and "Cán bộ CB1 – Nguyễn Văn An" in text
    assert "Xác nhận nhập" in text and "hx-get" not in text
    assert Unit.objects.filter(code="P1").count() == 0  # nothing written by the preview
    job_page = office.get(reverse("ops:job", args=[check.pk])).content.decode()  # from «Việc của tôi»
    assert f'<a class="button primary" href="{page_url}">Xem kết quả</a>' in job_page and "Tải về" not in job_page

    response = office.post_and_work(reverse("excel:confirm", args=["org", stored.pk]))
    assert response.status_code == 302 and response["Location"] == page_url
    assert list(Staff.objects.filter(code="CB1").values_list("full_name", "unit__code")) == [("Nguyễn Văn An", "P1")]
    stored.refresh_from_db()
    assert stored.job.title == "Nhập cơ cấu tổ chức (đơn vị, cán bộ): Cơ cấu tổ chức.xlsx"
    assert stored.job.state == JobState.DONE and stored.imported_at is not None
    text = office.get(page_url).content.decode()
    assert "Đã nhập cơ cấu tổ chức (đơn vị, cán bộ): 2 dòng tạo mới, 0 dòng thay đổi, 0 dòng giữ nguyên." in text
    assert "Xác nhận nhập" not in text
    # The stored file is discarded: confirming again imports nothing.
    assert stored.file.name == "" and not default_storage.exists(kept)
    response = office.post_and_work(reverse("excel:confirm", args=["org", stored.pk]))
    assert response.status_code == 302 and Job.objects.count() == 2
    assert "Tệp này không thể nhập lúc này" in office.get(page_url).content.decode()


def test_the_page_follows_the_jobs_progress_until_it_is_done(client, clerk, campaign):
    client.force_login(clerk)
    client.post(reverse("excel:import", args=["org"]), {"file": SimpleUploadedFile("a.xlsx", good_file().getvalue())})
    stored = ExcelUpload.objects.get()  # its check is queued (the test's transaction never commits)
    page = client.get(reverse("excel:preview", args=["org", stored.pk])).content.decode()
    progress_url = reverse("excel:progress", args=["org", stored.pk])
    assert f'hx-get="{progress_url}"' in page and 'hx-trigger="every 1s"' in page and "Đang chờ" in page
    assert "Xác nhận nhập" not in page
    Job.objects.filter(pk=stored.job_id).update(state=JobState.RUNNING, done=3, total=4)
    fragment = client.get(progress_url).content.decode()
    assert "Bước 2/2: Kiểm tra từng dòng · 1/2 dòng" in fragment and 'value="75"' in fragment
    Job.objects.filter(pk=stored.job_id).update(state=JobState.DONE)
    done = client.get(progress_url)
    assert (done.status_code, done["HX-Refresh"]) == (204, "true")  # the page loads again, with the preview


def test_preview_lists_every_error_and_offers_no_confirmation(office):
    bad = xlsx({"Cán bộ": [STAFF_HEADERS, ["CB1", "Nguyễn Văn An", "Nam", "31/02/1980", "", "Công chức", "KHONGCO", "", ""]]})
    page = office.get(upload(office, "org", bad)["Location"])
    text = page.content.decode()
    assert "Tệp có 2 lỗi nên chưa nhập dòng nào." in text
    assert "Ngày 31/02/1980 không có trên lịch." in text
    assert "Không có đơn vị mã «KHONGCO» trong trang «Đơn vị» hay trong hệ thống." in text
    assert "Xác nhận nhập" not in text
    assert [(e["sheet"], e["row"]) for e in page.context["report"]["errors"]] == [("Cán bộ", 2), ("Cán bộ", 2)]
    token = ExcelUpload.objects.get().pk
    assert office.post_and_work(reverse("excel:confirm", args=["org", token])).status_code == 302
    assert Job.objects.count() == 1  # no import started


def test_a_file_that_is_not_a_workbook_is_refused_on_the_page(office):
    page = office.get(upload(office, "ratings", b"ten,ngay\nAn,1/1/2023\n", name="xep-loai.csv")["Location"])
    assert "Tệp không phải là sổ tính Excel (.xlsx)." in page.content.decode()


def test_the_file_of_another_user_or_another_kind_is_404(office, superuser):
    token = ExcelUpload.objects.get(pk=upload(office, "org", good_file())["Location"].rstrip("/").rsplit("/", 1)[1]).pk
    assert office.get(reverse("excel:preview", args=["ratings", token])).status_code == 404
    assert office.post(reverse("excel:confirm", args=["ratings", token])).status_code == 404
    office.force_login(superuser)
    for name in ("preview", "progress"):
        assert office.get(reverse(f"excel:{name}", args=["org", token])).status_code == 404
    assert office.post_and_work(reverse("excel:confirm", args=["org", token])).status_code == 404
    assert Unit.objects.filter(code="P1").count() == 0 and Job.objects.count() == 1


def test_errors_that_appeared_since_the_preview_write_nothing_and_keep_the_file_for_another_try(office, campaign):
    f = xlsx({"Cán bộ": [STAFF_HEADERS, ["CB1", "Nguyễn Văn An", "Nam", "", "", "Công chức", "P7", "", ""],
                         ["CB2", "Lê Thị Bình", "Nữ", "", "", "Công chức", "P1", "", ""]]})
    Unit.objects.create(organisation=campaign.organisation, code="P7", name="Phòng Bảy", kind="section")
    Unit.objects.create(organisation=campaign.organisation, code="P1", name="Phòng Một", kind="section")
    page_url = upload(office, "org", f)["Location"]
    stored = ExcelUpload.objects.get()
    Unit.objects.filter(code="P7").delete()
    office.post_and_work(reverse("excel:confirm", args=["org", stored.pk]))
    stored.refresh_from_db()
    assert stored.job.state == JobState.FAILED and stored.imported_at is None and stored.file
    assert not Staff.objects.filter(code__in=["CB1", "CB2"]).exists()  # CB2 was right, but nothing is written
    text = office.get(page_url).content.decode()
    assert "Dữ liệu trong hệ thống đã thay đổi từ lúc xem trước: tệp nay có 1 lỗi nên chưa nhập dòng nào." in text
    assert "Không có đơn vị mã «P7»" in text and "Nhập lại tệp này" in text

    Unit.objects.create(organisation=campaign.organisation, code="P7", name="Phòng Bảy", kind="section")
    office.post_and_work(reverse("excel:confirm", args=["org", stored.pk]))
    assert sorted(Staff.objects.filter(code__startswith="CB").values_list("code", flat=True)) == ["CB1", "CB2"]
    assert "Đã nhập cơ cấu tổ chức (đơn vị, cán bộ): 2 dòng tạo mới" in office.get(page_url).content.decode()


def test_an_indicator_import_through_the_page_recomputes_the_automatic_results(office, campaign, unit_a):
    dossier = Dossier.objects.create(campaign=campaign, unit=unit_a, state=DossierState.ACCEPTED)
    nominee = Nominee.objects.create(dossier=dossier, target="collective", unit=unit_a,
                                     award_kind=AwardKind.objects.get(code="giay-khen-giam-doc"))
    recompute_results(campaign)
    result = Result.objects.get(nominee=nominee, criterion=Criterion.objects.get(campaign=campaign, indicator=Indicator.DISBURSEMENT))
    assert result.computed == "no_data"
    f = xlsx({"Số liệu chỉ tiêu": [IND_HEADERS[:5], ["NCC", 2023, "1.000.000.000", "1.000.000.000", "Báo cáo KBNN"]]})
    upload(office, "indicators", f)
    office.post_and_work(reverse("excel:confirm", args=["indicators", ExcelUpload.objects.get().pk]))
    result.refresh_from_db()
    assert result.computed == "met"


def test_templates_download_with_vietnamese_headers_and_the_import_page_links_the_demo_file(client, clerk, campaign):
    client.force_login(clerk)
    response = client.get(reverse("excel:template", args=["indicators"]))
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-so-lieu-chi-tieu.xlsx"'
    sheets = read_back(response.content)
    assert list(sheets) == ["Số liệu chỉ tiêu", "Chỉ số thành phần", "Hướng dẫn"]
    assert sheets["Chỉ số thành phần"][2] == ["Mã đơn vị *", "Năm *", "Bộ chỉ số *", "Chỉ số thành phần *",
                                               "Điểm năm nay", "Điểm năm trước", "Nguồn số liệu"]
    page = client.get(reverse("excel:import", args=["org"])).content.decode()
    assert reverse("excel:demo_file") in page and reverse("excel:template", args=["org"]) in page
    demo = client.get(reverse("excel:demo_file"))
    assert b"".join(demo.streaming_content)[:2] == b"PK"


def test_export_download_of_a_unit_head_holds_only_their_unit(client, head_a, unit_b, campaign):

    Dossier.objects.create(campaign=campaign, unit=unit_b)
    client.force_login(head_a)
    response = client.get(reverse("excel:export", args=["status"]))
    assert response["Content-Disposition"] == 'attachment; filename="tinh-trang-ho-so-cchc-2023.xlsx"'
    rows = read_back(response.content)["Tình trạng hồ sơ"]
    assert [r[1] for r in rows[3:]] == ["NCC"]


def test_the_excel_menu_shows_imports_to_the_office_and_exports_to_a_unit_head(client, clerk, head_a, campaign):
    client.force_login(clerk)
    page = client.get(reverse("excel:home")).content.decode()
    assert reverse("excel:import", args=["org"]) in page and reverse("excel:export", args=["budget"]) in page
    client.force_login(head_a)
    page = client.get(reverse("excel:home")).content.decode()
    assert reverse("excel:import", args=["org"]) not in page
    assert reverse("excel:export", args=["status"]) in page and reverse("excel:export", args=["budget"]) not in page


# --- commands ----------------------------------------------------------------------------------------------

def test_import_command_dry_run_then_import(tmp_path, campaign):
    path = tmp_path / "to-chuc.xlsx"
    path.write_bytes(good_file().getvalue())
    out = io.StringIO()
    call_command("import_org", str(path), "--dry-run", stdout=out)
    assert "Kiểm tra xong, chưa ghi gì: 2 dòng tạo mới" in out.getvalue() and Unit.objects.count() == 0
    call_command("import_org", str(path), stdout=out)
    assert Unit.objects.filter(code="P1").exists()


def test_import_command_lists_every_error_and_fails(tmp_path, campaign):
    path = tmp_path / "xep-loai.xlsx"
    path.write_bytes(xlsx({"Xếp loại": [["Năm", "Mã cán bộ", "Xếp loại"], [2023, "CB404", "HTXSNV"], [2023, "CB405", "Giỏi"]]}).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError, match="Tệp có 3 lỗi nên chưa nhập dòng nào."):
        call_command("import_ratings", str(path), stderr=err)
    assert err.getvalue().splitlines() == [
        "Trang «Xếp loại», dòng 2, cột «Mã cán bộ» (giá trị «CB404»): Không có cán bộ mã «CB404». Hãy nhập cơ cấu tổ chức trước.",
        "Trang «Xếp loại», dòng 3, cột «Mã cán bộ» (giá trị «CB405»): Không có cán bộ mã «CB405». Hãy nhập cơ cấu tổ chức trước.",
        "Trang «Xếp loại», dòng 3, cột «Xếp loại» (giá trị «Giỏi»): Giá trị không có trong danh sách. Chọn một trong: "
        "«Hoàn thành xuất sắc nhiệm vụ», «Hoàn thành tốt nhiệm vụ», «Hoàn thành nhiệm vụ», «Không hoàn thành nhiệm vụ».",
    ]


def test_export_command_writes_the_full_view_or_what_a_user_sees(tmp_path, campaign, head_a, unit_b):

    Dossier.objects.create(campaign=campaign, unit=unit_b)
    with pytest.raises(CommandError, match="Cho biết phong trào: --campaign MÃ"):
        call_command("export_xlsx", "status", "--out", str(tmp_path / "all.xlsx"))
    call_command("export_xlsx", "status", "--out", str(tmp_path / "all.xlsx"), "--campaign", "cchc-2023", stdout=io.StringIO())
    call_command("export_xlsx", "status", "--out", str(tmp_path / "a.xlsx"), "--user", "head_a", "--campaign", "cchc-2023",
                 stdout=io.StringIO())
    assert [r[1] for r in read_back(str(tmp_path / "all.xlsx"))["Tình trạng hồ sơ"][3:]] == ["NCC", "TTDVVL"]
    assert [r[1] for r in read_back(str(tmp_path / "a.xlsx"))["Tình trạng hồ sơ"][3:]] == ["NCC"]
    with pytest.raises(CommandError, match="Tài khoản «head_a» không được xem báo cáo này."):
        call_command("export_xlsx", "budget", "--out", str(tmp_path / "b.xlsx"), "--user", "head_a", "--campaign", "cchc-2023")
