"""In the browser: upload → preview of what will be created, changed and left alone, with every error → confirm,
importing the file kept on the server; templates and exports for download."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from awards.models import Dossier
from campaigns.models import Staff, Unit
from tests.excel.conftest import STAFF_HEADERS, UNIT_HEADERS, read_back, xlsx
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def upload(client, kind, f, name="don-vi.xlsx"):
    data = f.getvalue() if hasattr(f, "getvalue") else f
    return client.post(reverse("excel:import", args=[kind]), {"file": SimpleUploadedFile(name, data)})


def good_file():
    return xlsx({"Đơn vị": [UNIT_HEADERS, ["P1", "Phòng Một", "Phòng chuyên môn", "", "", ""]],
                 "Cán bộ": [STAFF_HEADERS, ["CB1", "Nguyễn Văn An", "Nam", "05/12/1980", "", "Công chức", "P1", "", ""]]})


def test_upload_preview_confirm_imports_the_file_kept_on_the_server(client, clerk, campaign):
    client.force_login(clerk)
    response = upload(client, "org", good_file())
    assert response.status_code == 302
    preview_url = response["Location"]
    token = re.search(r"/nhap/org/([0-9a-f]{32})/$", preview_url).group(1)
    page = client.get(preview_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kiểm tra xong, chưa ghi gì: 2 dòng tạo mới, 0 dòng thay đổi, 0 dòng giữ nguyên." in text
    assert "Đơn vị P1 – Phòng Một" in text and "Cán bộ CB1 – Nguyễn Văn An" in text
    assert Unit.objects.filter(code="P1").count() == 0  # nothing written by the preview
    response = client.post(reverse("excel:confirm", args=["org", token]))
    assert response.status_code == 302 and response["Location"] == reverse("excel:import", args=["org"])
    assert list(Staff.objects.filter(code="CB1").values_list("full_name", "unit__code")) == [("Nguyễn Văn An", "P1")]
    follow = client.get(response["Location"])
    assert "Đã nhập cơ cấu tổ chức (đơn vị, cán bộ): 2 dòng tạo mới, 0 dòng thay đổi, 0 dòng giữ nguyên." in follow.content.decode()
    # The kept file is gone: confirming again finds nothing.
    assert client.post(reverse("excel:confirm", args=["org", token])).status_code == 404


def test_preview_lists_every_error_and_offers_no_confirmation(client, clerk, campaign):
    client.force_login(clerk)
    bad = xlsx({"Cán bộ": [STAFF_HEADERS, ["CB1", "Nguyễn Văn An", "Nam", "31/02/1980", "", "Công chức", "KHONGCO", "", ""]]})
    page = client.get(upload(client, "org", bad)["Location"])
    text = page.content.decode()
    assert "Tệp có 2 lỗi nên chưa nhập dòng nào." in text
    assert "Ngày 31/02/1980 không có trên lịch." in text
    assert "Không có đơn vị mã «KHONGCO» trong trang «Đơn vị» hay trong hệ thống." in text
    assert "Xác nhận nhập" not in text
    assert page.context["report"].errors[0].row == 2


def test_a_file_that_is_not_a_workbook_is_refused_on_the_page(client, clerk, campaign):
    client.force_login(clerk)
    page = client.get(upload(client, "ratings", b"ten,ngay\nAn,1/1/2023\n", name="xep-loai.csv")["Location"])
    assert "Tệp không phải là sổ tính Excel (.xlsx)." in page.content.decode()


def test_the_file_of_another_user_or_another_kind_cannot_be_confirmed(client, clerk, campaign, superuser):
    client.force_login(clerk)
    token = upload(client, "org", good_file())["Location"].rstrip("/").rsplit("/", 1)[1]
    assert client.post(reverse("excel:confirm", args=["ratings", token])).status_code == 404
    client.force_login(superuser)
    assert client.get(reverse("excel:preview", args=["org", token])).status_code == 404
    assert client.post(reverse("excel:confirm", args=["org", token])).status_code == 404
    assert Unit.objects.filter(code="P1").count() == 0


def test_confirm_reports_errors_that_appeared_since_the_preview_and_writes_nothing(client, clerk, campaign):
    client.force_login(clerk)
    f = xlsx({"Cán bộ": [STAFF_HEADERS, ["CB1", "Nguyễn Văn An", "Nam", "", "", "Công chức", "P7", "", ""]]})
    Unit.objects.create(organisation=campaign.organisation, code="P7", name="Phòng Bảy", kind="section")
    token = upload(client, "org", f)["Location"].rstrip("/").rsplit("/", 1)[1]
    Unit.objects.filter(code="P7").delete()
    response = client.post(reverse("excel:confirm", args=["org", token]))
    assert response.status_code == 409
    assert "Không có đơn vị mã «P7»" in response.content.decode()
    assert Staff.objects.filter(code="CB1").count() == 0


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
