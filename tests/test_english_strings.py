"""Vietnamese everywhere: every page every actor can open (the URLs of the access matrix, the admin's included,
plus a superuser for the admin's user pages) is crawled, and its visible text, button labels and titles are
searched for English strings known to slip through (Django's admin, django-simple-history, django-axes). The
admin's JavaScript catalogue is checked the same way. Missing translations belong in locale/vi/LC_MESSAGES."""

import json
import re
from html import unescape

import pytest
from django.db import transaction
from django.test import Client

from tests.access import ACTORS
from tests.factories import UserFactory
from tests.roles.admin_rule import prepare_admin_objects
from tests.test_access_matrix import Actors, build_world, collect_probes
from tests.urls import reverse

# Whole words or phrases, matched case-sensitively in the text a user reads.
ENGLISH = [
    "After you’ve created a user", "After you've created a user", "Password-based authentication", "Set password",
    "Reset password", "Enable password-based", "Disable password-based", "Raw passwords are not stored",
    "Choose all", "Can add", "Can change", "Can delete", "Can view", "Show counts", "Hide counts", "View history",
    "BẢN GHI NHỚ", "Bản ghi nhớ", "Skip to main content", "Breadcrumbs", "Toggle theme", "Toggle navigation",
    "Sidebar", "Filter navigation items", "Added:", "Changed:", "Deleted:", "Model name", "Add link",
    "Change or view list link", "Select all objects on this page", "Select this object for an action",
    "View selected", "Forgotten your login credentials", "In case you’ve forgotten", "Error:", "Enabled",
    "Disabled", "Date/time", "Changed by", "Change reason", "Comment", "Object", "Changes", "entries", "entry",
    "Home", "History", "Log out", "Welcome", "Recent actions", "My actions", "Save and", "Add another", "Search",
    "Filter", "Delete", "Change password", "View site", "Revert", "Close", "Access attempts", "Access logs",
    "Access failures", "Messages", "None", "Yes", "No", "Unknown", "Username", "Password", "Groups",
    "Permissions", "Staff status", "Superuser status", "Active", "First name", "Last name", "Email address",
    "Date joined", "Last login", "Important dates", "Personal info", "user permissions", "content type",
    "log entry", "session", "Access Log", "Failed access", "Attempted Access", "User Agent", "IP Address", "Go",
    "Run the selected action", "of", "selected", "Clear selection", "Select all",
]
PATTERN = re.compile(r"(?<![\w’'])(" + "|".join(re.escape(s) for s in sorted(ENGLISH, key=len, reverse=True)) + r")(?![\w’'])")
JS_MSGIDS = ["Choose all %s", "Remove all %s", "Choose selected %s", "Remove selected %s", "Show", "Hide", "Today",
             "Now", "Cancel", "Choose a Date", "Choose a Time", "Sunday", "January", "Filter", "(click to clear)"]


def readable_text(html: str) -> str:
    """What a user reads: the text outside tags, scripts and styles, and the values, placeholders and titles."""
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    attrs = re.findall(r'(?i)\s(?:value|placeholder|title|aria-label|alt)="([^"]*)"', html)
    hidden = re.findall(r'(?i)<input[^>]*type="hidden"[^>]*value="([^"]*)"', html)
    shown = [a for a in attrs if a not in hidden]
    text = re.sub(r"(?s)<[^>]+>", " ", html)
    return unescape(" ".join([text, *shown]))


def english_in(html: str) -> list[str]:
    return sorted(set(PATTERN.findall(readable_text(html))))


def english_with_context(html: str) -> list[str]:
    text = " ".join(readable_text(html).split())
    return sorted({f"{m.group(1)} («…{text[max(0, m.start() - 30):m.end() + 30]}…»)" for m in PATTERN.finditer(text)})


def test_the_checker_finds_english_and_passes_vietnamese():
    assert english_in('<p>Show counts</p><input type="submit" value="Save and add another">') == ["Save and", "Show counts"]
    assert english_in('<p>Hiện số lượng</p><input type="hidden" name="x" value="None"><script>var Home;</script>') == []


def _page(client, path):
    """The HTML of a page (None for anything else), in a savepoint rolled back afterwards."""
    with transaction.atomic():
        try:
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)
                return None
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                return response.content.decode()
            return None
        finally:
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_no_page_any_actor_can_open_shows_known_english():
    w = build_world(other_campaign=True)
    prepare_admin_objects(w)
    root = UserFactory(username="quantri_thu", is_superuser=True, is_staff=True)
    actors = Actors(w)
    found, seen = {}, 0
    pages = []
    for probe in collect_probes():
        with transaction.atomic():
            method, path, _ = probe.build(w)
            transaction.set_rollback(True)
        if method == "get":
            pages.append(path)
    for path in sorted(set(pages)):
        for actor in ACTORS:
            html = _page(actors.client(actor), path)
            if html is not None:
                seen += 1
                hits = english_with_context(html)
                if hits:
                    found.setdefault(f"{path} as {actor}", hits)
    client = Client()
    client.force_login(root)
    for path in _superuser_pages(w, root):
        html = _page(client, path)
        if html is not None:
            seen += 1
            hits = english_with_context(html)
            if hits:
                found.setdefault(f"{path} as superuser", hits)
    assert seen > 300
    assert found == {}, f"English on {len(found)} pages:\n" + "\n".join(f"{k}: {v}" for k, v in sorted(found.items()))


def _superuser_pages(w, root):
    return [
        reverse("admin:index"), reverse("admin:auth_user_add"), reverse("admin:auth_user_change", args=[w.staff.pk]),
        reverse("admin:auth_user_changelist"), reverse("admin:auth_group_changelist"),
        reverse("admin:auth_user_password_change", args=[w.staff.pk]), reverse("admin:auth_user_history", args=[w.staff.pk]),
        reverse("admin:password_change"),
    ]


@pytest.mark.django_db
def test_the_admins_javascript_catalogue_is_in_vietnamese(client, clerk):
    client.force_login(clerk)
    response = client.get(reverse("admin:jsi18n"))
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1))
    missing = [msgid for msgid in JS_MSGIDS if not catalog.get(msgid)]
    assert missing == []
