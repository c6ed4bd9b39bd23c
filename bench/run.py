#!/usr/bin/env python
"""The province-scale benchmark: `make bench` (or `.venv/bin/python bench/run.py`).

It creates a PostgreSQL database of its own (`emulation_bench`, or BENCH_DATABASE_URL), migrates it, loads the
2023 plan, builds a small campaign (3 units) and counts the queries of every page, grows it to the province
(300 units, 20,000 staff, 3,000 nominees with a result on every criterion, an approved decision and 1,000
certificates), then measures side by side:

- pages, through Django's test Client (server time, no network): the floor (a bare view rendering the base
  layout, defined in bench/ only), the unit home, the office dashboard and unit list, the appraisal list, the
  scoring grid, the ranking and the admin changelists: p50 and p95 over --samples requests, ratio of p95 to
  the floor's p95, and queries at 3 and at 300 units;
- the decision PDF and a 1,000-certificate batch against WeasyPrint rendering the same HTML directly;
- the staff import (20,000 rows) against openpyxl reading the same file, and the results export against
  openpyxl writing the same rows.

It prints a Markdown table (also written to bench/results/latest.md) and drops the database (--keep keeps it).
A page or document that does not exist yet is reported as n/a.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=30, help="requests per page (default 30)")
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--staff", type=int, default=20000)
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true",
                        help="measure a database kept by an earlier --keep run (no build, no small-campaign counts)")
    parser.add_argument("--only", default="", help="measure only pages and jobs whose label contains this text")
    return parser.parse_args()


# --- the database --------------------------------------------------------------------------------------------
def _db_config():
    import environ

    url = os.environ.get("BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/emulation_bench")
    return environ.Env.db_url_config(url)


def _admin_connection(config):
    import psycopg

    return psycopg.connect(
        host=config.get("HOST") or "127.0.0.1", port=config.get("PORT") or 5432, user=config.get("USER") or None,
        password=config.get("PASSWORD") or None, dbname="postgres", autocommit=True,
    )


def create_database():
    config = _db_config()
    with _admin_connection(config) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
    return config["NAME"]


def drop_database():
    from django.db import connections

    connections.close_all()
    config = _db_config()
    with _admin_connection(config) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')


# --- measuring -----------------------------------------------------------------------------------------------
def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


class Page:
    def __init__(self, label, user, candidates):
        self.label, self.user, self.candidates = label, user, candidates

    def url(self):
        from django.urls import NoReverseMatch, reverse

        from awards.plans import plan_2023
        from campaigns import scope
        from campaigns.models import Campaign

        campaign = Campaign.objects.get(code=plan_2023.CAMPAIGN["code"])
        for candidate in self.candidates:
            name, kwargs, query = (*candidate, "")[:3]
            if callable(kwargs):  # an object of the dataset, looked up once it exists
                kwargs = kwargs()
                if kwargs is None:
                    continue
            try:
                try:
                    return reverse(name, kwargs=kwargs) + query
                except NoReverseMatch:
                    return scope.reverse_in(campaign, name, kwargs=kwargs) + query
            except NoReverseMatch:
                continue
        return None


def _first(model_path, **filters):
    from django.apps import apps

    obj = apps.get_model(model_path).objects.filter(**filters).order_by("pk").first()
    return {"pk": obj.pk} if obj else None


def _first_nominee():
    return _first("awards.Nominee", dossier__state="accepted", target="individual")


def _first_dossier():
    return _first("awards.Dossier", state="accepted")


def _meeting_in_session():
    """The latest council meeting no signed decision rests on (the office still types votes there), else the first."""
    from awards.models import CouncilMeeting, DecisionState

    open_meeting = (CouncilMeeting.objects.exclude(decisions__state__in=[DecisionState.APPROVED, DecisionState.REPLACED])
                    .order_by("-held_at", "-pk").first())
    return {"pk": open_meeting.pk} if open_meeting else _first("awards.CouncilMeeting")


def pages():
    admin = [
        ("admin: dossiers", "awards_dossier"), ("admin: nominees", "awards_nominee"),
        ("admin: results", "awards_result"), ("admin: staff", "campaigns_staff"), ("admin: units", "campaigns_unit"),
        ("admin: documents", "awards_documentversion"), ("admin: decision lines", "awards_decisionline"),
        ("admin: registrations", "awards_registration"),
    ]
    return [
        Page("floor (base layout)", "bench_vanphong", [("bench_floor", {})]),
        Page("unit home", "bench_thutruong", [("portal:home", {})]),
        Page("office dashboard", "bench_vanphong", [("office:dashboard", {})]),
        Page("office unit list", "bench_vanphong", [("office:units", {})]),
        Page("appraisal list", "bench_vanphong", [("portal:office_dossiers", {})]),
        Page("scoring grid, collectives (300)", "bench_vanphong", [("scoring:grid", {}, "?target=collective")]),
        Page("scoring grid, individuals (2,700)", "bench_vanphong", [("scoring:grid", {}, "?target=individual")]),
        Page("ranking, collectives", "bench_vanphong", [("scoring:ranking", {}, "?target=collective")]),
        Page("ranking, individuals", "bench_vanphong", [("scoring:ranking", {}, "?target=individual")]),
        Page("nominee page (12 results, documents, history)", "bench_vanphong", [("scoring:nominee", _first_nominee)]),
        Page("dossier page (office)", "bench_vanphong", [("portal:office_dossier", _first_dossier)]),
        Page("council meeting page", "bench_vanphong", [("decisions:meeting", _meeting_in_session)]),
        # The meeting page loads its ties at the quota lines afterwards (htmx); they rank the whole province.
        Page("council meeting: ties at the quota line", "bench_vanphong", [("decisions:meeting_ties", _meeting_in_session)]),
        Page("admin: index (the admin's own floor)", "bench_quantri", [("admin:index", {})]),
        *[Page(label, "bench_quantri", [(f"admin:{name}_changelist", {})]) for label, name in admin],
    ]


def client_for(username):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def count_queries(page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = page.url()
    if url is None:
        return None, None
    client = client_for(page.user)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return len(ctx), response.status_code


def time_page(page, samples, floor, budget=20.0):
    """p50/p95 of `page`, and of the floor measured in turn with it (request by request), so that both see the
    same machine load. Pages slower than the budget allows get fewer samples (at least 5)."""
    url = page.url()
    if url is None:
        return None
    client, floor_client, floor_url = client_for(page.user), client_for(floor.user), floor.url()
    client.get(url)
    floor_client.get(floor_url)
    times, floor_times = [], []
    status = None
    started = time.perf_counter()
    minimum = 5
    while len(times) < samples and (len(times) < minimum or time.perf_counter() - started < budget):
        start = time.perf_counter()
        floor_client.get(floor_url)
        floor_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        status = response.status_code
        if times[0] > 5:
            minimum = 3  # a page this slow says enough in three requests
    return {"p50": statistics.median(times), "p95": percentile(times, 0.95), "status": status, "n": len(times),
            "floor_p95": percentile(floor_times, 0.95), "bytes": len(response.content)}


# --- documents -------------------------------------------------------------------------------------------------
def document_benchmarks(dataset):
    """[(label, product seconds or None, direct seconds or None, note)]."""
    from django.conf import settings
    from weasyprint import HTML

    from awards.pdf.render import html_to_pdf
    from bench import adapters

    # Warm up both ways first (the import, the fonts), so that neither side pays them in its figure.
    html_to_pdf("<p>x</p>")
    HTML(string="<p>x</p>").write_pdf()
    rows = []
    for label, product, html in adapters.documents(dataset):
        if product is None:
            rows.append((label, None, None, "n/a: not built yet"))
            continue

        # A document of a second or less is measured five times, product and direct in turn, and the medians are
        # compared (one sample of 0.3 s is the machine's noise); the long ones once each.
        t_products, t_directs = [], []
        while True:
            t_product, pdf = timed(product)
            source = html()
            t_direct, direct = timed(lambda: HTML(string=source, base_url=str(settings.BASE_DIR)).write_pdf())
            t_products.append(t_product)
            t_directs.append(t_direct)
            if len(t_products) >= 5 or t_product + t_direct > 2:
                break
        n = len(t_products)
        note = f"{len(pdf) // 1024} KB" + (f"; median of {n}" if n > 1 else "")
        rows.append((label, statistics.median(t_products), statistics.median(t_directs), note))
    return rows


def excel_benchmarks(dataset):
    from bench import adapters

    return adapters.excel(dataset)


# --- the report ------------------------------------------------------------------------------------------------
def machine():
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    from django import get_version
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0].split()[0]
    return (f"{cpu}, {os.cpu_count()} cores, {mem}; {platform.platform(terse=True)}; Python {platform.python_version()}, "
            f"Django {get_version()}, PostgreSQL {pg}")


def ms(seconds):
    return "n/a" if seconds is None else f"{seconds * 1000:.1f}"


def sec(seconds):
    return "n/a" if seconds is None else f"{seconds:.2f}"


START_LOAD = ""


def main():
    global START_LOAD
    START_LOAD = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    args = parse_args()
    if not args.reuse:
        name = create_database()
        print(f"Cơ sở dữ liệu {name} đã được tạo.", flush=True)
    import django

    django.setup()
    from emulation import memory

    # As the server does (emulation/wsgi.py): what start-up built is frozen out of the collector's reach, and what
    # the first requests load (templates, URL patterns) once warm.
    memory.settle()
    memory.settle_when_warm()
    from django.core.management import call_command

    from awards.models import Nominee, Result
    from bench.dataset import Dataset
    from campaigns.models import Staff

    selected = [p for p in pages() if args.only in p.label]
    try:
        if args.reuse:
            dataset = Dataset.existing(staff_total=args.staff)
            small = {p.label: (None, None) for p in selected}
            t_build = 0
        else:
            call_command("migrate", verbosity=0)
            dataset = Dataset(staff_total=args.staff)
            dataset.grow(units=3)
            small = {p.label: count_queries(p) for p in selected}
            t_build, _ = timed(dataset.grow, units=args.units)
            dataset.decide(certificates=args.certificates)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        sizes = (f"{args.units} units, {Staff.objects.count():,} staff, {Nominee.objects.count():,} nominees, "
                 f"{Result.objects.count():,} results")
        print(f"Dữ liệu: {sizes} (dựng trong {t_build:.0f} s).", flush=True)

        page_rows = []
        floor = pages()[0]
        for page in selected:
            large_q = count_queries(page)
            timing = time_page(page, args.samples, floor)
            page_rows.append((page, small[page.label], large_q, timing))
            print(f"  {page.label}: {ms(timing and timing['p95'])} ms p95", flush=True)
        # With --only, the documents and spreadsheets run only when the text names one of them (they take minutes).
        jobs = ("decision PDF", "certificates", "staff import", "results export")
        run_jobs = not args.only or any(args.only in job for job in jobs)
        doc_rows = [r for r in document_benchmarks(dataset) if args.only in r[0]] if run_jobs else []
        excel_rows = [r for r in excel_benchmarks(dataset) if args.only in r[0]] if run_jobs else []
        report = render_report(args, sizes, page_rows, doc_rows, excel_rows)
        print()
        print(report)
        out = ROOT / "bench" / "results"
        out.mkdir(exist_ok=True)
        (out / "latest.md").write_text(report + "\n", encoding="utf-8")
    finally:
        if not (args.keep or args.reuse):
            drop_database()


def render_report(args, sizes, page_rows, doc_rows, excel_rows):
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"Machine: {machine()}; load average at the end of the run (1, 5, 15 min): {load} (started at {START_LOAD}).",
        f"Data: {sizes}; up to {args.samples} requests per page (fewer for pages over 1 s), server time through "
        "Django's test Client, each page request alternating with a floor request so both see the same load; "
        "ratio = page p95 ÷ the floor's p95 measured alongside.",
        "",
        "| page | n | p50 ms | p95 ms | p95 ÷ floor | queries (3 units) | queries (300 units) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for page, (q_small, s_small), (q_large, s_large), timing in page_rows:
        if timing is None:
            lines.append(f"| {page.label} | | n/a | n/a | n/a | n/a | n/a |")
            continue
        ratio = 1.0 if page.label.startswith("floor") else timing["p95"] / timing["floor_p95"]
        status = "" if timing["status"] == 200 else f" (HTTP {timing['status']})"
        flat = "" if q_small is None or q_small == q_large else " ⚠ differs"
        lines.append(f"| {page.label}{status} | {timing['n']} | {ms(timing['p50'])} | {ms(timing['p95'])} | {ratio:.2f}× | "
                     f"{'n/a' if q_small is None else q_small} | {q_large}{flat} |")
    lines += ["", "| job | product s | direct s | ratio | note |", "|---|---:|---:|---:|---|"]
    for label, product, direct, note in [*doc_rows, *excel_rows]:
        ratio = f"{product / direct:.2f}×" if product and direct else "n/a"
        lines.append(f"| {label} | {sec(product)} | {sec(direct)} | {ratio} | {note} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
