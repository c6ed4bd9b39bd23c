"""A page outside every campaign (one of the root URLconf's own) is never taken for a campaign's code, and a
campaign page reads its campaign, with the header's stage, from the list of the user's campaigns alone."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _campaign_reads(queries):
    return [q["sql"] for q in queries if 'FROM "campaigns_campaign"' in q["sql"]]


@override_settings(ROOT_URLCONF="tests.roles.urls_with_a_new_page")
def test_a_page_of_the_root_urlconf_is_not_looked_up_as_a_campaign(client, clerk, campaign):
    client.force_login(clerk)
    client.get("/trang-moi/")
    with CaptureQueriesContext(connection) as page:
        assert client.get("/trang-moi/").content.decode() == "mới"
    assert not any("trang-moi" in sql for sql in _campaign_reads(page.captured_queries))


def test_a_campaign_page_reads_its_campaign_and_stage_in_one_query(client, clerk, campaign):
    client.force_login(clerk)
    client.get("/cchc-2023/cham-diem/")
    with CaptureQueriesContext(connection) as page:
        body = client.get("/cchc-2023/cham-diem/").content.decode()
    assert len(_campaign_reads(page.captured_queries)) == 1
    assert "Giai đoạn: <strong class=\"stage\">" in body
