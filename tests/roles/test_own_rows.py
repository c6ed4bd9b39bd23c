"""The office cannot move itself out of the conflict-of-interest rule in the admin: the unit and the account of
its own staff row, and its own account's link to another unit's staff row, are refused with a Vietnamese message
and nothing changes; other people's rows stay editable, and the technical administrator may change any."""

import datetime as dt

import pytest
from django.test import Client

from campaigns.models import Staff
from tests.roles.world import build_world
from tests.urls import reverse

pytestmark = pytest.mark.django_db

REFUSED = "Không thể tự đổi"


def form_data(client, staff):
    """The admin's staff change form as it stands, as POST data."""
    response = client.get(reverse("admin:campaigns_staff_change", args=[staff.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if isinstance(value, dt.date):
            value = value.strftime("%d/%m/%Y")
        data[name] = "" if value is None else getattr(value, "pk", value)
    return data


def post(client, staff, **changes):
    data = form_data(client, staff) | changes
    return client.post(reverse("admin:campaigns_staff_change", args=[staff.pk]), data)


def snapshot():
    return sorted(Staff.objects.values_list("code", "unit__code", "user__username"))


@pytest.fixture
def w():
    return build_world()


@pytest.fixture
def office(w):
    client = Client()
    client.force_login(w.clerk)
    return client


def test_an_office_user_cannot_move_their_own_staff_row_to_another_unit(w, office):
    before = snapshot()
    response = post(office, w.clerk.staff, unit=w.unit_a.pk)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Không thể tự đổi đơn vị của chính mình" in page and "xung đột lợi ích" in page
    assert snapshot() == before


def test_an_office_user_cannot_unlink_their_own_account_from_their_staff_row(w, office):
    before = snapshot()
    response = post(office, w.clerk.staff, user="")
    assert response.status_code == 200
    assert "Không thể tự đổi tài khoản gắn với hồ sơ cán bộ của chính mình" in response.content.decode()
    assert snapshot() == before


def test_an_office_user_cannot_link_their_account_to_another_units_staff_row(w, office):
    staff_b = w.staff_b  # a unit B staff row without an account
    before = snapshot()
    response = post(office, staff_b, user=w.clerk.pk)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert snapshot() == before


def test_other_peoples_rows_stay_editable_by_the_office(w, office):
    response = post(office, w.staff.staff, unit=w.unit_b.pk)
    assert response.status_code == 302
    assert Staff.objects.get(pk=w.staff.staff.pk).unit == w.unit_b


def test_the_technical_administrator_may_change_anyones_row(w):
    root = Client()
    root.force_login(w.superuser)
    response = post(root, w.clerk.staff, unit=w.unit_a.pk)
    assert response.status_code == 302
    assert Staff.objects.get(pk=w.clerk.staff.pk).unit == w.unit_a


def test_an_office_user_cannot_change_their_own_accounts_groups(w, office):
    """The office only views accounts in the admin: its own included."""
    response = office.post(reverse("admin:auth_user_change", args=[w.clerk.pk]),
                           {"username": "clerk", "groups": [], "is_superuser": "on"})
    assert response.status_code == 403
    w.clerk.refresh_from_db()
    assert not w.clerk.is_superuser and w.clerk.groups.exists()
