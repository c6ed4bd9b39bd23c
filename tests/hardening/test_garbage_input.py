"""Garbage posted to every page and action of the portal, scoring and decisions areas (non-numeric ids, missing
fields, huge strings, dates in wrong formats) never reaches a 500: each gets a page, a redirect, a 4xx, with a
message, and nothing of it is stored."""

import importlib
import re

import pytest
from django.db import transaction
from django.test import Client

from tests.roles.world import build_world
from tests.urls import reverse

pytestmark = pytest.mark.django_db
AREAS = ("portal", "scoring", "decisions")
HUGE = "Ư" * 20000
GARBAGE = [
    {},                             # every field missing
    "abc",                          # a non-numeric id
    "99999999999999999999999",      # past the database's integer range
    HUGE,                           # a huge string
    "31/02/2023",                   # a date that does not exist, in the Vietnamese format
    "2023-13-45",                   # a date in the wrong format
    "²",                            # a "digit" that int() refuses
    "//example.com/x",              # another site as `next`
]


def cases():
    out = []
    for area in AREAS:
        module = importlib.import_module(f"tests.{area}.access")
        out += [(area, c) for c in module.CASES]
    return out


def field_names(html):
    return set(re.findall(r'name="([^"]+)"', html)) - {"csrfmiddlewaretoken"}


def run(client, method, path, data):
    with transaction.atomic():
        try:
            response = getattr(client, method)(path, data)
            if response.streaming:
                b"".join(response.streaming_content)
            return response.status_code
        finally:
            transaction.set_rollback(True)


def test_garbage_to_every_page_and_action_never_answers_500(django_user_model):
    w = build_world()
    client = Client(raise_request_exception=False)
    found = []
    all_cases = cases()
    paths = []
    for area, case in all_cases:
        try:
            paths.append((case.url_name, reverse(case.url_name, kwargs=case.kwargs(w))))
        except Exception as exc:  # noqa: BLE001
            found.append(f"{case.url_name}: kwargs {exc!r}")
    for who in ("clerk", "head_a"):
        user = w.users[who]
        client.force_login(user)
        names = set()
        for name, path in paths:
            with transaction.atomic():
                response = client.get(path)
                transaction.set_rollback(True)
            if response.status_code >= 500:
                found.append(f"{who} GET {path}: {response.status_code}")
            if not response.streaming and response.get("Content-Type", "").startswith("text/html"):
                names |= field_names(response.content.decode())
        for name, path in paths:
            for value in GARBAGE:
                data = {} if value == {} else {n: value for n in names}
                for method in ("post", "get"):
                    status = run(client, method, path, data)
                    if status >= 500:
                        found.append(f"{who} {method.upper()} {path} {name} value={str(value)[:20]!r}: {status}")
    assert found == []
