#!/usr/bin/env python
"""The 1,000-certificate batch as a background job (a manual measurement, not part of the test suite):
`.venv/bin/python bench/certificates_job.py [--certificates 1000]`.

It builds a campaign with bench/dataset.py in a PostgreSQL database of its own (`emulation_bench_cert`, or
BENCH_DATABASE_URL), approves a decision of --certificates awardees, then, as the office: times the request that
starts the batch (POST to the certificates URL, through Django's test Client), runs the worker
(`db_worker --batch`) in a process of its own while sampling the job's progress every second, and reports the
request's time, the job's time, the progress samples and the PDF's pages. The database is dropped afterwards."""

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/emulation_bench_cert")
os.environ.setdefault("BENCH_MEDIA_ROOT", tempfile.mkdtemp(prefix="emulation-bench-cert-"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=1000)
    args = parser.parse_args()

    from bench.run import create_database, drop_database

    create_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from bench.dataset import Dataset
    from campaigns.ops.models import Job

    try:
        call_command("migrate", verbosity=0)
        dataset = Dataset(staff_total=args.certificates * 2)
        dataset.grow(units=max(3, args.certificates // 6 + 10))  # 9 individuals a unit, most accepted
        _, batch = dataset.decide(certificates=args.certificates)
        assert batch.lines.count() == args.certificates, batch.lines.count()

        client = Client()
        client.force_login(dataset.users["bench_vanphong"])
        start = time.perf_counter()
        response = client.post(reverse("decisions:certificates_pdf", args=[batch.pk]))
        request_s = time.perf_counter() - start
        job = Job.objects.get()
        assert response.status_code == 302, response.status_code

        from django.db import connections

        connections.close_all()
        start = time.perf_counter()
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
                                  cwd=ROOT, env=dict(os.environ))
        samples = []
        while worker.poll() is None:
            job.refresh_from_db()
            samples.append((round(time.perf_counter() - start), job.done))
            time.sleep(1)
        job_s = time.perf_counter() - start
        job.refresh_from_db()
        from pypdf import PdfReader

        with job.result.open("rb") as handle:
            pages = len(PdfReader(io.BytesIO(handle.read())).pages)
        print(f"{args.certificates} certificates: the request that starts the batch took {request_s * 1000:.0f} ms "
              f"(HTTP {response.status_code} to the job page); the worker made the {pages}-page PDF in {job_s:.1f} s "
              f"({job_s / max(pages, 1) * 1000:.0f} ms a page), state {job.state}; load average "
              f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())}.")
        shown = [s for i, s in enumerate(samples) if i % max(1, len(samples) // 12) == 0]
        print("progress (s, pages done): " + ", ".join(f"{t} s: {d}" for t, d in shown))
    finally:
        drop_database()


if __name__ == "__main__":
    main()
