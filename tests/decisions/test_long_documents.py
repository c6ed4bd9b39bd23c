"""Documents whose list grows with the awardees (the Quyết định or Tờ trình with its list, the council's Biên bản)
are rendered by the worker once the list is longer than JOB_INLINE_MAX_LINES: the request only starts the job and
sends the person to its progress page; short ones still come at once."""

import datetime as dt

import pytest

from awards.jobs import decision_document
from awards.services.approval import approve_decision
from awards.services.decisions import draft_decision
from campaigns.ops.jobs import progress_reporter
from campaigns.ops.models import Job, JobState
from campaigns.roles import Role, remove_roles
from tests.decisions.test_pdf import pages_of, text_of
from tests.ops.conftest import database_queue, run_worker  # noqa: F401  (the worker's real queue)
from tests.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)
DEC5 = dt.date(2023, 12, 5)


@pytest.fixture
def approved(gk_world, giay_khen, campaign, clerk, director):
    return approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director, signed_on=DEC5)


@pytest.fixture
def long_lists(settings, database_queue):  # noqa: F811
    settings.JOB_INLINE_MAX_LINES = 3  # the small world's lists (10 lines, 12 votes) count as long


def _download(client, job):
    return b"".join(client.get(reverse("ops:download", args=[job.pk])))


def test_a_long_decision_is_rendered_by_the_worker_and_the_request_only_starts_it(client, clerk, approved, long_lists):
    client.force_login(clerk)
    url = reverse("decisions:pdf", args=[approved.pk])
    detail = client.get(reverse("decisions:detail", args=[approved.pk])).content.decode()
    assert f'<form method="post" action="{url}" class="inline-form">' in detail
    assert "Tạo tệp văn bản (PDF, 10 dòng)" in detail

    page = client.get(url)  # a link from elsewhere: the page says what happens, nothing starts
    assert page["Content-Type"].startswith("text/html") and Job.objects.count() == 0
    assert "Văn bản có danh sách 10 dòng: máy chủ tạo tệp riêng" in page.content.decode()

    response = client.post(url)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ops:job", args=[job.pk])
    assert (job.owner, job.state, job.handler, job.title) == (
        clerk, JobState.QUEUED, "awards.jobs.decision_document", f"Quyết định số {approved.number_text} (10 dòng), bản PDF")

    run_worker()
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.result_name) == (
        JobState.DONE, 100, 100, f"quyet-dinh-so-{approved.number}-2023.pdf")
    text = text_of(_download(client, job))
    assert f"Số: {approved.number_text}" in text and "Đặng Thị Hạnh" in text and "Bùi Văn Sơn" in text


def test_a_short_decision_still_comes_at_once(client, clerk, approved, settings):
    settings.JOB_INLINE_MAX_LINES = 10
    client.force_login(clerk)
    response = client.get(reverse("decisions:pdf", args=[approved.pk]))
    assert response["Content-Type"] == "application/pdf" and Job.objects.count() == 0
    assert len(pages_of(response.content)) >= 2


def test_the_bar_follows_the_render_as_weasyprint_lays_out_the_pages(clerk, approved):
    job = Job.objects.create(owner=clerk, title="Quyết định", handler="awards.jobs.decision_document",
                             params={"decision": approved.pk}, total=100)
    seen = []
    report = progress_reporter(job.pk)

    def recording(done, total=None):
        report(done, total)
        seen.append(Job.objects.values_list("done", flat=True).get(pk=job.pk))

    output = decision_document(job, recording)
    assert len(pages_of(output.content)) == 3
    # Read from the job's row after each report: the text made, styles applied, boxes built, each of the three
    # pages laid out, the PDF written.
    assert seen == [5, 15, 25, 45, 65, 85, 95]


def test_a_decision_the_owner_may_no_longer_see_fails_with_a_reason(client, clerk, approved, long_lists):
    client.force_login(clerk)
    client.post(reverse("decisions:pdf", args=[approved.pk]))
    remove_roles(clerk, Role.OFFICE)  # moved to another post before the worker got to it
    run_worker()
    job = Job.objects.get()
    assert (job.state, job.error) == (JobState.FAILED, "Bạn không còn quyền xem văn bản này, hoặc văn bản đã bị xóa.")


def test_the_directors_review_offers_the_workers_file_instead_of_rendering_a_long_list_in_the_frame(
    client, director, gk_world, giay_khen, campaign, clerk, settings,
):
    draft = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    client.force_login(director)
    review = reverse("decisions:review", args=[draft.pk])
    settings.JOB_INLINE_MAX_LINES = 50
    assert '<iframe class="pdf-preview"' in client.get(review).content.decode()
    settings.JOB_INLINE_MAX_LINES = 3
    page = client.get(review).content.decode()
    assert '<iframe class="pdf-preview"' not in page
    assert f'<form method="post" action="{reverse("decisions:pdf", args=[draft.pk])}" target="_blank">' in page
    preview = client.get(reverse("decisions:preview_pdf", args=[draft.pk]))
    assert (preview.status_code, preview["Location"]) == (302, reverse("decisions:pdf", args=[draft.pk]))
    assert Job.objects.count() == 0


def test_long_minutes_of_the_council_are_rendered_by_the_worker(client, clerk, gk_world, long_lists):
    meeting = gk_world["meeting"]
    client.force_login(clerk)
    url = reverse("decisions:minutes_pdf", args=[meeting.pk])
    assert "Văn bản có danh sách 12 dòng" in client.get(url).content.decode() and Job.objects.count() == 0
    response = client.post(url)
    job = Job.objects.get()
    assert response["Location"] == reverse("ops:job", args=[job.pk])
    assert job.title == "Biên bản họp Hội đồng ngày 01/12/2023 (12 dòng), bản PDF"
    run_worker()
    job.refresh_from_db()
    assert (job.state, job.result_name) == (JobState.DONE, "bien-ban-hop-hoi-dong-20231201.pdf")
    text = text_of(_download(client, job))
    assert "BIÊN BẢN" in text and "Đặng Thị Hạnh" in text
