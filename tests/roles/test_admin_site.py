"""The admin is for the office and the director (and superusers); inside, each role may do what the pages let
it do, and no more."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group

from campaigns.models import Unit
from tests.roles.access import ADMIN_POLICY
from tests.roles.test_audit import _unit_form
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_registered_model_has_an_admin_policy_and_every_policy_a_model():
    registered = {m._meta.label_lower for m in admin.site._registry}
    assert registered - set(ADMIN_POLICY) == set(), "add these models to ADMIN_POLICY in tests/roles/access.py"
    assert set(ADMIN_POLICY) - registered == set()


@pytest.mark.parametrize("actor", ["head_a", "head_b", "council", "staff"])
def test_unit_heads_council_members_and_staff_are_refused_even_if_flagged_staff(client, world, actor):
    user = world.users[actor]
    user.is_staff = True  # set by hand, against the roles: entry still follows the roles
    user.save()
    client.force_login(user)
    response = client.get(reverse("admin:campaigns_unit_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    page = client.get(response["Location"]).content.decode()
    assert f"Bạn đã xác thực bằng tài khoản {user.username}, nhưng không đủ quyền" in page


def test_the_office_and_the_director_enter_the_admin(client, world):
    for user in (world.clerk, world.director, world.superuser):
        client.force_login(user)
        assert client.get(reverse("admin:index")).status_code == 200


def test_the_director_reads_but_cannot_change_campaign_data(client, world):
    w = world
    client.force_login(w.director)
    url = reverse("admin:campaigns_unit_change", args=[w.unit_a.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="name"' not in page.content.decode()  # read-only page
    assert client.post(url, _unit_form(w.unit_a, name="Đổi tên")).status_code == 403
    assert client.post(reverse("admin:campaigns_unit_delete", args=[w.unit_a.pk]), {"post": "yes"}).status_code == 403
    w.unit_a.refresh_from_db()
    assert w.unit_a.name == "Phòng Người có công"
    assert w.director.has_perm("awards.approve_decision")


def test_the_office_changes_campaign_data(client, world):
    w = world
    client.force_login(w.clerk)
    url = reverse("admin:campaigns_unit_change", args=[w.unit_a.pk])
    assert client.post(url, _unit_form(w.unit_a, name="Phòng Chính sách Người có công")).status_code == 302
    assert Unit.objects.get(pk=w.unit_a.pk).name == "Phòng Chính sách Người có công"


def test_role_groups_are_read_only_even_for_a_superuser(client, world):

    group = Group.objects.order_by("pk").first()
    client.force_login(world.superuser)
    assert client.get(reverse("admin:auth_group_change", args=[group.pk])).status_code == 200
    assert client.post(reverse("admin:auth_group_change", args=[group.pk]), {"name": "Đổi", "permissions": []}).status_code == 403
    assert client.get(reverse("admin:auth_group_add")).status_code == 403
    assert client.post(reverse("admin:auth_group_delete", args=[group.pk]), {"post": "yes"}).status_code == 403
    assert Group.objects.filter(pk=group.pk, name=group.name).exists()


def test_a_refusal_inside_the_admin_speaks_vietnamese(client, world):
    client.force_login(world.director)
    response = client.get(reverse("admin:campaigns_unit_add"))
    assert response.status_code == 403
    assert "Không có quyền thực hiện" in response.content.decode()
