"""The access matrix: every URL of the project (the admin's included) × every actor of tests.access.ACTORS.

The list of URLs comes from the URL configuration (`get_resolver()`), never from a list kept by hand, so a new
URL without a Case fails `test_every_url_has_a_case`. Cases come from every `tests/<area>/access.py`; the
admin's standard pages (index, app lists, and changelist / add / change / history / delete / the object
redirect / simple-history's version page of every registered model) are generated from the admin policy in
tests/roles/access.py, which itself must name every registered model.

Each (case, actor) request runs in a savepoint that is rolled back afterwards, in a world with data of two units
(`build_world()`, tests/roles/world.py), so every denial is tested with data that could leak, and a case may
change data in its `kwargs` lambda without affecting the others. All mismatches are reported at once."""

import importlib
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import get_resolver
from django.urls.resolvers import URLResolver

from emulation.urls import campaign_urlconf
from tests.access import ACTORS, Case
from tests.roles.admin_rule import Probe, admin_probes, prepare_admin_objects
from tests.roles.world import build_world
from tests.urls import reverse

__all__ = ["build_world", "url_patterns", "collect_probes"]

TESTS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Pattern:
    key: str         # "namespace:name", or the full route for an unnamed pattern
    route: str
    named: bool


def url_patterns(resolver=None, prefix="", namespace=""):
    """Every URL pattern of the project, with its full name (or, if unnamed, its full route): the site's and,
    under a campaign's code, the campaign pages (emulation.urls.campaign_urlconf)."""
    if resolver is None:
        seen = set()
        for resolver in (get_resolver(), get_resolver(campaign_urlconf("ma-phong-trao"))):
            for p in url_patterns(resolver):
                if p.key not in seen:
                    seen.add(p.key)
                    yield p
        return
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x)
            yield from url_patterns(p, prefix + str(p.pattern), ns)
        else:
            route = prefix + str(p.pattern)
            if p.name:
                yield Pattern(f"{namespace}:{p.name}" if namespace else p.name, route, True)
            else:
                yield Pattern(route, route, False)


def _probe_from_case(case: Case, source: str):
    def build(w):
        kwargs = case.kwargs(w)
        data = case.data(w) if case.data else None
        campaign = case.campaign(w) if case.campaign else w.campaign
        return case.method, reverse(case.url_name, kwargs=kwargs, campaign=campaign), data

    return Probe(case.url_name, f"{case.url_name} [{source}]", case.expect, build)


def area_access_modules():
    """tests/<area>/access.py of every area, as module names."""
    return sorted(f"tests.{p.parent.name}.access" for p in TESTS_DIR.glob("*/access.py"))


def collect_probes():
    probes = []
    for name in area_access_modules():
        module = importlib.import_module(name)
        for case in getattr(module, "CASES", []):
            probes.append(_probe_from_case(case, name.split(".")[1]))
    probes.extend(admin_probes())
    return probes


LOGIN_PATHS = {resolve_url(settings.LOGIN_URL), "/admin/login/"}


def answer(response):
    """The response in the matrix's vocabulary: 200, 404, 403, 405, "login" or 302 (another redirect)."""
    if response.status_code in (301, 302):
        if urlsplit(response["Location"]).path in LOGIN_PATHS:
            return "login"
        return response.status_code
    return response.status_code


class Actors:
    """One logged-in client per actor, logged in once (outside the savepoints); before each request its cookies
    are put back, so a probe that logs out or changes the session does not affect the next one."""

    def __init__(self, w):
        self.clients, self.cookies = {}, {}
        for actor in ACTORS:
            client = Client()
            if actor != "anonymous":
                client.force_login(w.users[actor])
            self.clients[actor] = client
            self.cookies[actor] = SimpleCookie(client.cookies.output(header="", sep="\n"))

    def client(self, actor):
        client = self.clients[actor]
        client.cookies = SimpleCookie(self.cookies[actor].output(header="", sep="\n"))
        return client


def run_probe(probe, w, actor, actors=None):
    """The answer one actor gets for one probe, in a savepoint that is rolled back afterwards."""
    with transaction.atomic():
        try:
            if actors is None:
                client = Client()
                if actor != "anonymous":
                    client.force_login(w.users[actor])
            else:
                client = actors.client(actor)
            method, path, data = probe.build(w)
            response = getattr(client, method)(path, data or {})
            if response.streaming:
                # Exhausting it lets the test client close it as a server would; calling close() directly would
                # fire request_finished and close the database connection (on PostgreSQL) inside our savepoint.
                b"".join(response.streaming_content)
            return answer(response), path
        finally:
            transaction.set_rollback(True)


def uncovered_urls():
    covered = {probe.key for probe in collect_probes()}
    return sorted(
        f"{p.key}  ({'/' + p.route})" if p.named else f"UNNAMED /{p.route} (give it a name and a Case)"
        for p in url_patterns() if p.key not in covered
    )


def test_every_url_has_a_case():
    missing = uncovered_urls()
    assert missing == [], "URLs without a Case in tests/<area>/access.py:\n" + "\n".join(missing)


def test_every_case_names_a_url_and_every_actor():
    keys = {p.key for p in url_patterns()}
    problems = []
    for probe in collect_probes():
        if probe.key not in keys:
            problems.append(f"{probe.label}: no such URL")
        if set(probe.expect) != set(ACTORS):
            problems.append(f"{probe.label}: expectations for {sorted(probe.expect)}, need {ACTORS}")
        for actor, value in probe.expect.items():
            if value not in (200, 302, 403, 404, 405, "login"):
                problems.append(f"{probe.label}: {actor} expects {value!r}")
    assert problems == []


@pytest.mark.django_db
def test_access_matrix_every_url_every_actor():
    w = build_world(other_campaign=True)
    prepare_admin_objects(w)
    actors = Actors(w)
    probes = collect_probes()
    mismatches = []
    for probe in probes:
        for actor in ACTORS:
            expected = probe.expect.get(actor)
            try:
                actual, path = run_probe(probe, w, actor, actors)
            except Exception as exc:  # report it with the rest, never stop at the first
                actual, path = f"{type(exc).__name__}: {exc}", "?"
            if actual != expected:
                mismatches.append(f"{probe.label} {path} as {actor}: expected {expected!r}, got {actual!r}")
    assert mismatches == [], f"{len(mismatches)} of {len(probes) * len(ACTORS)} answers differ:\n" + "\n".join(mismatches)
