"""The access matrix's generic rule for the admin: from ADMIN_POLICY (tests/roles/access.py), the expected
answer of every standard admin page for every actor.

Who enters the admin at all: the office and the director (and superusers). Everyone else, and the anonymous
visitor, is sent to the admin's login page. Inside, a page answers 403 when the role may not do that to that
model (the admin's own refusal), 200 when it may."""

from dataclasses import dataclass
from typing import Callable

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from tests.access import ACTORS
from tests.admin_rows import make_one
from tests.roles.access import ADMIN_POLICY
from tests.urls import reverse

ADMIN_ACTORS = ("clerk", "director")


def _expect(inside):
    """Expectations: `inside` for the admin's users, the login page for everyone else."""
    return {actor: (inside[actor] if actor in ADMIN_ACTORS else "login") for actor in ACTORS}


def _both(value):
    return _expect({"clerk": value, "director": value})


def admin_object(model, w):
    """An object of `model` to open change / delete / history pages on: the world's own where it has one, else
    one made by prepare_admin_objects() (or made now, if that was not called)."""
    label = model._meta.label_lower
    cache = getattr(w, "admin_objects", {})
    if label in cache:
        return cache[label]
    return _make_admin_object(model, w)


def _make_admin_object(model, w):

    special = {
        "auth.user": lambda: w.staff,
        "awards.dossier": lambda: w.dossier_a,
        "awards.nominee": lambda: w.nominee_a,
        "awards.document": lambda: w.document_a,
        "awards.documentversion": lambda: w.version_a,
        "awards.result": lambda: w.result_a,
        "awards.decision": lambda: w.decision,
        "awards.decisionline": lambda: w.line_a,
        "campaigns.unit": lambda: w.unit_a,
        "campaigns.campaign": lambda: w.campaign,
        # A stranger's lockout (with its own address: axes resets the attempts of whoever logs in).
        "axes.accessattempt": lambda: model.objects.create(
            username="nguoi_la", ip_address="10.0.0.9", user_agent="Mozilla/5.0", get_data="", post_data="",
            http_accept="text/html", path_info="/dang-nhap/", failures_since_start=5),
    }
    label = model._meta.label_lower
    if label in special:
        return special[label]()
    return model._default_manager.order_by("pk").first() or make_one(model)


def prepare_admin_objects(w):
    """Make (once, outside the matrix's savepoints) an object with a history row for every registered model."""
    w.admin_objects = {}
    for model in admin.site._registry:
        obj = _make_admin_object(model, w)
        history = getattr(obj, "history", None)
        if history is not None and hasattr(history, "model") and not history.exists():
            obj.save()  # rows made by bulk_create have no history yet
        w.admin_objects[model._meta.label_lower] = obj


@dataclass
class Probe:
    """One request to make for every actor: `build(w)` returns (method, path, data)."""

    key: str        # the URL pattern it covers: "namespace:name", or the full route of an unnamed pattern
    label: str
    expect: dict
    build: Callable


def _model_probes(model, model_admin, policy):
    opts = model._meta
    label = opts.label_lower
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    allowed = {actor: set(policy.get(actor, "").split()) for actor in ADMIN_ACTORS}

    def may(*actions):
        return _expect({actor: 200 if allowed[actor] & set(actions) else 403 for actor in ADMIN_ACTORS})

    def on_object(name):
        def build(w):
            obj = admin_object(model, w)
            return "get", reverse(f"{prefix}_{name}", args=[obj.pk]), None
        return build

    def version_page(w):
        obj = admin_object(model, w)
        record = obj.history.order_by("-history_id").first()
        if record is None:  # rows made by bulk_create have no history yet
            obj.save()
            record = obj.history.order_by("-history_id").first()
        return "get", reverse(f"{prefix}_simple_history", args=[obj.pk, record.history_id]), None

    def object_redirect(w):
        obj = admin_object(model, w)
        return "get", f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/", None

    probes = [
        Probe(f"{prefix}_changelist", f"{prefix}_changelist [admin rule]", may("view", "change"),
              lambda w: ("get", reverse(f"{prefix}_changelist"), None)),
        Probe(f"{prefix}_add", f"{prefix}_add [admin rule]", may("add"),
              lambda w: ("get", reverse(f"{prefix}_add"), None)),
        Probe(f"{prefix}_change", f"{prefix}_change [admin rule]", may("view", "change"), on_object("change")),
        Probe(f"{prefix}_history", f"{prefix}_history [admin rule]", may("view", "change"), on_object("history")),
        Probe(f"{prefix}_delete", f"{prefix}_delete [admin rule]", may("delete"), on_object("delete")),
        # /admin/<app>/<model>/<pk>/ redirects to the change page, for whoever is inside the admin.
        Probe(f"admin/{opts.app_label}/{opts.model_name}/<path:object_id>/", f"{label} object redirect [admin rule]",
              _both(302), object_redirect),
    ]
    if hasattr(model_admin, "history_form_view"):
        probes.append(Probe(f"{prefix}_simple_history", f"{prefix}_simple_history [admin rule]",
                            may("view", "change"), version_page))
    return probes


def admin_probes():
    site = admin.site
    probes = []
    apps = {}
    for model, model_admin in site._registry.items():
        label = model._meta.label_lower
        policy = ADMIN_POLICY.get(label)
        if policy is None:
            continue  # test_every_registered_model_has_an_admin_policy reports it; the URLs stay uncovered
        probes.extend(_model_probes(model, model_admin, policy))
        for actor in ADMIN_ACTORS:
            if policy.get(actor, "").split():
                apps.setdefault(model._meta.app_label, set()).add(actor)
        apps.setdefault(model._meta.app_label, set())

    for app_label, actors in sorted(apps.items()):
        probes.append(Probe(
            "admin:app_list", f"admin:app_list {app_label} [admin rule]",
            _expect({actor: 200 if actor in actors else 404 for actor in ADMIN_ACTORS}),
            lambda w, app_label=app_label: ("get", reverse("admin:app_list", args=[app_label]), None),
        ))

    def simple(name, expect, path=None):
        return Probe(f"admin:{name}", f"admin:{name} [admin rule]", expect,
                     lambda w: ("get", path or reverse(f"admin:{name}"), None))

    login_page = {actor: 200 for actor in ACTORS} | {"clerk": 302, "director": 302}
    # Logging out is a POST; those outside the admin are sent to its index (and from there to its login page).
    logout = {actor: 302 for actor in ACTORS} | {"clerk": 405, "director": 405}
    probes += [
        simple("index", _both(200)),
        simple("login", login_page),
        simple("logout", logout),
        simple("password_change", _both(200)),
        simple("password_change_done", _both(200)),
        simple("autocomplete", _both(403)),  # without its parameters it refuses; the URL itself is admin-only
        simple("jsi18n", _both(200)),
        Probe("admin:view_on_site", "admin:view_on_site [admin rule]", _both(404),  # our models have no public page
              lambda w: ("get", reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(w.unit_a).pk, w.unit_a.pk]), None)),
        Probe("admin/(?P<url>.*)$", "admin catch-all [admin rule]", _both(404),
              lambda w: ("get", "/admin/khong-co-trang-nay/", None)),
    ]
    return probes
