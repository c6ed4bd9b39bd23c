"""Measure the Excel import and export at office scale: importing 20,000 staff rows and exporting 50,000 result
rows, in seconds and peak memory. Not a test: run it by hand and copy the figures into the README.

    .venv/bin/python bench/excel_bench.py [--staff 20000] [--results 50000]

It works in a throwaway SQLite database (or the PostgreSQL database named by BENCH_DATABASE_URL, which it fills
and leaves behind), loads the 2023 plan, writes the staff file from the import template, imports it (then again:
nothing changes), creates nominees and results, and exports the scoring matrix. Times are wall-clock without
tracing; memory is the peak of Python allocations (tracemalloc, a second run) and the process's peak RSS."""

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label, func):
    """Wall-clock and CPU seconds: on a shared, loaded machine the CPU time is the figure that compares."""
    start, cpu = time.perf_counter(), time.process_time()
    result = func()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<48} {seconds:7.2f} s wall, {cpu:7.2f} s CPU   peak RSS so far {rss_mb():6.0f} MB", flush=True)
    return result, (seconds, cpu)


def traced(label, func):
    tracemalloc.start()
    func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<48} peak Python allocations {peak / 2**20:6.1f} MB", flush=True)
    return peak


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=20000)
    parser.add_argument("--results", type=int, default=50000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="excel-bench-"))
    setup(os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}")

    import datetime as dt
    import io

    from awards.models import AwardKind, Dossier, DossierState, Nominee, Outcome, Result
    from awards.plans import plan_2023
    from awards.plans.loader import load_plan_2023
    from campaigns.excel import layouts as L
    from campaigns.excel.exporters import export
    from campaigns.excel.importers import import_org
    from campaigns.excel.template_files import write_layouts
    from campaigns.models import Campaign, Criterion, Staff, Target

    load_plan_2023()
    campaign = Campaign.objects.get(code=plan_2023.CAMPAIGN["code"])
    units = [(f"DV{i:02d}", f"Phòng thử nghiệm số {i}", "section", None, "", True) for i in range(1, 41)]
    staff = [
        (f"CB{i:06d}", f"Nguyễn Thị Hồng Nhung {i}", "female" if i % 2 else "male", dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
         "Chuyên viên", "civil_servant", units[i % len(units)][0], f"cb{i}@example.vn", True)
        for i in range(1, args.staff + 1)
    ]
    path = workdir / "can-bo.xlsx"
    _, write_s = timed(f"write the staff file ({args.staff} rows)", lambda: write_layouts("org", {L.UNITS.name: units, L.STAFF.name: staff}, out=path))
    print(f"{'':<48} file size {path.stat().st_size / 2**20:.1f} MB")

    def do_import():
        with open(path, "rb") as fh:
            report = import_org(fh)
        assert report.errors == [], report.errors[:3]
        return report

    report, import_s = timed(f"import {args.staff} staff rows (all new)", do_import)
    print(f"{'':<48} {report.counts}")
    report, reimport_s = timed("import the same file again (nothing changes)", do_import)
    assert report.counts["unchanged"] == len(units) + len(staff), report.counts

    def dry_run():
        with open(path, "rb") as fh:
            import_org(fh, dry_run=True)

    import_peak = traced("import (dry run) under tracemalloc", dry_run)

    # Results: individuals × the 5 individual criteria (collectives × 12 when more are needed).
    criteria = list(Criterion.objects.filter(campaign=campaign, target=Target.INDIVIDUAL))
    giay_khen = AwardKind.objects.get(code="giay-khen-giam-doc")
    people = list(Staff.objects.select_related("unit").order_by("code")[: -(-args.results // len(criteria))])
    dossiers = {}
    for person in people:
        if person.unit_id not in dossiers:
            dossiers[person.unit_id] = Dossier.objects.create(campaign=campaign, unit=person.unit, state=DossierState.ACCEPTED)
    nominees = Nominee.objects.bulk_create(
        [Nominee(dossier=dossiers[p.unit_id], target=Target.INDIVIDUAL, unit_id=p.unit_id, staff=p, award_kind=giay_khen) for p in people],
        batch_size=1000,
    )
    results = [
        Result(nominee=n, criterion=c, computed=Outcome.MET, computed_reason="Xếp loại năm 2023: Hoàn thành xuất sắc nhiệm vụ",
               evidence="Quyết định số 12/QĐ-SLĐTBXH ngày 20/12/2023")
        for n in nominees for c in criteria
    ][: args.results]
    Result.objects.bulk_create(results, batch_size=2000)
    print(f"{'':<48} {Result.objects.count()} results in the database")

    data, export_s = timed(f"export the scoring matrix ({len(results)} rows)", lambda: export("scores", campaign=campaign))
    print(f"{'':<48} file size {len(data) / 2**20:.1f} MB")
    export_peak = traced("export under tracemalloc", lambda: export("scores", campaign=campaign, out=io.BytesIO()))
    print()
    print("| measure | wall clock | CPU |")
    print("|---|---|---|")
    print(f"| write the {args.staff:,}-row staff file from the template | {write_s[0]:.1f} s | {write_s[1]:.1f} s |")
    print(f"| import {args.staff:,} staff rows, all new | {import_s[0]:.1f} s | {import_s[1]:.1f} s |")
    print(f"| import the same file again (nothing changes) | {reimport_s[0]:.1f} s | {reimport_s[1]:.1f} s |")
    print(f"| export {len(results):,} result rows | {export_s[0]:.1f} s | {export_s[1]:.1f} s |")
    print(f"| import, peak Python allocations (tracemalloc) | {import_peak / 2**20:.0f} MB | |")
    print(f"| export, peak Python allocations (tracemalloc) | {export_peak / 2**20:.0f} MB | |")
    print(f"| peak RSS of the whole run | {rss_mb():.0f} MB | |")


if __name__ == "__main__":
    main()
