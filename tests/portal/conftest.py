"""Fixtures of the unit portal: real small files of every accepted kind, and a clock inside the 2023 campaign."""

import datetime as dt
import io
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import AwardKind

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE_DEADLINE = dt.datetime(2023, 11, 10, 9, 0, tzinfo=VN)


def pdf_bytes(text="Bao cao thanh tich"):
    """A real one-page PDF (pypdf reads it back) with `text` on it."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def office_zip(part):
    """A minimal DOCX (part="word") or XLSX (part="xl") container."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{part}/document.xml" if part == "word" else f"{part}/workbook.xml", "<x/>")
    return out.getvalue()


def ole(stream_name):
    """The start of an OLE compound file whose directory names `stream_name` (WordDocument, Workbook)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + stream_name.encode("utf-16-le") + b"\0" * 64


def upload(name="bao-cao.pdf", content=None, content_type="application/pdf"):
    return SimpleUploadedFile(name, pdf_bytes(name) if content is None else content, content_type=content_type)


@pytest.fixture
def giay_khen(campaign):
    return AwardKind.objects.get(code="giay-khen-giam-doc")


@pytest.fixture
def bang_khen(campaign):
    return AwardKind.objects.get(code="bang-khen-ubnd-tinh")


@pytest.fixture
def in_campaign(time_machine):
    """The clock stands at 09:00 on 10/11/2023, Vietnam time: ten days before the dossier deadline."""
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    return BEFORE_DEADLINE
