"""Peak memory of the Excel import for the largest file an office may upload (UPLOAD_MAX_BYTES, 20 MB) and for
the crafted files of issue 15. Not a test: run it by hand and copy the figures into the README.

    .venv/bin/python bench/excel_memory.py [--mb 20] [--before]

Each case runs in a fresh process (so its peak RSS is its own) against a throwaway SQLite database holding the
2023 plan and the file's 40 units: a staff workbook written from the import template with as many rows as fit in
`--mb` megabytes (the upload limit); the largest workbook the import reads (MAX_ROWS staff rows), as a dry run
(the preview, which reads and checks every row) and for real; the probe's 254 KB workbook whose one cell packs
250 MB of one letter; a workbook with a 40,000-character cell.
`--wide` measures only a workbook of MAX_ROWS rows whose texts fill their fields (about 20 MB, packing poorly).
`--before` also loads the packed file with openpyxl directly, as the reader did before the checks (about 1 GB)."""

import argparse
import datetime as dt
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UNITS = [(f"DV{i:02d}", f"Phòng thử nghiệm số {i}", "section", None, "", True) for i in range(1, 41)]


def rss_mb():
    """This process's peak resident memory (VmHWM: its own, unlike ru_maxrss, which a child inherits from the
    parent it was forked from)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup(workdir):
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'memory.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    import django

    django.setup()


def staff_rows(n):
    return [
        (f"CB{i:06d}", f"Nguyễn Thị Hồng Nhung {i}", "female" if i % 2 else "male",
         dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28), "Chuyên viên", "civil_servant", UNITS[i % len(UNITS)][0],
         f"cb{i}@example.vn", True)
        for i in range(1, n + 1)
    ]


def write_staff(path, n, rows=None):
    from campaigns.excel import layouts as L
    from campaigns.excel.template_files import write_layouts

    write_layouts("org", {L.UNITS.name: UNITS, L.STAFF.name: rows or staff_rows(n)}, out=path)


def wide_rows(n):
    """Staff rows whose name and position fill their 255 characters with text that packs poorly (random
    letters): the most memory a valid row can take, and about 20 MB of file for MAX_ROWS of them."""
    import random

    rng = random.Random(15)
    letters = "abcdeghiklmnopqrstuvxyăâđêôơư "

    def text():
        return "".join(rng.choice(letters) for _ in range(255)).strip() or "a"

    return [(code, text(), gender, born, text(), category, unit, email, active)
            for code, _, gender, born, _, category, unit, email, active in staff_rows(n)]


def packed(path, megabytes):
    from campaigns.excel import layouts as L
    from campaigns.excel.template_files import write_layouts

    plain = io.BytesIO()
    write_layouts("org", {L.UNITS.name: [("P1", "PACKED", "section", None, "", True)], L.STAFF.name: []}, out=plain)
    source = zipfile.ZipFile(plain)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if b"PACKED" not in body:
                target.writestr(item.filename, body)
                continue
            head, tail = body.split(b"PACKED", 1)
            with target.open(item.filename, "w", force_zip64=True) as part:
                part.write(head)
                for _ in range(megabytes):
                    part.write(b"A" * 2**20)
                part.write(tail)


def long_cell(path):
    import random

    from campaigns.excel import layouts as L
    from campaigns.excel.template_files import write_layouts

    plain = io.BytesIO()
    write_layouts("org", {L.UNITS.name: [("P1", "LONGCELL", "section", None, "", True)], L.STAFF.name: []}, out=plain)
    rng = random.Random(15)
    text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(40_000)).encode()
    source = zipfile.ZipFile(plain)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename).replace(b"LONGCELL", text))


def child(case, path, workdir):
    """One measurement, in this (fresh) process; prints a JSON line."""
    setup(workdir)
    from campaigns.excel.importers import import_org

    base = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    if case == "openpyxl-before":
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        outcome = "read by openpyxl"
    else:
        with open(path, "rb") as fh:
            report = import_org(fh, dry_run=(case != "import"))
        outcome = report.errors[0].message[:90] if report.errors else report.counts
    print(json.dumps({"case": case, "file_mb": os.path.getsize(path) / 2**20, "baseline_rss_mb": base,
                      "peak_rss_mb": rss_mb(), "wall_s": time.perf_counter() - start,
                      "cpu_s": time.process_time() - cpu, "outcome": str(outcome)}, ensure_ascii=False))


def run_child(case, path, workdir):
    out = subprocess.run([sys.executable, __file__, "--child", case, str(path), str(workdir)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return child(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--wide", action="store_true", help="only the workbook of MAX_ROWS rows of 255-character texts")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="excel-memory-"))
    setup(workdir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from awards.plans.loader import load_plan_2023
    from campaigns.models import Unit, UnitKind
    from campaigns.selectors import get_organisation

    load_plan_2023()
    organisation = get_organisation()
    Unit.objects.bulk_create([Unit(organisation=organisation, code=c, name=n, kind=UnitKind.SECTION) for c, n, *_ in UNITS])

    from campaigns.excel.reader import MAX_ROWS

    if args.wide:
        wide = workdir / "staff-max-rows-wide.xlsx"
        write_staff(wide, MAX_ROWS, rows=wide_rows(MAX_ROWS))
        with zipfile.ZipFile(wide) as z:
            unpacked = sum(i.file_size for i in z.infolist())
        print(f"{wide.name}: {wide.stat().st_size / 2**20:.1f} MB, {unpacked / 2**20:.0f} MB unpacked", flush=True)
        for case in ("preview", "import"):
            print(json.dumps({"file": wide.name, **run_child(case, wide, workdir)}, ensure_ascii=False), flush=True)
        return
    # As many staff rows as fit in --mb megabytes (the file's size grows linearly with its rows).

    probe = workdir / "probe.xlsx"
    write_staff(probe, 5_000)
    rows = int(args.mb * 2**20 / (probe.stat().st_size / 5_000))
    big = workdir / "staff-upload-limit.xlsx"
    write_staff(big, rows)
    largest = workdir / "staff-max-rows.xlsx"
    write_staff(largest, MAX_ROWS)
    for path in (big, largest):
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
        print(f"{path.name}: {path.stat().st_size / 2**20:.1f} MB, {unpacked / 2**20:.0f} MB unpacked", flush=True)
    bomb = workdir / "packed.xlsx"
    packed(bomb, 250)
    cell = workdir / "long-cell.xlsx"
    long_cell(cell)
    cases = [("preview", big), ("preview", largest), ("import", largest), ("preview", bomb), ("preview", cell)]
    if args.before:
        cases.append(("openpyxl-before", bomb))
    for case, path in cases:
        print(json.dumps({"file": path.name, **run_child(case, path, workdir)}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
