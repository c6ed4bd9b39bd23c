"""Uploaded files leave the server only through the permission-checked download view."""

from urllib.parse import quote

import pytest

from campaigns.ops.downloads import ascii_fallback
from tests.roles.world import PDF_BYTES
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def _body(response):
    return b"".join(response.streaming_content)


def test_the_unit_head_downloads_their_file_under_its_original_vietnamese_name(client, world):
    w = world
    client.force_login(w.head_a)
    response = client.get(reverse("files:version", kwargs={"pk": w.version_a.pk}))
    assert response.status_code == 200
    assert _body(response) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    name = "Tờ trình đề nghị khen thưởng – Phòng Người có công.pdf"
    assert w.version_a.original_name == name
    # A PDF opens in the browser (inline), sandboxed so that nothing in it runs; `?tai-ve=1` downloads it.
    assert response["Content-Disposition"] == (
        "inline; filename=\"To trinh de nghi khen thuong Phong Nguoi co cong.pdf\"; "
        f"filename*=UTF-8''{quote(name, safe='')}"
    )
    assert {"sandbox", "default-src 'none'"} <= {p.strip() for p in response["Content-Security-Policy"].split(";")}
    assert (response["X-Content-Type-Options"], response["Cache-Control"]) == ("nosniff", "private, no-store")
    response = client.get(reverse("files:version", kwargs={"pk": w.version_a.pk}) + "?tai-ve=1")
    assert _body(response) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment; filename=")
    # A download is sandboxed too (every download gets the sandboxed policy: campaigns/security/csp.py).
    assert {"sandbox", "default-src 'none'"} <= {p.strip() for p in response["Content-Security-Policy"].split(";")}


def test_another_units_file_answers_404_and_reveals_nothing(client, world):
    w = world
    client.force_login(w.head_b)
    response = client.get(reverse("files:version", kwargs={"pk": w.version_a.pk}))
    assert response.status_code == 404
    assert "Content-Disposition" not in response
    assert w.version_a.original_name.encode() not in response.content
    # The same answer as for a file that does not exist at all.
    missing = client.get(reverse("files:version", kwargs={"pk": 987654}))
    assert missing.status_code == 404


def test_staff_and_anonymous_cannot_download_dossier_files(client, world):
    w = world
    url = reverse("files:version", kwargs={"pk": w.version_a.pk})
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(w.staff)
    assert client.get(url).status_code == 404


def test_a_file_lost_from_the_disk_answers_404_not_an_error(client, world):
    w = world
    w.version_a.file.storage.delete(w.version_a.file.name)
    client.force_login(w.clerk)
    assert client.get(reverse("files:version", kwargs={"pk": w.version_a.pk})).status_code == 404


def test_uploaded_files_have_no_public_url(world):
    """Files are stored under generated names, outside the web root, and have no URL of their own."""
    w = world
    assert "Tờ trình" not in w.version_a.file.name and w.version_a.file.name.startswith("documents/")
    with pytest.raises(ValueError):
        w.version_a.file.url


@pytest.mark.parametrize("name, expected", [
    ("Báo cáo thành tích Đặng Văn Hải.docx", "Bao cao thanh tich Dang Van Hai.docx"),
    ('Biên bản "họp";\\.pdf', "Bien ban _hop___.pdf"),
    ("Ảnh.png", "Anh.png"),
    ("ữữữ", "uuu"),
    ("–", "tep"),
])
def test_ascii_fallback_name(name, expected):
    assert ascii_fallback(name) == expected


def test_the_404_page_speaks_vietnamese_and_names_nothing(client, world):
    client.force_login(world.head_b)
    response = client.get(reverse("files:version", kwargs={"pk": world.version_a.pk}))
    page = response.content.decode()
    assert response.status_code == 404 and "Không tìm thấy trang" in page
    assert "Phòng Người có công" not in page
