"""Upload checks: the type comes from the content, never the name; empty and oversized files are refused; every
refusal names its check and what to do, and leaves what is stored as it was; replacing keeps the old version."""

import hashlib
import io
import os
import unicodedata
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import Document, DocumentVersion
from awards.services import dossiers, files
from tests.portal.conftest import BEFORE_DEADLINE, office_zip, ole, pdf_bytes, upload
from tests.urls import reverse

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\0" * 32


@pytest.mark.parametrize("name, content, kind", [
    ("a.pdf", pdf_bytes(), "pdf"),
    ("a.docx", office_zip("word"), "docx"),
    ("a.xlsx", office_zip("xl"), "xlsx"),
    ("a.doc", ole("WordDocument"), "doc"),
    ("a.xls", ole("Workbook"), "xls"),
    ("a.jpg", JPG, "jpg"),
    ("a.png", PNG, "png"),
    # The name plays no part: a PDF named .docx is a PDF.
    ("scan.docx", pdf_bytes(), "pdf"),
    ("bang-tinh", office_zip("xl"), "xlsx"),
])
def test_accepted_kinds_are_read_from_the_content(name, content, kind):
    assert files.check_upload(SimpleUploadedFile(name, content)).code == kind


@pytest.mark.parametrize("name, content, expected", [
    ("bao-cao.pdf", b"MZ\x90\x00\x03" + b"\0" * 100,
     "Kiểm tra loại tệp: tệp «bao-cao.pdf» là một chương trình chạy được, không phải văn bản (dù tên tệp có thể là .pdf "
     "hay .docx). Chỉ nhận tệp PDF, DOC, DOCX, XLS, XLSX, JPG hoặc PNG. Hãy mở văn bản, lưu (hoặc xuất) thành một trong "
     "các định dạng đó rồi tải lên lại."),
    ("bao-cao.docx", b"PK\x03\x04" + b"\0" * 30, None),
    ("ghi-chu.pdf", "Chỉ là văn bản thuần".encode(), None),
])
def test_a_file_whose_content_is_not_an_accepted_kind_is_refused_by_the_type_check(name, content, expected):
    with pytest.raises(ValidationError) as refused:
        files.check_upload(SimpleUploadedFile(name, content))
    message = refused.value.messages[0]
    assert message.startswith(f"Kiểm tra loại tệp: tệp «{name}»")
    assert message.endswith("rồi tải lên lại.")
    if expected:
        assert message == expected


def test_a_zip_that_is_not_an_office_document_is_refused():

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("anh.jpg", JPG)
    with pytest.raises(ValidationError) as refused:
        files.check_upload(SimpleUploadedFile("bao-cao.docx", buf.getvalue()))
    assert "là tệp nén (ZIP), không phải văn bản Word hay bảng tính Excel" in refused.value.messages[0]


def test_an_empty_file_is_refused_by_the_empty_check():
    with pytest.raises(ValidationError) as refused:
        files.check_upload(SimpleUploadedFile("to-trinh.pdf", b""))
    assert refused.value.messages == [
        "Kiểm tra tệp rỗng: tệp «to-trinh.pdf» không có nội dung (0 byte). "
        "Hãy kiểm tra lại đúng tệp văn bản đã lưu đầy đủ rồi tải lên lại."
    ]


def test_a_file_over_the_limit_is_refused_by_the_size_check(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        files.check_upload(SimpleUploadedFile("bien-ban.pdf", pdf_bytes() + b"\0" * (1024 * 1024)))
    assert refused.value.messages == [
        "Kiểm tra dung lượng: tệp «bien-ban.pdf» nặng 1,01 MB, vượt giới hạn 1 MB. Hãy giảm dung lượng (quét ở độ phân "
        "giải thấp hơn, nén PDF) hoặc tách thành nhiều tệp rồi tải lên lại."
    ]


def test_the_size_limit_is_a_setting_and_a_file_at_the_limit_passes(settings):
    content = pdf_bytes()
    settings.UPLOAD_MAX_BYTES = len(content)
    assert files.check_upload(SimpleUploadedFile("a.pdf", content)).code == "pdf"
    settings.UPLOAD_MAX_BYTES = len(content) - 1
    with pytest.raises(ValidationError):
        files.check_upload(SimpleUploadedFile("a.pdf", content))


def _stored_files(root):
    found = set()
    for folder, _, names in os.walk(root):
        found |= {os.path.join(folder, n) for n in names}
    return found


@pytest.mark.django_db
def test_files_are_stored_under_generated_names_with_their_hash(unit_a, head_a, campaign, settings):
    version = dossiers.upload_unit_plan(campaign, unit_a, upload("Kế hoạch thi đua.pdf"), actor=head_a, now=BEFORE_DEADLINE)
    assert version.original_name == "Kế hoạch thi đua.pdf"
    assert version.file.name.startswith(f"documents/{campaign.pk}/{unit_a.pk}/")
    assert "Kế hoạch" not in version.file.name and not version.file.name.endswith(".pdf")
    with version.file.open("rb") as stored:
        data = stored.read()
    assert data == pdf_bytes("Kế hoạch thi đua.pdf")
    assert (version.content_type, version.size, version.number) == ("application/pdf", len(data), 1)
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert str(settings.MEDIA_ROOT) in version.file.path


@pytest.mark.django_db
def test_replacing_the_achievement_report_keeps_the_first_version(unit_a, head_a, campaign, giay_khen):
    dossier = dossiers.get_or_create_dossier(campaign, unit_a)
    nominee = dossiers.add_nominee(dossier, award_kind=giay_khen, actor=head_a, staff=head_a.staff, now=BEFORE_DEADLINE)
    first = dossiers.upload_achievement_report(nominee, upload("bao-cao-lan-1.pdf", pdf_bytes("Lan 1")), actor=head_a, now=BEFORE_DEADLINE)
    second = dossiers.upload_achievement_report(nominee, upload("bao-cao-lan-2.pdf", pdf_bytes("Lan 2")), actor=head_a, now=BEFORE_DEADLINE)

    document = Document.objects.get(nominee=nominee)
    assert [(v.number, v.original_name) for v in document.versions.all()] == [(2, "bao-cao-lan-2.pdf"), (1, "bao-cao-lan-1.pdf")]
    assert first.file.name != second.file.name
    with first.file.open("rb") as f1, second.file.open("rb") as f2:
        assert f1.read() == pdf_bytes("Lan 1") and f2.read() == pdf_bytes("Lan 2")


@pytest.mark.django_db
def test_a_refused_upload_through_the_page_says_why_and_changes_nothing_stored(client, head_a, unit_a, campaign, in_campaign, settings):
    client.force_login(head_a)
    client.post(reverse("portal:plan"), {"file": upload("ke-hoach.pdf")})
    before_rows = list(DocumentVersion.objects.values_list("pk", "number", "file", "sha256"))
    before_files = _stored_files(settings.MEDIA_ROOT)

    refused = []
    for bad in [
        SimpleUploadedFile("ke-hoach-moi.pdf", b"MZ" + b"\0" * 200),
        SimpleUploadedFile("ke-hoach-moi.pdf", b""),
    ]:
        response = client.post(reverse("portal:plan"), {"file": bad})
        assert response.status_code == 200
        refused.append(response.context["form"].errors["file"][0])
    settings.UPLOAD_MAX_BYTES = 100
    response = client.post(reverse("portal:plan"), {"file": upload("ke-hoach-moi.pdf")})
    refused.append(response.context["form"].errors["file"][0])

    assert [r.split(":")[0] for r in refused] == ["Kiểm tra loại tệp", "Kiểm tra tệp rỗng", "Kiểm tra dung lượng"]
    assert "Kiểm tra dung lượng: tệp «ke-hoach-moi.pdf» nặng" in response.content.decode()
    assert list(DocumentVersion.objects.values_list("pk", "number", "file", "sha256")) == before_rows
    assert _stored_files(settings.MEDIA_ROOT) == before_files


@pytest.mark.django_db
def test_both_versions_stay_downloadable_from_the_version_history_page(client, unit_a, head_a, campaign, in_campaign):
    first = dossiers.upload_unit_plan(campaign, unit_a, upload("ke-hoach-v1.pdf", pdf_bytes("v1")), actor=head_a)
    second = dossiers.upload_unit_plan(campaign, unit_a, upload("ke-hoach-v2.pdf", pdf_bytes("v2")), actor=head_a)
    client.force_login(head_a)

    page = client.get(reverse("portal:document", args=[first.document_id]))
    links = [reverse("files:version", args=[v.pk]) for v in (second, first)]
    assert [v.pk for v in page.context["versions"]] == [second.pk, first.pk]
    html = page.content.decode()
    assert all(f'href="{link}"' in html for link in links)
    bodies = [b"".join(client.get(link).streaming_content) for link in links]
    assert bodies == [pdf_bytes("v2"), pdf_bytes("v1")]


def test_text_that_merely_mentions_the_pdf_header_is_not_a_pdf():
    with pytest.raises(ValidationError, match="Kiểm tra loại tệp"):
        files.check_upload(SimpleUploadedFile("trang.pdf", b"<html><body>%PDF-1.4 trong trang web</body></html>"))


@pytest.mark.django_db
def test_a_file_name_in_decomposed_unicode_is_kept_composed_nfc(client, unit_a, head_a, campaign, in_campaign):
    """macOS and some browsers send «Kế hoạch» as base letters plus combining marks (NFD); the name is kept and
    sent back composed (NFC), so it compares, sorts and searches like the same name typed on Windows."""
    decomposed = unicodedata.normalize("NFD", "Kế hoạch thi đua – Phòng Người có công.pdf")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    version = dossiers.upload_unit_plan(campaign, unit_a, upload(decomposed), actor=head_a, now=BEFORE_DEADLINE)
    assert version.original_name == "Kế hoạch thi đua – Phòng Người có công.pdf"
    assert unicodedata.is_normalized("NFC", version.original_name)
    client.force_login(head_a)
    response = client.get(reverse("files:version", args=[version.pk]))
    b"".join(response.streaming_content)
    assert "Ke%CC%82" not in response["Content-Disposition"]  # no combining circumflex left
    assert "K%E1%BA%BF%20ho%E1%BA%A1ch" in response["Content-Disposition"]
