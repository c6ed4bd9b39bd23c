"""Long work runs in the worker, not in the request: a certificate batch starts at once, its page shows the
progress (htmx polling) and then the download; only the person who started it sees it; a failure says why and
can be run again."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from awards.models import Result
from awards.services.approval import approve_decision, replace_decision
from awards.services.decisions import draft_decision
from campaigns.ops.models import Job, JobState
from tests.decisions.conftest import gk_world  # noqa: F401  (the decisions area's world)
from tests.decisions.test_pdf import pages_of, text_of
from tests.ops.conftest import run_worker
from tests.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)
DEC5 = dt.date(2023, 12, 5)


@pytest.fixture
def approved(gk_world, giay_khen, campaign, clerk, director):  # noqa: F811
    return approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director, signed_on=DEC5)


@pytest.fixture
def batch(settings, database_queue):
    settings.JOB_INLINE_MAX_PAGES = 1  # so that the small world's batches go to the worker


def test_the_office_starts_a_certificate_batch_which_returns_at_once_and_the_page_follows_it_to_the_download(
    client, clerk, approved, batch,
):
    client.force_login(clerk)
    listing = client.get(reverse("decisions:certificates")).content.decode()
    assert "Tạo tệp 10 Giấy khen (một tệp PDF)" in listing

    response = client.post(reverse("decisions:certificates_pdf", args=[approved.pk]))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ops:job", args=[job.pk])
    assert (job.owner, job.state, job.done, job.total, job.title) == (
        clerk, JobState.QUEUED, 0, 10, f"10 Giấy khen của Quyết định số {approved.number_text}")

    page = client.get(response["Location"]).content.decode()
    assert f'hx-get="{reverse("ops:progress", args=[job.pk])}"' in page and 'hx-trigger="every 1s"' in page
    assert "Đang chờ" in page and "Tải về" not in page

    run_worker()
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.attempts, job.error) == (JobState.DONE, 10, 10, 1, "")

    fragment = client.get(reverse("ops:progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in fragment  # done: the bar stops polling
    assert "Đã xong" in fragment and 'value="100"' in fragment
    assert f'href="{reverse("ops:download", args=[job.pk])}"' in fragment

    download = client.get(reverse("ops:download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith(f'attachment; filename="giay-khen-qd-{approved.number}-2023.pdf"')
    pdf = b"".join(download)
    assert len(pages_of(pdf)) == 10
    text = text_of(pdf)
    assert "Đặng Thị Hạnh" in text and "Bùi Văn Sơn" in text

    assert [j.title for j in client.get(reverse("ops:jobs")).context["jobs"]] == [job.title]


def test_a_second_click_while_the_batch_waits_or_runs_follows_the_same_job_and_a_finished_one_can_be_made_again(
    client, clerk, approved, batch,
):
    client.force_login(clerk)
    url = reverse("decisions:certificates_pdf", args=[approved.pk])
    first, second = client.post(url), client.post(url)
    job = Job.objects.get()
    assert first["Location"] == second["Location"] == reverse("ops:job", args=[job.pk])

    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    assert client.post(url)["Location"] == reverse("ops:job", args=[job.pk])
    assert Job.objects.count() == 1

    run_worker()  # the claimed one is skipped by the worker; mark it done as the worker would have
    Job.objects.filter(pk=job.pk).update(state=JobState.DONE)
    again = client.post(url)
    newer = Job.objects.exclude(pk=job.pk).get()
    assert again["Location"] == reverse("ops:job", args=[newer.pk]) and newer.state == JobState.QUEUED


def test_a_unit_heads_batch_holds_only_their_unit_and_nobody_else_sees_the_job(
    client, head_a, head_b, clerk, approved, batch, settings,
):
    client.force_login(head_a)
    response = client.post(reverse("decisions:certificates_pdf", args=[approved.pk]))
    job = Job.objects.get()
    assert job.total == 2
    run_worker()
    text = text_of(b"".join(client.get(reverse("ops:download", args=[job.pk]))))
    assert "Đặng Thị Hạnh" in text and "Bùi Văn Sơn" not in text

    for other in (head_b, clerk):
        client.force_login(other)
        for name in ("ops:job", "ops:progress", "ops:download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404, (other, name)
        assert client.post(reverse("ops:retry", args=[job.pk])).status_code == 404
        assert list(client.get(reverse("ops:jobs")).context["jobs"]) == []
    assert response.status_code == 302


def test_a_small_batch_still_comes_at_once_and_a_get_of_a_big_one_sends_to_the_button(client, head_a, approved, settings):
    client.force_login(head_a)
    settings.JOB_INLINE_MAX_PAGES = 10
    response = client.get(reverse("decisions:certificates_pdf", args=[approved.pk]))
    assert response["Content-Type"] == "application/pdf" and Job.objects.count() == 0
    settings.JOB_INLINE_MAX_PAGES = 1
    response = client.get(reverse("decisions:certificates_pdf", args=[approved.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("decisions:certificates")
    assert [str(m) for m in response.context["messages"]] == [
        "2 Giấy khen được tạo thành tệp ở máy chủ: hãy bấm nút «Tạo tệp»."]
    assert Job.objects.count() == 0


def test_a_failed_job_says_why_in_vietnamese_and_runs_again(client, clerk, director, approved, batch):
    client.force_login(clerk)
    client.post(reverse("decisions:certificates_pdf", args=[approved.pk]))
    job = Job.objects.get()
    # Before the worker gets to it, the decision is replaced: its certificates may no longer be printed.
    replacement = replace_decision(approved, actor=clerk)
    approve_decision(replacement, actor=director, signed_on=DEC5)
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error == "Chỉ in Giấy khen của quyết định đã ký ban hành và còn hiệu lực."
    page = client.get(reverse("ops:job", args=[job.pk])).content.decode()
    assert "Không thành công" in page and job.error in page and "Chạy lại" in page
    assert client.get(reverse("ops:download", args=[job.pk])).status_code == 404

    response = client.post(reverse("ops:retry", args=[job.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Đã xếp việc vào hàng đợi để chạy lại."]
    job.refresh_from_db()
    assert (job.state, job.error) == (JobState.QUEUED, "")
    run_worker()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.FAILED, 2)


def test_the_job_list_makes_the_same_number_of_queries_at_one_and_many_jobs(client, clerk, django_assert_num_queries):
    client.force_login(clerk)
    counts = []
    for n in (1, 20):
        Job.objects.bulk_create(Job(owner=clerk, title=f"Việc {i}", handler="awards.jobs.certificates")
                                for i in range(n - Job.objects.count()))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("ops:jobs")).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_a_big_export_is_confirmed_then_written_by_the_worker(client, clerk, approved, batch, settings):
    settings.JOB_INLINE_MAX_ROWS = 10
    rows = Result.objects.count()
    assert rows > 10
    client.force_login(clerk)
    url = reverse("excel:export", args=["scores"])
    page = client.get(url)
    assert page.status_code == 200 and Job.objects.count() == 0
    assert f"có {rows} dòng: máy chủ tạo tệp riêng" in page.content.decode()

    response = client.post(url)
    job = Job.objects.get()
    assert response["Location"] == reverse("ops:job", args=[job.pk])
    assert (job.state, job.total, job.handler) == (JobState.QUEUED, rows, "campaigns.excel.jobs.export_job")
    run_worker()
    job.refresh_from_db()
    assert (job.state, job.done, job.result_name) == (JobState.DONE, rows, f"ket-qua-danh-gia-{approved.campaign.code}.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(client.get(reverse("ops:download", args=[job.pk])))), read_only=True).active
    data_rows = [r for r in sheet.iter_rows(values_only=True) if len(r) > 5 and isinstance(r[5], int)]
    assert len(data_rows) == rows
