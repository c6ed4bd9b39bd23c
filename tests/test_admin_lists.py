"""The admin's lists do less work than Django's (emulation/admin_lists.py) and show exactly what Django's would."""

import datetime as dt
import uuid
from pathlib import Path
from types import SimpleNamespace

import django.contrib.admin
import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.sites import AdminSite
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.utils import quote
from django.db import connection
from django.db import models as dj_models
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from awards.models import Decision, Nominee
from campaigns import formatting
from campaigns.models import Staff, Unit
from emulation import admin_lists
from tests.admin_rows import make_rows
from tests.factories import DossierFactory, StaffFactory


def _django_action_checkbox(obj):
    """ModelAdmin.action_checkbox of Django 5.2."""
    attrs = {"class": "action-select", "aria-label": format_html(_("Select this object for an action - {}"), str(obj))}
    return forms.CheckboxInput(attrs, lambda value: False).render(helpers.ACTION_CHECKBOX_NAME, str(obj.pk))


@pytest.mark.django_db
def test_a_rows_checkbox_is_the_html_of_djangos_widget(campaign):
    staff = StaffFactory(full_name='Nguyễn "Văn" <A> & B')
    model_admin = admin.site._registry[Staff]

    assert model_admin.action_checkbox(staff) == _django_action_checkbox(staff)


@pytest.mark.parametrize("pk", [7, 123456789, uuid.UUID("12345678-1234-5678-1234-567812345678"), "a b/c_d:é%?#", "x__pk__y"])
def test_a_rows_link_is_the_url_django_reverses_for_it(pk):
    changelist = SimpleNamespace(opts=Unit._meta, pk_attname="pk", model_admin=admin.site._registry[Unit])

    url = admin_lists.url_for_result(changelist, SimpleNamespace(pk=pk))

    assert url == reverse("admin:campaigns_unit_change", args=(quote(pk),))


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["superuser", "clerk", "director"])
def test_the_list_of_models_is_djangos_for_each_role(request, who):
    user = request.getfixturevalue(who)
    http = RequestFactory().get("/admin/")
    http.user = user

    assert admin_lists.app_dict(admin.site, http) == AdminSite._build_app_dict(admin.site, http)
    assert admin_lists.app_dict(admin.site, http, "awards") == AdminSite._build_app_dict(admin.site, http, "awards")


def _django_app_list(context):
    path = Path(django.contrib.admin.__file__).parent / "templates" / "admin" / "app_list.html"
    return engines["django"].from_string(path.read_text(encoding="utf-8")).render(context)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/", "/admin/awards/dossier/", "/admin/campaigns/unit/3/change/"])
@pytest.mark.parametrize("changelinks", [True, False])
def test_the_rendered_list_of_models_is_djangos_and_follows_the_page(superuser, clerk, path, changelinks):
    ours = engines["django"].get_template("admin/app_list.html")
    for user in (superuser, clerk, superuser):  # the second superuser's list comes from what was rendered first
        http = RequestFactory().get(path)
        http.user = user
        context = {"request": http, "app_list": admin.site.get_app_list(http), "show_changelinks": changelinks}

        assert ours.render(context, http) == _django_app_list(context)


@pytest.mark.django_db
def test_the_admin_pages_build_the_list_of_models_once_per_request(client, superuser, monkeypatch):
    calls = []
    original = admin_lists.app_dict
    monkeypatch.setattr(admin_lists, "app_dict", lambda *args, **kwargs: calls.append(1) or original(*args, **kwargs))
    client.force_login(superuser)

    client.get(reverse("admin:index"))

    assert len(calls) == 1  # the sidebar and the index share it


@pytest.mark.parametrize("field, value", [
    (dj_models.DateTimeField(), dt.datetime(2023, 12, 5, 7, 30, tzinfo=dt.UTC)),
    (dj_models.DateTimeField(), dt.datetime(2023, 1, 31, 17, 5, tzinfo=dt.UTC)),
    (dj_models.DateField(), dt.date(2023, 12, 5)),
])
def test_dates_in_lists_read_as_django_writes_them_with_the_projects_formats(field, value):
    djangos = formats.localize(timezone.template_localtime(value))  # what Django's display_for_field writes

    assert admin.utils.display_for_field(value, field, "-") == djangos
    assert djangos in {"14:30 05/12/2023", "00:05 01/02/2023", "05/12/2023"}


@pytest.mark.django_db
def test_a_dossier_list_links_and_selects_each_row_and_writes_its_dates(client, superuser, campaign):
    client.force_login(superuser)
    dossier = DossierFactory(campaign=campaign, accepted=True)

    html = client.get(reverse("admin:awards_dossier_changelist")).content.decode()

    assert f'<a href="/admin/awards/dossier/{dossier.pk}/change/">{dossier.unit}</a>' in html
    assert (f'<input type="checkbox" name="_selected_action" value="{dossier.pk}" class="action-select" '
            f'aria-label="Chọn đối tượng này để thực hiện thao tác - Hồ sơ {dossier.unit}">') in html
    assert f'<td class="field-first_submitted_at nowrap">{formatting.date(dossier.first_submitted_at)}</td>' in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["superuser", "clerk", "director"])
@pytest.mark.parametrize("model", [Nominee, Decision, Staff])
def test_a_model_admins_actions_are_djangos_and_listed_once_per_request(request, monkeypatch, who, model):
    user, model_admin = request.getfixturevalue(who), admin.site._registry[model]

    def fresh():
        http = RequestFactory().get("/admin/")
        http.user = user
        return http

    with monkeypatch.context() as django_only:
        django_only.setattr(admin.ModelAdmin, "get_actions", admin_lists._django_get_actions)
        djangos = model_admin.get_actions(fresh())
    listed = []
    monkeypatch.setattr(admin_lists, "_django_get_actions", lambda *a: listed.append(1) or djangos.copy())
    http = fresh()

    model_admin.get_actions(http).clear()  # what a caller does with its dict stays its own
    assert model_admin.get_actions(http) == djangos
    assert model_admin.get_actions(http) == djangos
    assert len(listed) == 1


@pytest.mark.django_db
def test_an_admin_page_does_not_read_the_campaigns_of_the_header_switcher(client, superuser, campaign):
    client.force_login(superuser)
    client.get(reverse("admin:index"))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert [q["sql"] for q in queries.captured_queries if 'FROM "campaigns_campaign"' in q["sql"]] == []


# --- a list's rows ----------------------------------------------------------------------------------------------

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


def _changelist(model_admin, user, query=""):
    """The model admin's list as its page builds it (what the page keeps of its filters in each row's link too)."""
    opts = model_admin.model._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    http = RequestFactory().get(f"{path}?{query}")
    http.user, http.resolver_match = user, resolve(path)
    cl = model_admin.get_changelist_instance(http)
    cl.formset = None  # as changelist_view sets it for a list without list_editable
    return cl


def _djangos_cells(cl, result):
    return "".join(admin_lists._django_items_for_result(cl, result, None))


@pytest.mark.django_db
def test_every_admins_rows_are_the_cells_django_writes(superuser, campaign):
    for model in REGISTERED:
        make_rows(model, 2)
    for model in REGISTERED:
        model_admin = admin.site._registry[model]
        for query in ("", "o=1", "o=-1&q=a"):  # sorted, or searched: the rows' links keep what the list shows
            cl = _changelist(model_admin, superuser, query)
            rows = list(admin_list.results(cl))

            assert bool(query) == bool(cl.preserved_filters)
            assert rows or query, model
            assert [list(row) for row in rows] == [[_djangos_cells(cl, result)] for result in cl.result_list], model
            assert all(row.form is None for row in rows)


class _Odd(admin.ModelAdmin):
    """Columns of every kind Django distinguishes: fields (text, choice, yes/no, date, relation, the key),
    callables, methods with and without display options, properties and values that are dates or empty."""

    list_display = ["action_checkbox", "id", "full_name", "gender", "active", "date_of_birth", "unit", "user",
                    lambda obj: obj.code, "born", "is_on_leave", "nothing", "blank", "unit_name", "position"]
    list_display_links = ["full_name", "position"]
    empty_value_display = "(trống)"

    @admin.display(description="sinh")
    def born(self, obj):
        return obj.date_of_birth

    @admin.display(boolean=True)
    def is_on_leave(self, obj):
        return None if obj.code.endswith("1") else obj.active

    @admin.display(empty_value="không có")
    def nothing(self, obj):
        return None

    def blank(self, obj):
        return "   "

    def unit_name(self, obj):
        return format_html("<b>{}</b>", obj.unit)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "o=2", "o=-3.2&gender=female&q=%3C%26"])
def test_rows_of_every_kind_of_column_are_djangos(superuser, campaign, query):
    StaffFactory(full_name='Nguyễn "Văn" <A> & B', position="", code="S1", date_of_birth=None)
    StaffFactory(position="Trưởng phòng", code="S2", gender="female", active=False, date_of_birth=dt.date(1980, 2, 3))
    cl = _changelist(_Odd(Staff, admin.site), superuser, query)
    assert cl.result_list

    for result in cl.result_list:
        assert "".join(admin_lists.items_for_result(cl, result, None)) == _djangos_cells(cl, result)


@pytest.mark.django_db
def test_a_list_with_forms_or_in_a_popup_is_djangos(superuser, campaign):
    StaffFactory()
    cl = _changelist(admin.site._registry[Unit], superuser, "_popup=1")

    assert cl.is_popup
    assert [list(row) for row in admin_list.results(cl)] == [
        list(admin_lists._django_items_for_result(cl, result, None)) for result in cl.result_list]


@pytest.mark.parametrize("data", [None, {"action": "accept", "select_across": "1"}, {"action": "x<y"}])
def test_the_actions_are_rendered_as_djangos_form_renders_them(data):
    choices = [("", "---------"), ("accept", "Tiếp nhận <các> hồ sơ"), ("return", "Trả lại & ghi lý do")]

    def fields(form_class):
        form = form_class(data, auto_id=None)
        form.fields["action"].choices = choices
        form.is_valid()
        return [str(field) for field in form]

    assert admin.ModelAdmin.action_form is admin_lists.ActionForm
    for _time in range(2):  # the second time from what was rendered first
        assert fields(admin_lists.ActionForm) == fields(helpers.ActionForm)
