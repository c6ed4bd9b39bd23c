"""Every response carries a Content-Security-Policy: pages allow only the application's own scripts and styles,
no plugin and no framing; downloads (uploaded documents, generated PDFs and workbooks) are sandboxed and may load
nothing. Templates hold no inline script, event handler or style attribute that the policy would block."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.roles.world import build_world
from tests.urls import reverse

pytestmark = pytest.mark.django_db

PAGE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
DOWNLOAD_POLICY = {
    "default-src": "'none'",
    "sandbox": "",
    "frame-ancestors": "'none'",
    "form-action": "'none'",
    "base-uri": "'none'",
}


def policy(response) -> dict:
    header = response.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.status_code} {response.get('Content-Type')}"
    out = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        out[name] = value.strip()
    return out


def fetch(client, path, **extra):
    response = client.get(path, **extra)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def test_every_kind_of_response_carries_its_policy():
    w = build_world()
    office, head, anonymous = Client(), Client(), Client()
    office.force_login(w.clerk)
    head.force_login(w.head_a)
    root = Client()
    root.force_login(w.superuser)
    pages = {
        "page": fetch(office, reverse("home")),
        "unit page": fetch(head, reverse("portal:home")),
        "login page": fetch(anonymous, reverse("login")),
        "admin": fetch(root, reverse("admin:campaigns_unit_changelist")),
        "admin change page": fetch(office, reverse("admin:campaigns_unit_change", args=[w.unit_a.pk])),
        "404": fetch(head, reverse("files:version", args=[w.version_b.pk])),
        "redirect": fetch(anonymous, reverse("portal:home")),
        "400": fetch(office, reverse("home") + "?q=%00"),
    }
    downloads = {
        "uploaded file": fetch(head, reverse("files:version", args=[w.version_a.pk])),
        "decision PDF": fetch(office, reverse("decisions:pdf", args=[w.decision.pk])),
        "certificate PDF": fetch(office, reverse("decisions:certificate_pdf", args=[w.line_a.pk])),
        "Excel export": fetch(office, reverse("excel:export", args=["status"])),
    }
    assert {k: r.status_code for k, r in pages.items()} == {
        "page": 302, "unit page": 200, "login page": 200, "admin": 200, "admin change page": 200, "404": 404,
        "redirect": 302, "400": 400,
    }
    assert {k: r.status_code for k, r in downloads.items()} == {k: 200 for k in downloads}
    for name, response in pages.items():
        assert policy(response) == PAGE_POLICY, name
    for name, response in downloads.items():
        assert policy(response) == DOWNLOAD_POLICY, name
    assert downloads["uploaded file"]["Content-Type"] == "application/pdf"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)


def test_no_template_holds_inline_script_event_handlers_or_style_attributes():
    """The policy would block them in the browser. PDF templates are rendered by WeasyPrint, not a browser."""
    found = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(folder).rglob("*.html"):
            if "pdf" in path.relative_to(folder).parts:
                continue
            text = path.read_text(encoding="utf-8")
            for rule in (INLINE_SCRIPT, EVENT_HANDLER, STYLE_ATTRIBUTE):
                for match in rule.finditer(text):
                    found.append(f"{path.relative_to(folder)}: {match.group(0).strip()}")
    assert found == []
