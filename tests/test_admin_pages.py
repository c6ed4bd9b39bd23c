"""Every admin changelist and change page opens for a superuser, in a number of queries that does not grow
from 1 to 3 rows."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.admin_rows import make_rows
from tests.urls import reverse

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_admin_changelist_and_change_page_open_with_flat_queries(client, superuser, model, campaign):
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    rows = make_rows(model, 1)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert response.status_code == 200
    make_rows(model, 2)
    assert model.objects.count() >= 3
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert response.status_code == 200
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]

    change = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[rows[0].pk])
    response = client.get(change)
    assert response.status_code == 200
