"""Background jobs: a job (and its file) is seen only by the person who started it, here head_a."""

from django.core.files.base import ContentFile

from campaigns.ops.models import Job, JobState
from tests.access import Case
from tests.roles.world import PDF_BYTES

ANON = {"anonymous": "login"}
EVERYONE = {**ANON, "clerk": 200, "director": 200, "head_a": 200, "head_b": 200, "council": 200, "staff": 200}
OWNER_ONLY = {**ANON, "clerk": 404, "director": 404, "head_a": 200, "head_b": 404, "council": 404, "staff": 404}


def _job(w):
    job = Job.objects.create(owner=w.head_a, title="2 Giấy khen của Quyết định số 12/QĐ-SLĐTBXH",
                             handler="awards.jobs.certificates", params={"decision": w.decision.pk},
                             state=JobState.DONE, done=2, total=2, result_name="giay-khen.pdf",
                             result_type="application/pdf")
    job.result.save("giay-khen.pdf", ContentFile(PDF_BYTES), save=True)
    return {"pk": job.pk}


CASES = [
    Case("ops:jobs", expect=EVERYONE),
    Case("ops:job", kwargs=_job, expect=OWNER_ONLY),
    Case("ops:progress", kwargs=_job, expect=OWNER_ONLY),
    Case("ops:download", kwargs=_job, expect=OWNER_ONLY),
    # A done job needs no retry: its owner is sent back to its page.
    Case("ops:retry", kwargs=_job, method="post", expect={**OWNER_ONLY, "head_a": 302}),
]
