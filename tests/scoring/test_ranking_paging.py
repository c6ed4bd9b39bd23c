"""The ranking page ranks everyone but reads and shows a page of rows at a time, keeping the target and the award:
a page says the same as the whole ranking (ranks shared across pages, the tie note of a page's first row, the quota
line wherever it falls, the counts)."""

import re

import pytest

from awards.models import Outcome
from awards.services.ranking import Ranking, rank_rows
from awards.views import scoring as views_scoring
from tests.factories import UnitFactory
from tests.scoring.test_pages import _many, text
from tests.scoring.test_ranking import at, individual

URL = "/cchc-2023/cham-diem/xep-hang/"

pytestmark = pytest.mark.django_db


def names(response):
    return re.findall(r'href="/cchc-2023/cham-diem/doi-tuong/\d+/">([^<]+)</a>', response.content.decode())


def test_ranking_page_shows_a_page_of_rows_and_links_to_the_next(client, clerk, campaign, monkeypatch):
    monkeypatch.setattr(views_scoring, "RANKING_PAGE_SIZE", 2)
    client.force_login(clerk)
    _many(campaign, 3, "individual")
    first = client.get(URL, {"target": "individual"})
    second = client.get(URL, {"target": "individual", "trang": 2})
    body = first.content.decode()
    assert body.count('href="/cchc-2023/cham-diem/doi-tuong/') == 2
    assert second.content.decode().count('href="/cchc-2023/cham-diem/doi-tuong/') == 1
    assert "Trang 1/2 (1–2 trên 3 đối tượng)" in body
    assert "?target=individual&amp;award=" in body and "trang=2" in body
    shown = [r.nominee.pk for r in first.context["rows"]] + [r.nominee.pk for r in second.context["rows"]]
    assert shown == [r.nominee.pk for r in rank_rows(campaign, target="individual")]
    # Not a number: the first page; beyond the last: the last.
    assert [r.nominee.pk for r in client.get(URL, {"target": "individual", "trang": "x"}).context["rows"]] == shown[:2]
    assert [r.nominee.pk for r in client.get(URL, {"target": "individual", "trang": 9}).context["rows"]] == shown[2:]
    huge = client.get(URL, {"target": "individual", "trang": "9" * 20})  # an OFFSET SQLite cannot hold
    assert huge.status_code == 200 and [r.nominee.pk for r in huge.context["rows"]] == shown[2:]


def test_every_page_ranks_as_the_whole_ranking_does(campaign):
    shared = UnitFactory(name="Phòng Chung")
    for name in ("Võ Văn An", "Võ Văn Bình", "Võ Văn Cường"):  # the rule cannot separate them: one rank
        individual(campaign, name, unit=shared)
    individual(campaign, "Phạm Thị Lan", gender="female", submitted=at(20))
    individual(campaign, "Lê Văn Hùng", submitted=at(1))
    individual(campaign, "Trần Văn Sơn", submitted=at(2), c1=Outcome.NOT_MET)
    individual(campaign, "Đỗ Văn Tâm", submitted=at(3), c2=Outcome.NO_DATA)
    whole = [(r.nominee.name, r.rank, r.within_quota, r.tie_note, r.eligible) for r in rank_rows(campaign, target="individual")]
    assert [row[:3] for row in whole] == [
        ("Phạm Thị Lan", 1, True), ("Lê Văn Hùng", 2, True), ("Võ Văn An", 3, True), ("Võ Văn Bình", 3, True),
        ("Võ Văn Cường", 3, True), ("Trần Văn Sơn", None, False), ("Đỗ Văn Tâm", None, False),
    ]
    for size in (1, 2, 3, 4):
        pages = []
        for number in range(1, -(-len(whole) // size) + 1):
            ranking = Ranking(campaign, target="individual")
            page = ranking.page(number, size)
            assert (ranking.total, ranking.eligible, ranking.within) == (7, 5, 5)
            assert page.paginator.num_pages == -(-7 // size) and page.number == number
            pages += [(r.nominee.name, r.rank, r.within_quota, r.tie_note, r.eligible) for r in page.object_list]
        assert pages == whole, size


def test_the_quota_line_and_a_tie_at_it_on_a_later_page(client, clerk, campaign, monkeypatch):
    monkeypatch.setattr(views_scoring, "RANKING_PAGE_SIZE", 2)
    for day in range(1, 5):
        individual(campaign, f"Lê Văn {day}", submitted=at(day))
    shared = UnitFactory(name="Phòng Chung")
    individual(campaign, "Võ Văn An", unit=shared, submitted=at(10))
    individual(campaign, "Võ Văn Bình", unit=shared, submitted=at(10))  # shares the 5th place: six within a quota of 5
    individual(campaign, "Võ Văn Cường", submitted=at(11))
    client.force_login(clerk)
    pages = [text(client.get(URL, {"target": "individual", "trang": n})) for n in (1, 2, 3, 4)]
    assert ["Ranh giới chỉ tiêu: 05 cá nhân" in body for body in pages] == [False, False, True, False]
    third = pages[2]
    assert third.index("Võ Văn Bình") < third.index("Ranh giới chỉ tiêu")
    assert "Cùng 100 điểm với «Võ Văn An» và quy tắc" in third
    for body in pages:  # the counts are the whole ranking's on every page
        assert "7 đủ điều kiện trên 7 đối tượng" in body
        assert "Có đối tượng cùng hạng tại ranh giới chỉ tiêu: 6 đối tượng trong chỉ tiêu 5, Hội đồng xem xét." in body
