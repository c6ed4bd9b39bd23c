"""Files on object storage: with STORAGE_URL set to an S3-compatible bucket (here a moto server the test starts on
127.0.0.1), an uploaded dossier file, a job's generated file and the emblem are stored in the bucket, nothing on the
local disk; downloads still go through the permission-checked views, and the certificates still print the emblem."""

import io

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from PIL import Image

from awards.models import DocumentVersion
from awards.pdf import certificates_pdf
from awards.services import dossiers
from campaigns.ops.jobs import JobOutput, start_job
from campaigns.ops.models import Job, JobState
from campaigns.ops.storage import StorageUrlError, default_storage_setting
from tests.decisions.test_pdf import pages_of
from tests.ops.conftest import free_port
from tests.ops.test_jobs import approved, gk_world  # noqa: F401  (an approved decision of ten Giấy khen)
from tests.portal.conftest import pdf_bytes
from tests.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)
BUCKET = "thidua-test"  # emptied for each test: moto keeps one state per process


@pytest.fixture
def s3(settings, tmp_path):
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = str(tmp_path / "media-unused")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": default_storage_setting(
            f"s3://{BUCKET}/media?endpoint_url={endpoint}&region_name=us-east-1&access_key=test&secret_key=test",
            settings.MEDIA_ROOT),
    }
    yield client
    for key in _objects(client):
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)
    server.stop()


def _objects(client):
    return {o["Key"]: client.get_object(Bucket=BUCKET, Key=o["Key"])["Body"].read()
            for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_an_uploaded_dossier_file_lives_in_the_bucket_and_is_downloaded_through_the_checked_view(
    client, s3, head_a, head_b, unit_a, campaign, giay_khen, in_campaign, tmp_path,
):
    dossier = dossiers.get_or_create_dossier(campaign, unit_a)
    content = pdf_bytes("To trinh de nghi khen thuong")
    client.force_login(head_a)
    response = client.post(reverse("portal:dossier_upload", args=[dossier.pk, "proposal_letter"]),
                           {"file": SimpleUploadedFile("Tờ trình đề nghị.pdf", content, "application/pdf")})
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert _objects(s3) == {f"media/{version.file.name}": content}
    assert not (tmp_path / "media-unused").exists()

    download = client.get(reverse("files:version", args=[version.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == content
    assert "filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf" in download["Content-Disposition"]

    client.force_login(head_b)
    assert client.get(reverse("files:version", args=[version.pk])).status_code == 404


def hello(job, progress):
    progress(1, 1)
    return JobOutput("Báo cáo.txt", "Xin chào".encode(), "text/plain; charset=utf-8")


def test_a_jobs_generated_file_lives_in_the_bucket(client, s3, head_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(owner=head_a, title="Thử", handler="tests.ops.test_storage.hello")
    job = Job.objects.get(pk=job.pk)
    assert job.state == JobState.DONE
    assert _objects(s3) == {f"media/{job.result.name}": "Xin chào".encode()}
    client.force_login(head_a)
    assert b"".join(client.get(reverse("ops:download", args=[job.pk])).streaming_content) == "Xin chào".encode()


def test_a_wrong_storage_url_is_refused_with_what_it_should_look_like():
    with pytest.raises(StorageUrlError, match="STORAGE_URL must look like s3://bucket"):
        default_storage_setting("ftp://x", "/tmp")
    with pytest.raises(StorageUrlError, match="unknown option 'colour'"):
        default_storage_setting("s3://b?colour=red", "/tmp")
    assert default_storage_setting("", "/srv/media") == {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": "/srv/media"}}


def test_a_certificate_prints_the_emblem_kept_in_the_bucket_and_the_emblem_page_serves_it(
    client, s3, approved, organisation, tmp_path,  # noqa: F811
):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 0, 0)).save(buffer, "PNG")
    organisation.emblem.save("quoc-huy.png", ContentFile(buffer.getvalue()))
    assert _objects(s3) == {f"media/{organisation.emblem.name}": buffer.getvalue()}
    assert not (tmp_path / "media-unused").exists()

    pdf = certificates_pdf(approved, approved.lines.filter(order=1))
    images = [x.get_object() for x in pages_of(pdf)[0]["/Resources"]["/XObject"].values()]
    assert [(i["/Width"], i["/Height"]) for i in images if i["/Subtype"] == "/Image" and i["/Width"] == 60] == [(60, 40)]

    assert organisation.emblem.url == f"/to-chuc/{organisation.emblem.name}"
    response = client.get(organisation.emblem.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == buffer.getvalue()
