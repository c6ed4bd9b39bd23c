"""The ranking page ranks everyone but shows a page of rows at a time, keeping the target and the award."""

import pytest

from awards.views import scoring as views_scoring
from tests.scoring.test_pages import _many


@pytest.mark.django_db
def test_ranking_page_shows_a_page_of_rows_and_links_to_the_next(client, clerk, campaign, monkeypatch):
    monkeypatch.setattr(views_scoring, "RANKING_PAGE_SIZE", 2)
    client.force_login(clerk)
    _many(campaign, 3, "individual")
    first = client.get("/cchc-2023/cham-diem/xep-hang/", {"target": "individual"})
    second = client.get("/cchc-2023/cham-diem/xep-hang/", {"target": "individual", "trang": 2})
    body = first.content.decode()
    assert body.count('href="/cchc-2023/cham-diem/doi-tuong/') == 2
    assert second.content.decode().count('href="/cchc-2023/cham-diem/doi-tuong/') == 1
    assert "Trang 1/2 (1–2 trên 3 đối tượng)" in body
    assert "?target=individual&amp;award=" in body and "trang=2" in body
    shown = [r.nominee.pk for r in first.context["rows"]] + [r.nominee.pk for r in second.context["rows"]]
    assert shown == [r.nominee.pk for r in first.context["ranked"]]
