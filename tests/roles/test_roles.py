"""Roles are groups created with their permissions by migrate (and `sync_roles`), never by hand."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from campaigns.roles import (
    GROUP_NAMES,
    ROLE_PERMISSIONS,
    Role,
    assign_roles,
    user_roles,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _perms(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_migrate_creates_every_role_with_exactly_its_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= set(GROUP_NAMES.values())
    for role, names in ROLE_PERMISSIONS.items():
        assert _perms(Group.objects.get(name=GROUP_NAMES[role])) == set(names), role


def test_sync_roles_puts_back_a_permission_given_by_hand():
    office = Group.objects.get(name=GROUP_NAMES[Role.OFFICE])
    director = Group.objects.get(name=GROUP_NAMES[Role.DIRECTOR])
    director.permissions.add(*office.permissions.filter(codename="delete_dossier"))
    office.permissions.clear()
    call_command("sync_roles", stdout=io.StringIO())
    assert _perms(office) == set(ROLE_PERMISSIONS[Role.OFFICE])
    assert _perms(director) == set(ROLE_PERMISSIONS[Role.DIRECTOR])


def test_the_director_reads_everything_and_may_approve_decisions_only():
    director = Group.objects.get(name=GROUP_NAMES[Role.DIRECTOR])
    writes = {p for p in _perms(director) if not p.split(".")[1].startswith("view_")}
    assert writes == {"awards.approve_decision"}


def test_every_role_table_permission_exists():
    """A typo in the role table would silently give nothing: every name must be a real permission."""

    existing = {f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.select_related("content_type")}
    for role, names in ROLE_PERMISSIONS.items():
        assert set(names) - existing == set(), role


def test_a_person_may_hold_several_roles_and_only_office_and_director_are_admin_staff():
    user = UserFactory(username="hai_vai")
    assign_roles(user, Role.UNIT_HEAD, Role.COUNCIL)
    assert user_roles(user) == {Role.UNIT_HEAD, Role.COUNCIL}
    assert not user.is_staff
    assign_roles(user, Role.DIRECTOR)
    user.refresh_from_db()
    assert user.is_staff
    assert user_roles(user) == {Role.UNIT_HEAD, Role.COUNCIL, Role.DIRECTOR}
