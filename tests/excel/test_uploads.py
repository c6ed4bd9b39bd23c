"""An uploaded file's way through the real worker: the request only stores the file and queues the check; the worker
(`db_worker --batch`) checks it, then imports it, reporting rows read, checked and written as it goes. The file lives
on the default storage (an S3 bucket when STORAGE_URL says so) and old uploads are swept away."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from campaigns.excel.uploads import sweep_uploads
from campaigns.models import ExcelUpload, Staff
from campaigns.ops.models import JobState
from tests.excel.conftest import STAFF_HEADERS, UNIT_HEADERS, xlsx
from tests.factories import ExcelUploadFactory
from tests.ops.conftest import database_queue, run_worker  # noqa: F401  (the queue in the database, and its worker)
from tests.ops.test_storage import _objects, s3  # noqa: F401  (a moto S3 server on 127.0.0.1)
from tests.urls import reverse

ROWS = 2500  # enough for the worker to report its progress many times (every 250 rows)


@pytest.fixture(scope="module")
def big_file():
    staff = [[f"CB{i:05d}", f"Nguyễn Văn {i}", "Nam", "", "", "Công chức", "P1", "", ""] for i in range(1, ROWS + 1)]
    return xlsx({"Đơn vị": [UNIT_HEADERS, ["P1", "Phòng Một", "Phòng chuyên môn", "", "", ""]],
                 "Cán bộ": [STAFF_HEADERS, *staff]}).getvalue()


def progress_of(work):
    """The (done, total) the worker records on its jobs while `work()` runs."""
    seen = []

    def record(execute, sql, params, many, context):
        if sql.startswith('UPDATE "ops_job" SET "done"'):
            seen.append(tuple(params[:2]))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        work()
    return seen


def moves_steadily(points):
    """More than two points strictly between nothing and everything, never going back."""
    fractions = [done / total for done, total in points if total]
    return len([f for f in fractions if 0 < f < 1]) > 2 and fractions == sorted(fractions)


@pytest.mark.django_db(transaction=True)
def test_the_worker_checks_then_imports_a_big_file_reporting_its_progress_row_by_row(
    client, clerk, campaign, database_queue, big_file,  # noqa: F811
):
    client.force_login(clerk)
    response = client.post(reverse("excel:import", args=["org"]), {"file": SimpleUploadedFile("to-chuc.xlsx", big_file)})
    upload = ExcelUpload.objects.get()
    assert upload.job.state == JobState.QUEUED  # the request only stored the file and queued the check
    assert "Đang chờ" in client.get(response["Location"]).content.decode()

    checked = progress_of(run_worker)
    upload.refresh_from_db()
    assert upload.job.state == JobState.DONE and moves_steadily(checked)
    assert checked[-1] == (2 * (ROWS + 1), 2 * (ROWS + 1))  # every row read, then every row checked
    text = client.get(response["Location"]).content.decode()
    assert "Kiểm tra xong, chưa ghi gì: 2.501 dòng tạo mới, 0 dòng thay đổi, 0 dòng giữ nguyên." in text
    assert "… và 2.201 dòng khác." in text and not Staff.objects.filter(code="CB00001").exists()

    client.post(reverse("excel:confirm", args=["org", upload.pk]))
    imported = progress_of(run_worker)
    upload.refresh_from_db()
    assert upload.job.state == JobState.DONE and moves_steadily(imported)
    assert (2 * (ROWS + 1), 3 * (ROWS + 1)) in imported  # read and checked, then written in one transaction
    assert Staff.objects.filter(code__startswith="CB").count() == ROWS
    assert "Đã nhập cơ cấu tổ chức (đơn vị, cán bộ): 2.501 dòng tạo mới" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_an_uploaded_file_lives_in_the_bucket_until_it_is_imported(
    client, clerk, campaign, s3, tmp_path, django_capture_on_commit_callbacks,  # noqa: F811
):
    content = xlsx({"Đơn vị": [UNIT_HEADERS, ["P1", "Phòng Một", "Phòng chuyên môn", "", "", ""]]}).getvalue()
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("excel:import", args=["org"]), {"file": SimpleUploadedFile("don-vi.xlsx", content)})
    upload = ExcelUpload.objects.get()
    assert _objects(s3) == {f"media/{upload.file.name}": content}
    assert not (tmp_path / "media-unused").exists()
    assert "1 dòng tạo mới" in client.get(reverse("excel:preview", args=["org", upload.pk])).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("excel:confirm", args=["org", upload.pk]))
    upload.refresh_from_db()
    assert upload.imported_at is not None and _objects(s3) == {}


@pytest.mark.django_db
def test_uploads_older_than_a_day_are_swept_away_with_their_file(clerk):
    old = ExcelUploadFactory(owner=clerk, created_at=timezone.now() - dt.timedelta(hours=25))
    young = ExcelUploadFactory(owner=clerk, created_at=timezone.now() - dt.timedelta(hours=23))
    old_name = old.file.name
    assert default_storage.exists(old_name)
    assert sweep_uploads() == 1
    assert list(ExcelUpload.objects.all()) == [young]
    assert not default_storage.exists(old_name) and default_storage.exists(young.file.name)
