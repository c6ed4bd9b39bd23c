"""The signing steps on the decision's page, the public verification of an uploaded PDF, and verify_pdf."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from awards.jobs import sign_certificates
from awards.models import SignedDocument, SigningState
from campaigns.ops.jobs import progress_reporter
from campaigns.ops.models import Job, JobState
from tests.ops.conftest import database_queue, run_worker  # noqa: F401  (the worker's real queue)
from tests.signing.test_signing import _own_tool_sign
from tests.urls import reverse

pytestmark = pytest.mark.usefixtures("signing_settings", "office_images")


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_the_director_signs_the_office_seals_and_anyone_verifies_the_file(client, approved, director, clerk, settings, tmp_path):
    detail = reverse("decisions:detail", args=[approved.pk])
    client.force_login(clerk)
    page = client.get(detail).content.decode()
    assert "Chờ Giám đốc ký số" in page and reverse("decisions:seal", args=[approved.pk]) not in page

    client.force_login(director)
    response = client.post(reverse("decisions:sign_director", args=[approved.pk]), follow=True)
    assert _messages(response) == [f"Đã ký số {approved}. Văn thư ký số của cơ quan để phát hành."]
    assert "Nguyễn Văn Giám" in response.content.decode()  # the certificate's subject, on the page

    client.force_login(clerk)
    response = client.post(reverse("decisions:seal", args=[approved.pk]), follow=True)
    assert _messages(response) == [f"Đã ký số của cơ quan: {approved} được phát hành."]
    doc = SignedDocument.objects.get()
    assert doc.state == SigningState.ISSUED
    signed = client.get(reverse("decisions:signed_pdf", args=[approved.pk]))
    data = b"".join(signed.streaming_content) if signed.streaming else signed.content
    with doc.signed_file.open("rb") as f:
        assert signed["Content-Type"] == "application/pdf" and data == f.read()

    client.logout()
    verify = reverse("verify:file")
    result = client.post(verify, {"file": SimpleUploadedFile("qd.pdf", data)})
    lines = result.context["verdict_lines"]
    assert lines[0].startswith(f"HỢP LỆ: Quyết định số {approved.number_text} ngày {approved.signed_on:%d/%m/%Y}")
    assert lines[1].startswith("Người có thẩm quyền ký: Nguyễn Văn Giám, lúc ") and lines[1].endswith("+07:00 (chữ ký hợp lệ).")
    assert lines[2].startswith("Cơ quan ký số: Sở Lao động - Thương binh và Xã hội tỉnh Ninh Thuận, lúc ")
    assert "Đặng Thị Hạnh" not in result.content.decode()  # nothing beyond what the decision's first page shows

    refusals = {
        "anh.pdf": (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "Tệp tải lên không phải tệp PDF (nội dung không bắt đầu bằng %PDF)."),
        "hong.pdf": (b"%PDF-1.7\n garbage", "Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được cấu trúc văn bản."),
    }
    for name, (content, start) in refusals.items():
        response = client.post(verify, {"file": SimpleUploadedFile(name, content)})
        assert response.context["file_error"].startswith(start), name
    settings.UPLOAD_MAX_BYTES = 1000
    response = client.post(verify, {"file": SimpleUploadedFile("lon.pdf", data)})
    assert response.context["file_error"].startswith("Tệp nặng ") and "vượt giới hạn" in response.context["file_error"]

    path = tmp_path / "qd.pdf"
    path.write_bytes(data)
    settings.UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    out = io.StringIO()
    call_command("verify_pdf", str(path), stdout=out)
    assert out.getvalue().splitlines() == lines


def test_an_upload_of_another_document_is_refused_on_the_page_and_nothing_is_kept(client, approved, director):
    client.force_login(director)
    other = client.get(reverse("decisions:pdf", args=[approved.pk])).content  # rendered again, not the stored one
    response = client.post(reverse("decisions:upload_signed", args=[approved.pk]),
                           {"file": SimpleUploadedFile("da-ky.pdf", other)}, follow=True)
    assert _messages(response)[0].startswith("Nội dung đã ký trong tệp tải lên khác với văn bản hệ thống đã lập")
    doc = SignedDocument.objects.get()
    assert (doc.state, doc.signer_file.name) == (SigningState.RENDERED, "")


@pytest.mark.django_db(transaction=True)
def test_a_long_decision_is_prepared_by_the_worker_and_the_director_signs_exactly_the_bytes_it_made(
    client, approved, director, clerk, pki, settings, database_queue,  # noqa: F811
):
    settings.JOB_INLINE_MAX_LINES = 1  # the decision's two lines count as a long list
    detail = reverse("decisions:detail", args=[approved.pk])
    client.force_login(director)
    page = client.get(detail).content.decode()
    assert ">Lập văn bản điện tử để ký số</button>" in page and reverse("decisions:sign_director", args=[approved.pk]) not in page

    # Nothing renders in a request: signing before the document exists is refused, and says what to do.
    response = client.post(reverse("decisions:sign_director", args=[approved.pk]), follow=True)
    assert _messages(response)[0].startswith(f"Văn bản điện tử của {approved} chưa được lập")
    assert not SignedDocument.objects.exists()

    response = client.post(reverse("decisions:unsigned_pdf", args=[approved.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("ops:job", args=[job.pk]) and job.handler == "awards.jobs.signing_document"
    run_worker()
    job.refresh_from_db()
    assert (job.state, job.done, job.result_name) == (
        JobState.DONE, 100, f"quyet-dinh-so-{approved.number}-{approved.number_year}-chua-ky.pdf")
    downloaded = b"".join(client.get(reverse("ops:download", args=[job.pk])))
    doc = SignedDocument.objects.get()
    with doc.unsigned_file.open("rb") as f:
        assert downloaded == f.read()
    assert hashlib.sha256(downloaded).hexdigest() == doc.unsigned_sha256
    unsigned = client.get(reverse("decisions:unsigned_pdf", args=[approved.pk]))
    assert unsigned.content == downloaded  # kept: never rendered again

    page = client.get(detail).content.decode()
    assert ">Lập văn bản điện tử để ký số</button>" not in page and reverse("decisions:upload_signed", args=[approved.pk]) in page
    client.force_login(clerk)  # the office, too, reads what the Director will sign
    unsigned_link = f'<a href="{reverse("decisions:unsigned_pdf", args=[approved.pk])}">Xem văn bản sẽ ký (PDF)</a>'
    assert unsigned_link in client.get(detail).content.decode()
    client.force_login(director)
    signed = _own_tool_sign(downloaded, pki, "director")
    response = client.post(reverse("decisions:upload_signed", args=[approved.pk]),
                           {"file": SimpleUploadedFile("da-ky.pdf", signed, "application/pdf")}, follow=True)
    assert _messages(response) == [f"Đã nhận văn bản {approved} có chữ ký số của người có thẩm quyền."]
    doc.refresh_from_db()
    assert (doc.state, doc.signer_method) == (SigningState.SIGNER_SIGNED, "upload")


@pytest.mark.django_db(transaction=True)
def test_signing_and_sealing_a_big_batch_of_giay_khen_runs_in_the_worker_one_certificate_at_a_time(
    client, approved, director, clerk, settings, database_queue,  # noqa: F811
):
    settings.JOB_INLINE_MAX_PAGES = 1  # the decision's two Giấy khen count as a big batch
    detail = reverse("decisions:detail", args=[approved.pk])
    client.force_login(director)
    response = client.post(reverse("decisions:sign_certificates", args=[approved.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("ops:job", args=[job.pk]) and not SignedDocument.objects.exists()
    assert (job.title, job.total) == (f"Giám đốc ký số 2 Giấy khen của {approved}", 2)
    seen = []
    report = progress_reporter(job.pk)
    job = Job.objects.get(pk=job.pk)
    # The test runs the handler itself, reading the bar after each report; marked running, the worker leaves it.
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING)

    def recording(done, total=None):
        report(done, total)
        seen.append(Job.objects.values_list("done", "total").get(pk=job.pk))

    sign_certificates(job, recording)
    assert seen == [(1, 2), (2, 2)]
    assert sorted(SignedDocument.objects.values_list("state", flat=True)) == [SigningState.SIGNER_SIGNED] * 2

    client.force_login(clerk)
    response = client.post(reverse("decisions:seal_certificates", args=[approved.pk]))
    sealing = Job.objects.exclude(pk=job.pk).get()
    assert response["Location"] == reverse("ops:job", args=[sealing.pk])
    run_worker()
    sealing.refresh_from_db()
    assert (sealing.state, sealing.done, sealing.total, sealing.result.name) == (JobState.DONE, 2, 2, "")
    assert sorted(SignedDocument.objects.values_list("state", flat=True)) == [SigningState.ISSUED] * 2
    fragment = client.get(reverse("ops:progress", args=[sealing.pk])).content.decode()
    assert f'<a class="button primary" href="{detail}#ky-so">Xem kết quả</a>' in fragment
    assert "2 Giấy khen: 2 đã phát hành." in client.get(detail).content.decode()
