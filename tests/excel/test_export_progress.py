"""A big export run by the worker moves its bar as it writes: every 2 % of the rows (every 400 of 20,000; here
every 100 of 5,000, to keep the test short), not from 0 to 100 % in one step."""

import io

import pytest
from openpyxl import load_workbook

from awards.models import Nominee, Result
from campaigns.excel.jobs import export_job
from campaigns.models import Criterion, Staff, Target
from campaigns.ops.jobs import progress_reporter
from campaigns.ops.models import Job
from tests.decisions.conftest import giay_khen, gk_world  # noqa: F401  (nominees, criteria and a dossier per unit)
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def _grow_to(rows, gk_world):  # noqa: F811
    """Individuals with a result for each criterion, written in bulk, until the scoring matrix has `rows` rows."""
    model = gk_world["individuals"][0]
    criteria = list(Criterion.objects.filter(campaign=model.dossier.campaign, target=Target.INDIVIDUAL))
    missing = (rows - Result.objects.count()) // len(criteria)
    staff = Staff.objects.bulk_create(
        Staff(code=f"T{i:05d}", full_name=f"Nguyễn Văn Thử {i}", unit=model.unit, gender=model.staff.gender,
              position="Chuyên viên", category=model.staff.category)
        for i in range(missing)
    )
    nominees = Nominee.objects.bulk_create(
        Nominee(dossier=model.dossier, target=Target.INDIVIDUAL, unit=model.unit, staff=s, award_kind=model.award_kind)
        for s in staff
    )
    Result.objects.bulk_create(Result(nominee=n, criterion=c, computed="met") for n in nominees for c in criteria)
    return Result.objects.count()


def test_a_big_export_reports_its_rows_every_2_percent_as_it_writes_them(client, clerk, campaign, gk_world):  # noqa: F811
    rows = _grow_to(5_000, gk_world)
    assert 4_900 < rows <= 5_000
    job = Job.objects.create(owner=clerk, title="Bảng kết quả đánh giá", handler="campaigns.excel.jobs.export_job",
                             params={"what": "scores", "campaign": campaign.pk}, total=rows)
    report, seen = progress_reporter(job.pk), []

    def recording(done, total=None):
        report(done, total)
        seen.append(Job.objects.values_list("done", flat=True).get(pk=job.pk))  # what the job's page shows

    output = export_job(job, recording)

    assert seen[:3] == [100, 200, 300]  # 2 % of 4,9xx rows, but never more often than every 100 rows
    assert seen == sorted(seen) and len(seen) >= 49  # all the way
    assert seen[-2] == rows - 1 and seen[-1] == rows  # the summary sheets, then saved
    client.force_login(clerk)
    shown = f"{rows:,}".replace(",", ".")
    assert f" · {shown}/{shown}</p>" in client.get(reverse("ops:progress", args=[job.pk])).content.decode()
    sheet = load_workbook(io.BytesIO(output.content), read_only=True)["Kết quả đánh giá"]
    assert sum(1 for r in sheet.iter_rows(values_only=True) if len(r) > 5 and isinstance(r[5], int)) == rows
