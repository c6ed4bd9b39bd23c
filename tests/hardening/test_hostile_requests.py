"""Hostile values in the URL and the query string, sent to every URL of the resolver (the admin's included), never
reach a 500 on SQLite or PostgreSQL: ids past the database's integer range (2^63 and more: an OverflowError on
SQLite), negative and non-numeric ids, and NUL or other control characters in a parameter (a DataError on
PostgreSQL, e.g. `?phong-trao=%00` on the exports or an admin list filter). An out-of-range id answers 404; a
control character answers 400 with a Vietnamese page, and nothing is stored."""

import re
from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import Client

from tests.roles.admin_rule import prepare_admin_objects
from tests.roles.world import build_world
from tests.test_access_matrix import url_patterns

pytestmark = pytest.mark.django_db

HUGE_IDS = [str(2**63), str(2**64), "9" * 30]
OTHER_SEGMENTS = ["-1", "abc", "0"]  # where a converter takes any text (the admin's <path:object_id>)
CONTROL = ["\x00", "a\x00b", "\x1b[31m", "\x7f"]
PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)|\(\[\^/\]\+\)")


def paths_for(route: str, value: str, *, fill="1"):
    """The route with every placeholder set to `value` once (the others `fill`)."""
    route = re.sub(r"(^|/)\^", r"\1", route).removesuffix("$")
    slots = list(PLACEHOLDER.finditer(route)) + list(REGEX_GROUP.finditer(route))
    out = []
    for slot in slots:
        converter = slot.group(1) if slot.re is PLACEHOLDER else None
        if converter == "int" and not value.isdigit():
            continue  # the int converter itself refuses it (404 by the resolver)
        path = route[: slot.start()] + quote(value, safe="") + route[slot.end():]
        path = PLACEHOLDER.sub(fill, path)
        path = REGEX_GROUP.sub("auth" if "app_label" in path else fill, path)
        out.append("/" + path)
    return out


def parameter_names(html: str) -> set:
    """Names of the query parameters a page links to (filters, paging, sorting) and of its form fields."""
    names = set(re.findall(r"[?&](?:amp;)?([\w.\-]+)=", html))
    names |= set(re.findall(r'name="([^"]+)"', html))
    return names - {"csrfmiddlewaretoken"}


def status_of(client, method, path, data=None, **extra):
    with transaction.atomic():
        try:
            response = getattr(client, method)(path, data or {}, **extra)
            if response.streaming:
                b"".join(response.streaming_content)
            return response
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def hostile_world(db):
    w = build_world()
    prepare_admin_objects(w)
    return w


def _clients(w):
    out = {}
    for who, user in (("root", w.superuser), ("clerk", w.clerk), ("head_a", w.head_a)):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        out[who] = client
    return out


def test_out_of_range_and_malformed_ids_in_every_url_answer_404_never_500(hostile_world):
    clients = _clients(hostile_world)
    found = []
    for pattern in url_patterns():
        admin = pattern.route.startswith("admin/")
        who = "root" if admin else "clerk"
        methods = ("get",) if admin else ("get", "post")
        for value in HUGE_IDS + OTHER_SEGMENTS:
            for path in paths_for(pattern.route, value):
                for method in methods:
                    response = status_of(clients[who], method, path)
                    if response.status_code >= 500:
                        found.append(f"{who} {method.upper()} {path}: {response.status_code}")
                    elif value in HUGE_IDS and response.status_code == 200 and "object_id" not in pattern.route:
                        found.append(f"{who} {method.upper()} {path}: 200 for an id past the range")
    assert found == []


def test_control_characters_in_any_parameter_of_every_url_answer_400_in_vietnamese(hostile_world):
    w = hostile_world
    clients = _clients(w)
    found, refused = [], 0
    for pattern in url_patterns():
        if PLACEHOLDER.search(pattern.route) or REGEX_GROUP.search(pattern.route):
            path = paths_for(pattern.route, "1")[0]
        else:
            path = "/" + pattern.route
        who = "root" if pattern.route.startswith("admin/") else "clerk"
        page = status_of(clients[who], "get", path)
        names = {"phong-trao", "q", "o", "p", "next", "unit", "id__exact"}
        if page.get("Content-Type", "").startswith("text/html") and not page.streaming:
            names |= parameter_names(page.content.decode())
        for value in CONTROL:
            query = "&".join(f"{quote(n)}={quote(value)}" for n in sorted(names))
            for method, data in (("get", None), ("post", {n: value for n in names})):
                target = f"{path}?{query}" if method == "get" else path
                response = status_of(clients[who], method, target, data)
                if response.status_code >= 500:
                    found.append(f"{who} {method.upper()} {target[:120]}: {response.status_code}")
                elif response.status_code != 400:
                    found.append(f"{who} {method.upper()} {target[:120]}: {response.status_code}, not 400")
                else:
                    refused += 1
                    text = response.content.decode()
                    if "ký tự điều khiển" not in text:
                        found.append(f"{who} {method.upper()} {target[:120]}: 400 without the Vietnamese reason")
    assert found == []
    assert refused > 0


@pytest.mark.parametrize("value", ["\x00", "x\x00"])
def test_a_nul_in_an_export_filter_or_an_admin_list_filter_is_refused_with_a_reason(hostile_world, value):
    client = _clients(hostile_world)["root"]
    for path in ("/excel/xuat/status.xlsx", "/admin/campaigns/staff/", "/admin/awards/dossier/"):
        for name in ("phong-trao", "unit__id__exact", "q", "state__exact"):
            response = client.get(path, {name: value})
            assert response.status_code == 400, (path, name)
            page = response.content.decode()
            assert "Yêu cầu không hợp lệ" in page and "ký tự điều khiển" in page


def test_a_nul_in_the_path_is_refused(hostile_world):
    client = _clients(hostile_world)["root"]
    for path in ("/to-chuc/a%00b.png", "/xac-minh/AAAA%001111/", "/admin/campaigns/staff/%00/change/"):
        response = client.get(path)
        assert response.status_code in (400, 404), path
