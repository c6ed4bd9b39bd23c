"""The benchmark's links to the product's documents and spreadsheets, each with the library doing the same job
directly beside it. Whatever the product does not have yet is reported as n/a."""

import datetime as dt
import io
import statistics
import time
from importlib import import_module

from django.db import transaction


def _find(candidates):
    """The first function that exists among (module, name) candidates, else None."""
    for module_name, name in candidates:
        try:
            module = import_module(module_name)
        except ImportError:
            continue
        fn = getattr(module, name, None)
        if fn is not None:
            return fn
    return None


# --- PDFs ------------------------------------------------------------------------------------------------------
def documents(dataset):
    """[(label, product callable or None, callable returning the same HTML)].

    The HTML is the one the product hands to WeasyPrint, recorded on the way (awards.pdf.render_pdf wrapped for
    one call), so the direct rendering converts exactly the same document."""
    try:
        import awards.pdf as pdf
    except ImportError:
        pdf = None
    n = dataset.batch.lines.count()
    if pdf is None or not hasattr(pdf, "decision_pdf") or not hasattr(pdf, "certificates_pdf"):
        return [("decision PDF (10 awardees)", None, None), (f"certificates, one PDF of {n}", None, None)]

    def recorded_html(fn, *args):
        from django.template.loader import render_to_string

        from awards.pdf.render import font_css

        seen = []
        original = pdf.render_pdf

        def record(template, context, **options):  # options: the job's progress report, its expected pages
            seen.append(render_to_string(template, {"font_css": font_css(), **context}))
            return b""

        pdf.render_pdf = record
        try:
            fn(*args)
        finally:
            pdf.render_pdf = original
        return seen[0]

    return [
        ("decision PDF (10 awardees)", lambda: pdf.decision_pdf(dataset.decision),
         lambda: recorded_html(pdf.decision_pdf, dataset.decision)),
        (f"certificates, one PDF of {n}", lambda: pdf.certificates_pdf(dataset.batch),
         lambda: recorded_html(pdf.certificates_pdf, dataset.batch)),
    ]


# --- Excel -----------------------------------------------------------------------------------------------------
# Each spreadsheet job and its library's direct work are measured this many times in turn and compared by medians:
# a single sample of a few seconds swung the export's ratio from 1.6× to 2.7× between two runs on a quiet machine.
ROUNDS = 3


def _medians(product, direct):
    """(median seconds of product(), median seconds of direct()), run in turn ROUNDS times."""
    times = ([], [])
    for _ in range(ROUNDS):
        for fn, out in zip((product, direct), times, strict=True):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def excel(dataset):
    """[(label, product seconds or None, direct seconds or None, note)]."""
    return [staff_import(dataset), results_export(dataset)]


def staff_import(dataset):
    label = "staff import (20,000 new rows)"
    try:
        from campaigns.excel import layouts as L
        from campaigns.excel.importers import import_org
        from campaigns.excel.template_files import write_layouts
    except ImportError:
        return (label, None, None, "n/a: not built yet")
    from openpyxl import load_workbook

    from campaigns.models import Unit

    units = list(Unit.objects.order_by("code").values_list("code", "name", "kind", "parent__code", "email", "active"))
    codes = [u[0] for u in units]
    staff = [
        (f"NX{i:06d}", f"Nguyễn Văn Nhập {i}", "male" if i % 2 else "female", dt.date(1980 + i % 20, 1 + i % 12, 1 + i % 28),
         "Chuyên viên", "civil_servant", codes[i % len(codes)], "", True)
        for i in range(dataset.staff_total)
    ]
    data = write_layouts("org", {L.UNITS.name: units, L.STAFF.name: staff}, title="Bench")
    reports = []

    def product():
        with transaction.atomic():
            reports.append(import_org(io.BytesIO(data)))
            transaction.set_rollback(True)

    counted = []

    def direct():
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        counted.append(sum(1 for ws in workbook.worksheets for _ in ws.iter_rows(values_only=True)))
        workbook.close()

    product_s, direct_s = _medians(product, direct)
    report = reports[-1]
    note = report.summary() if hasattr(report, "summary") else ""
    if report.errors:
        return (label, None, None, f"import refused: {report.errors[0]}")
    return (label, product_s, direct_s, f"{note} · openpyxl read-only: {counted[-1]:,} rows; median of {ROUNDS}")


def results_export(dataset):
    label = "results export (scores)"
    try:
        from campaigns.excel.exporters import export
    except ImportError:
        return (label, None, None, "n/a: not built yet")
    from django.contrib.auth import get_user_model
    from openpyxl import Workbook, load_workbook

    clerk = get_user_model().objects.get(username="bench_vanphong")
    buffer = io.BytesIO()
    try:
        export("scores", campaign=dataset.campaign, user=clerk, out=buffer)  # the rows the direct writing copies
    except KeyError:
        return (label, None, None, "n/a: not built yet")
    buffer.seek(0)
    workbook = load_workbook(buffer, read_only=True)
    sheets = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in workbook.worksheets]
    workbook.close()
    rows = sum(len(r) for _, r in sheets)

    def direct():
        out = Workbook(write_only=True)
        for title, sheet_rows in sheets:
            ws = out.create_sheet(title)
            for row in sheet_rows:
                ws.append(row)
        out.save(io.BytesIO())

    product_s, direct_s = _medians(lambda: export("scores", campaign=dataset.campaign, user=clerk, out=io.BytesIO()),
                                   direct)
    return (label, product_s, direct_s, f"{rows:,} rows; openpyxl write-only, same rows; median of {ROUNDS}")
