"""Less work per row and per request in the admin, the same pages byte for byte (issue 17: every changelist within
3× the floor at province scale, bench/README.md). Installed by EmulationAdminConfig.ready for every model admin,
third-party ones included; tests/test_admin_lists.py compares each piece with Django's own.

- A row's checkbox is written directly: Django renders a form widget through the template engine for each row,
  which was a third of a changelist's time.
- A row's link is reversed once per list and filled in per row: Django reverses the change URL for every row.
- A model admin's actions are listed once per request: a changelist asks three times, each time asking the
  permission rules of every action.
- The links of the navigation sidebar and of the index (a list and an add link per model, one per app) are reversed
  once per process and URL configuration (`app_dict`, used by EmulationAdminSite): they never change while it runs.
- The list of models itself (Django's admin/app_list.html, in the sidebar of every admin page and twice on the
  index) is rendered once per process for each thing it can show (`{% app_list %}`, which templates/admin/
  app_list.html calls): who may do what on each model is still asked on every request, and is part of the key.
"""

from pathlib import Path
from urllib.parse import quote as url_quote

import django.contrib.admin
from django import template
from django.apps import apps
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ChangeList
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

_PK = "__pk__"  # stands for the primary key in a change URL reversed once per list
# The characters reverse() leaves unquoted in a path (RFC 3986 pchar), as django.urls.resolvers does.
_SAFE = "!$&'()*+,;=" + "/~:@"


def action_checkbox(self, obj):
    """ModelAdmin.action_checkbox without the form widget's templates."""
    label = format_html(_("Select this object for an action - {}"), str(obj))
    return format_html('<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
                       helpers.ACTION_CHECKBOX_NAME, str(obj.pk), label)


def url_for_result(self, result):
    """ChangeList.url_for_result with one reverse() per list: the URL of a placeholder, the key put in per row
    (quoted as the admin and reverse() quote it)."""
    template = self.__dict__.get("_change_url_template")
    if template is None:
        template = self._change_url_template = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=(_PK,),
            current_app=self.model_admin.admin_site.name,
        )
    return template.replace(_PK, url_quote(str(quote(getattr(result, self.pk_attname))), safe=_SAFE), 1)


_django_get_actions = admin.ModelAdmin.get_actions


def get_actions(self, request):
    """ModelAdmin.get_actions, asked once per request and model admin (a fresh dict each time, as Django's)."""
    listed = request.__dict__.setdefault("_admin_actions", {})
    if self not in listed:
        listed[self] = _django_get_actions(self, request)
    return dict(listed[self])


def install():
    admin.ModelAdmin.action_checkbox = action_checkbox
    admin.ModelAdmin.get_actions = get_actions
    ChangeList.url_for_result = url_for_result


# --- the sidebar's and the index's links --------------------------------------------------------------------------

_URLS = {}


def _reverse_once(name, current_app, **kwargs):
    """reverse() of an admin URL without arguments that vary, remembered per URL configuration, script prefix and
    language (None when it does not exist, as the admin expects)."""
    key = (get_urlconf(), get_script_prefix(), get_language(), name, current_app, tuple(sorted(kwargs.items())))
    if key not in _URLS:
        try:
            _URLS[key] = reverse(name, kwargs=kwargs or None, current_app=current_app)
        except NoReverseMatch:
            _URLS[key] = None
    return _URLS[key]


def app_dict(site, request, label=None):
    """AdminSite._build_app_dict of Django 5.2 with the links reversed once (`_reverse_once`); permissions are asked
    on every request, as Django does."""
    registry = site._registry
    models = {m: m_a for m, m_a in registry.items() if m._meta.app_label == label} if label else registry
    result = {}
    for model, model_admin in models.items():
        app_label = model._meta.app_label
        has_module_perms = model_admin.has_module_permission(request)
        if not has_module_perms:
            continue
        perms = model_admin.get_model_perms(request)
        if True not in perms.values():
            continue
        info = (app_label, model._meta.model_name)
        model_dict = {
            "model": model,
            "name": capfirst(model._meta.verbose_name_plural),
            "object_name": model._meta.object_name,
            "perms": perms,
            "admin_url": None,
            "add_url": None,
        }
        if perms.get("change") or perms.get("view"):
            model_dict["view_only"] = not perms.get("change")
            model_dict["admin_url"] = _reverse_once("admin:%s_%s_changelist" % info, site.name)
        if perms.get("add"):
            model_dict["add_url"] = _reverse_once("admin:%s_%s_add" % info, site.name)
        if app_label in result:
            result[app_label]["models"].append(model_dict)
        else:
            result[app_label] = {
                "name": apps.get_app_config(app_label).verbose_name,
                "app_label": app_label,
                "app_url": _reverse_once("admin:app_list", site.name, app_label=app_label),
                "has_module_perms": has_module_perms,
                "models": [model_dict],
            }
    return result


# --- the list of models, rendered once for each thing it shows ----------------------------------------------------

register = template.Library()  # TEMPLATES' library "admin_lists" (emulation/settings.py)

_DJANGO_APP_LIST = Path(django.contrib.admin.__file__).parent / "templates" / "admin" / "app_list.html"
_RENDERED = {}
_RENDERED_MAX = 2000  # keys: permission profiles × the model a page is about × sidebar or index; far fewer in practice


@register.simple_tag(takes_context=True)
def app_list(context):
    """Django's own admin/app_list.html, rendered from the same context when its key is new. The key holds all the
    template reads: the language, whether change links are shown, and per app and model its name, links, whether
    it is view-only and whether the page's path contains its link (the template's "current" marks)."""
    path = url_quote(context["request"].path)
    shown = tuple(
        (app["app_label"], app["app_url"], str(app["name"]), bool(app["app_url"]) and app["app_url"] in path,
         tuple((m["object_name"], str(m["name"]), m["admin_url"], m["add_url"], m.get("view_only"),
                bool(m["admin_url"]) and m["admin_url"] in path) for m in app["models"]))
        for app in context.get("app_list") or ()
    )
    key = (get_language(), bool(context.get("show_changelinks")), shown)
    html = _RENDERED.get(key)
    if html is None:
        if len(_RENDERED) >= _RENDERED_MAX:
            _RENDERED.clear()
        html = _RENDERED[key] = mark_safe(_django_app_list(context.template.engine).render(context))
    return html


def _django_app_list(engine):
    compiled = getattr(engine, "_django_app_list", None)
    if compiled is None:
        compiled = engine._django_app_list = engine.from_string(_DJANGO_APP_LIST.read_text(encoding="utf-8"))
    return compiled
