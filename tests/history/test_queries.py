"""The new list pages take the same number of queries at one row and at many."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from awards.models import PastAward
from awards.services.cloning import clone_campaign
from tests.factories import UnitFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _award(staff, year):
    PastAward.objects.create(staff=staff, year=year, award_name="Giấy khen của Giám đốc Sở",
                             decision_number=f"{year % 100}/QĐ-SLĐTBXH", decision_date=dt.date(year, 12, 1),
                             issuer="Giám đốc Sở")


def test_history_extension_and_campaign_pages_cost_the_same_at_one_and_many_rows(world):
    client = Client()
    client.force_login(world.clerk)
    staff = world.staff.staff
    _award(staff, 2010)
    urls = [reverse("history:person", kwargs={"pk": staff.pk}), reverse("history:unit", kwargs={"pk": world.unit_a.pk}),
            reverse("setup:extensions", kwargs={"code": world.campaign.code}), reverse("setup:list")]
    client.get(urls[0])
    one = [count(client, url) for url in urls]
    for year in range(2011, 2020):
        _award(staff, year)
    for i in range(20):
        UnitFactory(code=f"X{i:02d}")
    clone_campaign(world.campaign, code="cchc-2024", year=2024, actor=world.clerk)
    many = [count(client, url) for url in urls]
    assert many == one
    assert client.get(urls[0]).content.decode().count("Giấy khen của Giám đốc Sở") == 11
