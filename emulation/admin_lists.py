"""Less work per row and per request in the admin, the same pages byte for byte (issue 17: every changelist within
3× the floor at province scale, bench/README.md). Installed by EmulationAdminConfig.ready for every model admin,
third-party ones included; tests/test_admin_lists.py compares each piece with Django's own.

- A row's checkbox is written directly: Django renders a form widget through the template engine for each row,
  which was a third of a changelist's time.
- A row's link is reversed once per list and filled in per row: Django reverses the change URL for every row.
- A row's cells are written from a plan made once per list (`items_for_result`): what each column is, its class and
  its link are worked out for the first row, not for every cell; each row is one piece of HTML for the template.
- A model admin may name relations its list reads with a second query (`list_prefetch_related`, Prefetch objects or
  paths, applied where Django applies `list_select_related`): one query joining six or seven tables costs the
  PostgreSQL planner more (4-12 ms on a province) than the rows cost to read.
- The actions' select and hidden field are rendered once for each thing they show (`ActionForm`): Django renders
  them through five form templates on every list.
- A model admin's actions are listed once per request: a changelist asks three times, each time asking the
  permission rules of every action.
- The links of the navigation sidebar and of the index (a list and an add link per model, one per app) are reversed
  once per process and URL configuration (`app_dict`, used by EmulationAdminSite): they never change while it runs.
- The list of models itself (Django's admin/app_list.html, in the sidebar of every admin page and twice on the
  index) is rendered once per process for each thing it can show (`{% app_list %}`, which templates/admin/
  app_list.html calls): who may do what on each model is still asked on every request, and is part of the key.
"""

import datetime
import html
from pathlib import Path
from urllib.parse import quote as url_quote

import django.contrib.admin
from django import forms, template
from django.apps import apps
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.templatetags import admin_list as django_admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import FieldIsAForeignKeyColumnName, _get_non_gfk_field, display_for_value, quote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import formats, numberformat, timezone
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

_ACTION_CHECKBOX_NAME = html.escape(helpers.ACTION_CHECKBOX_NAME)
_PK = "__pk__"  # stands for the primary key in a change URL reversed once per list
# The characters reverse() leaves unquoted in a path (RFC 3986 pchar), as django.urls.resolvers does.
_SAFE = "!$&'()*+,;=" + "/~:@"


def action_checkbox(self, obj):
    """ModelAdmin.action_checkbox without the form widget's templates: format_html's escaping, written out (the
    translated label is a format string, its object escaped)."""
    label = _("Select this object for an action - {}").format(html.escape(str(obj)))
    return mark_safe(f'<input type="checkbox" name="{_ACTION_CHECKBOX_NAME}" value="{html.escape(str(obj.pk))}" '
                     f'class="action-select" aria-label="{label}">')


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


class _Remembered:
    """A widget rendered once for each distinct thing it shows: its HTML is a function of the language, the
    renderer, its name, value, attributes and choices, all in the key (rendered as Django renders it when any is
    not hashable)."""

    def render(self, name, value, attrs=None, renderer=None):
        try:
            key = (type(self), get_language(), renderer, name, value, _items(attrs), _items(self.attrs),
                   tuple((option, str(label)) for option, label in getattr(self, "choices", ())))
            html = _WIDGETS.get(key)
        except TypeError:  # an unhashable value or attribute, or grouped choices
            return super().render(name, value, attrs, renderer)
        if html is None:
            if len(_WIDGETS) >= _RENDERED_MAX:
                _WIDGETS.clear()
            html = _WIDGETS[key] = super().render(name, value, attrs, renderer)
        return html


_WIDGETS = {}


def _items(attrs):
    return tuple(sorted((attrs or {}).items()))


class _RememberedSelect(_Remembered, forms.Select):
    pass


class _RememberedHiddenInput(_Remembered, forms.HiddenInput):
    pass


class ActionForm(helpers.ActionForm):
    """Django's form of a list's actions, its fields rendered once for each thing they show (_Remembered)."""

    action = forms.ChoiceField(label=helpers.ActionForm.base_fields["action"].label, widget=_RememberedSelect)
    select_across = forms.BooleanField(label="", required=False, initial=0,
                                       widget=_RememberedHiddenInput({"class": "select-across"}))


def install():
    if admin.ModelAdmin.action_form is helpers.ActionForm:
        admin.ModelAdmin.action_form = ActionForm
    admin.ModelAdmin.action_checkbox = action_checkbox
    admin.ModelAdmin.get_actions = get_actions
    ChangeList.url_for_result = url_for_result
    django_admin_list.results = results
    ChangeList.apply_select_related = apply_related


_django_apply_select_related = ChangeList.apply_select_related


def apply_related(self, qs):
    """ChangeList.apply_select_related, then the model admin's `list_prefetch_related`."""
    qs = _django_apply_select_related(self, qs)
    prefetch = getattr(self.model_admin, "list_prefetch_related", None)
    return qs.prefetch_related(*prefetch) if prefetch else qs


# --- a list's rows --------------------------------------------------------------------------------------------------

_django_items_for_result = django_admin_list.items_for_result
_django_results = django_admin_list.results


def results(cl):
    """admin_list.results: each row as one piece of HTML, the cells of items_for_result joined (the template writes
    a row's items one after the other, nothing between them). Lists with a form per row (list_editable) or opened
    as a popup are Django's."""
    if cl.formset or cl.is_popup:
        yield from _django_results(cl)
        return
    for result in cl.result_list:
        yield django_admin_list.ResultList(None, [mark_safe("".join(items_for_result(cl, result, None)))])


def _escape(value):
    """conditional_escape, as format_html applies it to each argument."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class _Column:
    """What Django's items_for_result works out for a column on every row, worked out once per list."""

    def __init__(self, cl, index, name, first_link):
        self.name = name
        self.empty = cl.model_admin.get_empty_value_display()
        self.link = _link_in_col(first_link, name, cl)
        self.classes = "field-%s" % django_admin_list._coerce_field_name(name, index)
        try:
            field = _get_non_gfk_field(cl.lookup_opts, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            field = None
        # "field": a model field's column; "auto": an automatic field (the key), written as a value, as Django does;
        # "other": a method, property or callable.
        self.kind = "other" if field is None else "auto" if field.auto_created else "field"
        self.field = field
        # How a field's value is written: a choice's label, a text as itself, a yes/no icon, a whole number or a
        # moment with the formats looked up once per list, else display_for_field.
        self.choices = self.plain_text = self.icons = self.number = self.moment = None
        if self.kind == "field":
            if isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)):
                self.classes += " nowrap"
            self.relation = isinstance(field.remote_field, models.ManyToOneRel)
            flat = getattr(field, "flatchoices", None)
            if flat:
                if not isinstance(field, models.DecimalField):  # project money formats come before choices
                    try:
                        self.choices = dict(flat)
                    except TypeError:
                        pass
            elif type(field) in (models.CharField, models.TextField):
                self.plain_text = True
            elif type(field) is models.BooleanField:
                self.icons = {value: django_admin_list._boolean_icon(value) for value in (True, False, None)}
            elif isinstance(field, models.IntegerField):
                self.number = _number_format()
            elif isinstance(field, models.DateTimeField) and getattr(django_admin_list.display_for_field, "vietnamese", False):
                # campaigns.fields.install_admin_money_display writes a moment as campaigns.formatting.date does
                # ("14:30 05/12/2023", local time): the same, with the time zone asked once per list.
                self.moment = timezone.get_current_timezone()
        self.cell = mark_safe(' class="%s"' % self.classes)

    def represent(self, cl, result):
        """(result_repr, the cell's class attribute), as Django's items_for_result computes them."""
        empty = self.empty
        if self.kind == "other":
            try:
                attr, value = _lookup_other(self.name, result, cl.model_admin)
            except ObjectDoesNotExist:
                return empty, self.cell
        else:
            try:
                value = getattr(result, self.name)
            except ObjectDoesNotExist:
                return empty, self.cell
            attr = None
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if self.kind == "field":
            if self.relation:
                return (empty if value is None else value), self.cell
            if self.choices is not None:
                try:
                    return self.choices.get(value, empty), self.cell
                except TypeError:
                    pass
            elif self.plain_text and type(value) is str:
                return (empty if value == "" else value), self.cell
            elif self.icons is not None and (value is None or type(value) is bool):
                return self.icons[value], self.cell
            elif self.number is not None and type(value) is int:
                return self.number(value), self.cell
            elif self.moment is not None and type(value) is datetime.datetime and value.utcoffset() is not None:
                return value.astimezone(self.moment).strftime("%H:%M %d/%m/%Y"), self.cell
            return django_admin_list.display_for_field(value, self.field, empty, avoid_link=self.link), self.cell
        empty = getattr(attr, "empty_value_display", empty)
        classes = "action-checkbox" if self.name == "action_checkbox" else self.classes
        boolean = getattr(attr, "boolean", False)
        if isinstance(attr, property) and hasattr(attr, "fget"):
            boolean = getattr(attr.fget, "boolean", False)
        result_repr = display_for_value(value, empty, boolean)
        if isinstance(value, (datetime.date, datetime.time)):
            classes += " nowrap"
        return result_repr, (self.cell if classes == self.classes else mark_safe(' class="%s"' % classes))


def _number_format():
    """formats.number_format for whole numbers, with the language's separators looked up once."""
    language = get_language()
    decimal_separator, grouping, thousand_separator = (
        formats.get_format(name, language, use_l10n=True)
        for name in ("DECIMAL_SEPARATOR", "NUMBER_GROUPING", "THOUSAND_SEPARATOR"))
    return lambda value: numberformat.format(value, decimal_separator, None, grouping, thousand_separator,
                                             force_grouping=False, use_l10n=True)


def _link_in_col(is_first, field_name, cl):
    if cl.list_display_links is None:
        return False
    if is_first and not cl.list_display_links:
        return True
    return field_name in cl.list_display_links


def _lookup_other(name, obj, model_admin):
    """django.contrib.admin.utils.lookup_field for a column that is not a model field: (attr, value)."""
    if callable(name):
        return name, name(obj)
    if hasattr(model_admin, name) and name != "__str__":
        attr = getattr(model_admin, name)
        return attr, attr(obj)
    sentinel = object()
    attr = getattr(obj, name, sentinel)
    if callable(attr):
        value = attr()
    else:
        if attr is sentinel:
            attr = obj
            for part in name.split(LOOKUP_SEP):
                attr = getattr(attr, part, sentinel)
                if attr is sentinel:
                    return None, None
        value = attr
    if hasattr(model_admin, "model") and hasattr(model_admin.model, name):
        attr = getattr(model_admin.model, name)
    return attr, value


def _columns(cl):
    columns = cl.__dict__.get("_row_columns")
    if columns is None:
        columns, first = [], True
        for index, name in enumerate(cl.list_display):
            column = _Column(cl, index, name, first)
            if column.link:
                first = False
            columns.append(column)
        cl._row_columns = columns
        cl._row_link_query = _preserved_query(cl)
    return columns


def _preserved_query(cl):
    """What add_preserved_filters adds to every row's change URL: the same for all rows of a list (the URL's path
    resolves to the change view whatever the key), so worked out once on the URL with a placeholder key. None
    when that cannot be shown (no change URL, or a result that is not the URL followed by a query)."""
    try:
        template = reverse(f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change", args=(_PK,),
                           current_app=cl.model_admin.admin_site.name)
    except NoReverseMatch:
        return None
    preserved = add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, template)
    if preserved == template:
        return ""
    if preserved.startswith(template + "?") and _PK not in preserved[len(template):]:
        return preserved[len(template):]
    return None


def items_for_result(cl, result, form):
    """admin_list.items_for_result of Django 5.2 for a list without forms, from the plan of its columns (_Column);
    the same HTML cell by cell."""
    if form is not None or cl.is_popup:
        yield from _django_items_for_result(cl, result, form)
        return
    first = True
    for column in _columns(cl):
        result_repr, cell = column.represent(cl, result)
        if column.link:
            tag = "th" if first else "td"
            first = False
            try:
                url = cl.url_for_result(result)
            except NoReverseMatch:
                inner = _escape(result_repr)
            else:
                query = cl._row_link_query
                if query is None:
                    url = add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)
                elif query:
                    url += query
                inner = f'<a href="{html.escape(url)}">{_escape(result_repr)}</a>'
            yield mark_safe(f"<{tag}{cell}>{inner}</{tag}>")
        else:
            yield mark_safe(f"<td{cell}>{_escape(result_repr)}</td>")


# --- the sidebar's and the index's links --------------------------------------------------------------------------

_URLS = {}


def _reverse_once(where, name, current_app, **kwargs):
    """reverse() of an admin URL without arguments that vary, remembered per URL configuration, script prefix and
    language (`where`, see _where; None when it does not exist, as the admin expects)."""
    key = (where, name, current_app, tuple(sorted(kwargs.items())))
    if key not in _URLS:
        try:
            _URLS[key] = reverse(name, kwargs=kwargs or None, current_app=current_app)
        except NoReverseMatch:
            _URLS[key] = None
    return _URLS[key]


def _where():
    """What a reversed URL depends on besides its name: asked once per list of models, not once per link."""
    return get_urlconf(), get_script_prefix(), get_language()


def app_dict(site, request, label=None):
    """AdminSite._build_app_dict of Django 5.2 with the links reversed once (`_reverse_once`); permissions are asked
    on every request, as Django does."""
    registry = site._registry
    models = {m: m_a for m, m_a in registry.items() if m._meta.app_label == label} if label else registry
    result = {}
    where = _where()
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
            model_dict["admin_url"] = _reverse_once(where, "admin:%s_%s_changelist" % info, site.name)
        if perms.get("add"):
            model_dict["add_url"] = _reverse_once(where, "admin:%s_%s_add" % info, site.name)
        if app_label in result:
            result[app_label]["models"].append(model_dict)
        else:
            result[app_label] = {
                "name": apps.get_app_config(app_label).verbose_name,
                "app_label": app_label,
                "app_url": _reverse_once(where, "admin:app_list", site.name, app_label=app_label),
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
