"""A page outside every campaign (one of the root URLconf's own) is never taken for a campaign's code; a campaign
page reads its campaign, with the header's stage, from the list of the user's campaigns alone; an outsider's 404
names no campaign."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from awards.services.cloning import clone_campaign

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


def test_an_outsider_gets_a_404_that_says_nothing_of_the_campaign(client, campaign, head_a, clerk):
    """A unit head asks for the addresses of a campaign still in draft (a real page and one that does not exist):
    404 both, without the campaign's title, code or stage in the page."""
    draft = clone_campaign(campaign, code="cchc-2025", year=2025, actor=clerk)
    draft.title = "Phong trào thi đua chưa công bố năm 2025"
    draft.save()
    client.force_login(head_a)
    for address in ("/cchc-2025/don-vi/", "/cchc-2025/khong-co-trang-nay/"):
        response = client.get(address)
        body = response.content.decode()
        assert response.status_code == 404
        assert "Không tìm thấy trang" in body
        assert draft.title not in body and "cchc-2025" not in body and "Giai đoạn" not in body
