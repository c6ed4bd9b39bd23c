#!/usr/bin/env python
"""The deadline-day load test: `make bench-load` (or `.venv/bin/python bench/deadline_day.py`). Not part of the
test suite.

The evening of the deadline every unit head uploads at once. This script:

1. creates a PostgreSQL database of its own (`emulation_bench_load`, or BENCH_LOAD_DATABASE_URL), migrates it with
   the product's own settings (DEBUG off, the real password hasher), loads the 2023 plan, moves the campaign's
   dossier deadline to tomorrow, and builds --units units, each with a unit head account and a draft dossier
   proposing the unit itself (the three files are what the load uploads), plus one office account;
2. starts gunicorn (--workers sync workers) on 127.0.0.1 on a free port, and the worker (`db_worker`, mail to a
   dummy backend) beside it, exactly as in production;
3. runs the unit heads in waves of --wave at once (each wave bounded by --wave-timeout seconds): each opens the
   login page, logs in, opens the dossier, uploads three PDF files (proposal letter, council minutes, the
   achievement report; ~--pdf-kb KB each, all different) and submits; meanwhile the office reloads the dashboard
   once a second;
4. reports requests per second, p50/p95/p99 per step and the errors (anything but the expected answer), then
   checks in the database and on disk that every upload is stored exactly once (one version per document, the
   SHA-256 of what was sent, one file per version, no stray file), every dossier is submitted, and every
   notification was queued (one outbox mail per submission; and, after the worker drained, sent);
5. writes bench/results/deadline_day.md and .json, and drops the database (--keep keeps it).
"""

import argparse
import hashlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV = ROOT / ".venv" / "bin"
STEPS = ["login page", "login", "dossier page", "upload", "submit", "office dashboard"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--wave", type=int, default=50, help="unit heads at once (default 50)")
    parser.add_argument("--wave-timeout", type=float, default=240.0, help="seconds a wave may take (default 240)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--pdf-kb", type=int, default=200, help="size of each uploaded PDF in KB (default 200)")
    parser.add_argument("--keep", action="store_true", help="keep the database and the files afterwards")
    return parser.parse_args()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def pdf_of(kb: int, label: str) -> bytes:
    """A valid one-page PDF of about `kb` KB whose bulk is a random stream, so that every file differs."""
    text = f"BT /F1 12 Tf 72 720 Td ({label}) Tj ET".encode("ascii", "replace")
    filler = secrets.token_bytes(kb * 1024)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(filler) + filler + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --- the environment every process shares (this one for setup and checks, gunicorn, the worker) ------------------
def configure(db_url, media_root):
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "DATABASE_URL": db_url,
        "CONN_MAX_AGE": "60",
        "MEDIA_ROOT": str(media_root),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_URL": "dummymail://",
        "OFFICE_EMAILS": "vanphong@example.vn",
        "LOG_LEVEL": "ERROR",
        # 300 unit heads log in from one address within minutes: the lockout counts failures only, none here.
        "AXES_FAILURE_LIMIT": "5",
    })


def admin_sql(db_url, sql):
    import environ
    import psycopg

    config = environ.Env.db_url_config(db_url)
    with psycopg.connect(host=config.get("HOST") or "127.0.0.1", port=config.get("PORT") or 5432,
                         user=config.get("USER") or None, password=config.get("PASSWORD") or None,
                         dbname="postgres", autocommit=True) as conn:
        conn.execute(sql.format(name=config["NAME"]))


def build(units: int, password: str):
    """The campaign on the eve of its deadline: `units` units with a head and a draft dossier each."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from awards.models import AwardKind
    from awards.plans.loader import load_plan_2023
    from awards.services import dossiers
    from awards.services.progress import vietnam_today
    from campaigns.models import Campaign, Staff, StaffCategory, Unit, UnitKind
    from campaigns.roles import GROUP_NAMES, Role
    from campaigns.scope import reverse_in
    from campaigns.selectors import get_organisation

    call_command("migrate", verbosity=0)
    load_plan_2023()
    campaign = Campaign.objects.get(code="cchc-2023")
    campaign.dossier_deadline = vietnam_today() + dt.timedelta(days=1)
    campaign.save(update_fields=["dossier_deadline"])
    organisation = get_organisation()
    award = AwardKind.objects.get(code="giay-khen-giam-doc")
    hashed = make_password(password)  # one hash for all: building 300 is not what is measured (logging in is)
    User = get_user_model()
    from django.contrib.auth.models import Group

    heads_group = Group.objects.get(name=GROUP_NAMES[Role.UNIT_HEAD])
    office_group = Group.objects.get(name=GROUP_NAMES[Role.OFFICE])
    office_unit = Unit.objects.create(organisation=organisation, code="VP", name="Văn phòng Sở", kind=UnitKind.SECTION)
    office = User.objects.create(username="vanphong", password=hashed, last_name="Trần", first_name="Thu Hà",
                                 is_staff=True, email="vanphong@example.vn")
    office.groups.add(office_group)
    Staff.objects.create(code="VP001", full_name="Trần Thị Thu Hà", unit=office_unit, user=office,
                         category=StaffCategory.CIVIL_SERVANT, position="Chuyên viên")
    plan = []
    for i in range(1, units + 1):
        unit = Unit.objects.create(organisation=organisation, code=f"DV{i:03d}", name=f"Đơn vị thử tải số {i}",
                                   kind=UnitKind.ATTACHED)
        head = User.objects.create(username=f"head{i:03d}", password=hashed, last_name="Nguyễn",
                                   first_name=f"Văn {i}", email=f"head{i:03d}@example.vn")
        head.groups.add(heads_group)
        Staff.objects.create(code=f"S{i:05d}", full_name=f"Nguyễn Văn {i}", unit=unit, user=head,
                             category=StaffCategory.CIVIL_SERVANT, position="Giám đốc")
        dossier = dossiers.get_or_create_dossier(campaign, unit)
        nominee = dossiers.add_nominee(dossier, award_kind=award, actor=head)
        # The campaign's own addresses (a page of a campaign lives under its code: /cchc-2023/...).
        plan.append({
            "username": head.username, "unit": unit.pk, "dossier": dossier.pk, "nominee": nominee.pk,
            "dossier_url": reverse_in(campaign, "portal:dossier", kwargs={"pk": dossier.pk}),
            "upload_urls": {kind: reverse_in(campaign, "portal:dossier_upload", kwargs={"pk": dossier.pk, "kind": kind})
                            for kind in ("proposal_letter", "council_minutes")},
            "report_url": reverse_in(campaign, "portal:report_upload", kwargs={"pk": nominee.pk}),
            "submit_url": reverse_in(campaign, "portal:dossier_submit", kwargs={"pk": dossier.pk}),
            "dashboard_url": reverse_in(campaign, "office:dashboard"),
        })
    return plan


# --- the load -------------------------------------------------------------------------------------------------
class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = []
        self.requests = 0

    def call(self, step, fn, expect, *args, **kwargs):
        start = time.perf_counter()
        try:
            response = fn(*args, allow_redirects=False, timeout=120, **kwargs)
            ok = response.status_code == expect
            detail = f"HTTP {response.status_code}"
        except Exception as exc:  # noqa: BLE001 (every failure is counted and reported)
            response, ok, detail = None, False, f"{exc.__class__.__name__}: {exc}"
        elapsed = time.perf_counter() - start
        with self.lock:
            self.requests += 1
            self.times[step].append(elapsed)
            if not ok:
                self.errors.append(f"{step}: {detail}")
        return response if ok else None


def csrf_of(session):
    return session.cookies.get("csrftoken", "")


def unit_head(base, row, files, password, rec):
    import requests

    s = requests.Session()
    if rec.call("login page", s.get, 200, f"{base}/dang-nhap/") is None:
        return
    if rec.call("login", s.post, 302, f"{base}/dang-nhap/",
                data={"username": row["username"], "password": password, "csrfmiddlewaretoken": csrf_of(s)}) is None:
        return
    if rec.call("dossier page", s.get, 200, base + row["dossier_url"]) is None:
        return
    token = {"csrfmiddlewaretoken": csrf_of(s)}
    uploads = [
        (base + row["upload_urls"]["proposal_letter"], "Tờ trình đề nghị khen thưởng.pdf", "proposal_letter"),
        (base + row["upload_urls"]["council_minutes"], "Biên bản họp Hội đồng.pdf", "council_minutes"),
        (base + row["report_url"], "Báo cáo thành tích.pdf", "achievement_report"),
    ]
    for url, name, kind in uploads:
        rec.call("upload", s.post, 302, url, data=token, files={"file": (name, files[kind], "application/pdf")})
    rec.call("submit", s.post, 302, base + row["submit_url"], data=token)


def office_reloads(base, dashboard_url, password, rec, stop):
    import requests

    s = requests.Session()
    rec.call("login page", s.get, 200, f"{base}/dang-nhap/")
    rec.call("login", s.post, 302, f"{base}/dang-nhap/",
             data={"username": "vanphong", "password": password, "csrfmiddlewaretoken": csrf_of(s)})
    while not stop.is_set():
        rec.call("office dashboard", s.get, 200, base + dashboard_url)
        stop.wait(1.0)


def wait_for(url, seconds=60):
    import requests

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if requests.get(url, timeout=5).status_code in (200, 302):
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url} within {seconds} s")


# --- the checks afterwards ---------------------------------------------------------------------------------------
def verify(plan, sent, media_root, *, wait_mail=120):
    from django.db import connections

    from awards.models import DocumentVersion, Dossier, DossierState
    from campaigns.ops.models import MailState, OutgoingEmail

    connections.close_all()
    problems = []
    states = dict(Dossier.objects.filter(pk__in=[r["dossier"] for r in plan]).values_list("pk", "state"))
    not_submitted = [pk for pk, state in states.items() if state != DossierState.SUBMITTED]
    if not_submitted:
        problems.append(f"{len(not_submitted)} dossiers not submitted")
    versions = list(DocumentVersion.objects.values("document_id", "document__kind", "document__unit_id", "sha256", "file"))
    per_document = defaultdict(int)
    for v in versions:
        per_document[v["document_id"]] += 1
    duplicates = sum(1 for n in per_document.values() if n != 1)
    if duplicates:
        problems.append(f"{duplicates} documents with more than one version")
    expected = {(r["unit"], kind): hashlib.sha256(data).hexdigest() for r in plan for kind, data in sent[r["username"]].items()}
    stored = {}
    for v in versions:
        stored[(v["document__unit_id"], v["document__kind"])] = v["sha256"]
        path = Path(media_root) / v["file"]
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != v["sha256"]:
            problems.append(f"file of {v['file']} missing or different")
    missing = [k for k in expected if stored.get(k) != expected[k]]
    if missing:
        problems.append(f"{len(missing)} uploads not stored as sent (e.g. {missing[0]})")
    on_disk = [p for p in (Path(media_root) / "documents").rglob("*") if p.is_file()]
    if len(on_disk) != len(versions):
        problems.append(f"{len(on_disk)} files on disk for {len(versions)} versions")
    queued = OutgoingEmail.objects.count()
    if queued != len(plan):
        problems.append(f"{queued} notifications queued for {len(plan)} submissions")
    deadline = time.time() + wait_mail
    while OutgoingEmail.objects.exclude(state=MailState.SENT).exists() and time.time() < deadline:
        time.sleep(1)
    sent_mail = OutgoingEmail.objects.filter(state=MailState.SENT).count()
    if sent_mail != len(plan):
        problems.append(f"{sent_mail} of {len(plan)} notifications sent by the worker")
    return {
        "dossiers submitted": sum(1 for s in states.values() if s == DossierState.SUBMITTED),
        "document versions": len(versions), "uploads expected": len(expected),
        "uploads stored exactly once, as sent": len(expected) - len(missing) if not duplicates else 0,
        "files on disk": len(on_disk), "notifications queued": queued, "notifications sent": sent_mail,
        "problems": problems,
    }


def machine():
    import django

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, AttributeError):
        pass
    return f"{cpu}, {os.cpu_count()} cores, {mem}; {platform.platform()}; Python {platform.python_version()}, Django {django.get_version()}"


def main():
    args = parse_args()
    db_url = os.environ.get("BENCH_LOAD_DATABASE_URL", "postgres://root@127.0.0.1:5432/emulation_bench_load")
    media_root = Path(tempfile.mkdtemp(prefix="emulation-deadline-media-"))
    configure(db_url, media_root)
    password = "ThuTai@" + secrets.token_hex(4)
    admin_sql(db_url, 'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin_sql(db_url, 'CREATE DATABASE "{name}"')
    processes = []
    try:
        import django

        django.setup()
        t0 = time.perf_counter()
        plan = build(args.units, password)
        print(f"built {len(plan)} units with heads and draft dossiers in {time.perf_counter() - t0:.0f} s", flush=True)
        from django.db import connections

        connections.close_all()

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        os.environ["SITE_URL"] = base
        log = open(media_root.parent / f"deadline-day-{port}.log", "w")
        processes.append(subprocess.Popen(
            [str(VENV / "gunicorn"), "emulation.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
             "--timeout", "120", "--no-control-socket"], cwd=ROOT, stdout=log, stderr=log))
        processes.append(subprocess.Popen(
            [str(VENV / "python"), "manage.py", "db_worker", "--interval", "1"], cwd=ROOT, stdout=log, stderr=log))
        wait_for(f"{base}/dang-nhap/")

        sent = {r["username"]: {kind: pdf_of(args.pdf_kb, f"{r['username']} {kind}")
                                for kind in ("proposal_letter", "council_minutes", "achievement_report")} for r in plan}
        rec = Recorder()
        stop = threading.Event()
        office = threading.Thread(target=office_reloads, args=(base, plan[0]["dashboard_url"], password, rec, stop), daemon=True)
        load_start = [os.getloadavg()]
        start = time.perf_counter()
        office.start()
        waves = []
        for w in range(0, len(plan), args.wave):
            rows = plan[w:w + args.wave]
            threads = [threading.Thread(target=unit_head, args=(base, r, sent[r["username"]], password, rec), daemon=True)
                       for r in rows]
            wave_start = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join(max(0.0, args.wave_timeout - (time.perf_counter() - wave_start)))
            late = sum(1 for t in threads if t.is_alive())
            if late:
                rec.errors.append(f"wave {len(waves) + 1}: {late} unit heads not done within {args.wave_timeout:.0f} s")
            waves.append(time.perf_counter() - wave_start)
            print(f"wave {len(waves)}: {len(rows)} unit heads in {waves[-1]:.1f} s", flush=True)
        stop.set()
        office.join(10)
        duration = time.perf_counter() - start
        load_end = os.getloadavg()

        checks = verify(plan, sent, media_root)
        result = {
            "date": time.strftime("%d/%m/%Y %H:%M UTC", time.gmtime()), "machine": machine(),
            "units": len(plan), "wave": args.wave, "workers": args.workers, "pdf_kb": args.pdf_kb,
            "duration_s": round(duration, 1), "requests": rec.requests, "req_per_s": round(rec.requests / duration, 1),
            "waves_s": [round(x, 1) for x in waves], "errors": rec.errors,
            "steps": {step: {"n": len(rec.times[step]),
                             "p50_ms": round(percentile(rec.times[step], .50) * 1000, 1),
                             "p95_ms": round(percentile(rec.times[step], .95) * 1000, 1),
                             "p99_ms": round(percentile(rec.times[step], .99) * 1000, 1)}
                      for step in STEPS if rec.times[step]},
            "load_before": [round(x, 1) for x in load_start[0]], "load_after": [round(x, 1) for x in load_end],
            "checks": checks,
        }
        report(result)
        return 0 if not rec.errors and not checks["problems"] else 1
    finally:
        for p in processes:
            p.send_signal(signal.SIGTERM)
        for p in processes:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin_sql(db_url, 'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            shutil.rmtree(media_root, ignore_errors=True)


def report(r):
    lines = [
        f"Run {r['date']}. Machine: {r['machine']}; PostgreSQL on 127.0.0.1; gunicorn {r['workers']} sync workers "
        f"and one db_worker. Load average (1, 5, 15 min) before: {' / '.join(map(str, r['load_before']))}, "
        f"after: {' / '.join(map(str, r['load_after']))}.",
        f"{r['units']} unit heads in waves of {r['wave']} ({', '.join(f'{x} s' for x in r['waves_s'])}), three PDFs of "
        f"{r['pdf_kb']} KB each; the office reloading the dashboard every second. {r['requests']} requests in "
        f"{r['duration_s']} s: **{r['req_per_s']} requests/s**, **{len(r['errors'])} errors**.",
        "",
        "| step | n | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for step, s in r["steps"].items():
        lines.append(f"| {step} | {s['n']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} |")
    c = r["checks"]
    lines += [
        "",
        "| check afterwards | result |",
        "|---|---|",
        f"| dossiers submitted | {c['dossiers submitted']} of {r['units']} |",
        f"| uploads stored exactly once, with the SHA-256 of what was sent | {c['uploads stored exactly once, as sent']} of "
        f"{c['uploads expected']} ({c['document versions']} versions, {c['files on disk']} files on disk) |",
        f"| notifications queued (outbox) | {c['notifications queued']} of {r['units']} |",
        f"| notifications sent by the worker afterwards | {c['notifications sent']} of {r['units']} |",
        f"| problems | {'; '.join(c['problems']) or 'none'} |",
    ]
    if r["errors"]:
        lines += ["", "Errors (first 20):", *[f"- {e}" for e in r["errors"][:20]]]
    text = "\n".join(lines)
    print(text)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "deadline_day.md").write_text(text + "\n", encoding="utf-8")
    (out / "deadline_day.json").write_text(json.dumps(r, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
