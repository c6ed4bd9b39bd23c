"""The office dashboard and the unit lists behind its figures."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import Dossier, DossierProgress, DossierState
from awards.services.progress import refresh_progress
from tests.factories import DecisionFactory, DecisionLineFactory, UnitFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_home_sends_the_office_and_the_director_to_the_dashboard(client, clerk, director):
    for user in (clerk, director):
        client.force_login(user)
        response = client.get(reverse("home"))
        assert (response.status_code, response.url) == (302, reverse("office:dashboard"))


def test_dashboard_shows_totals_deadlines_chart_and_units_at_risk(client, clerk, campaign, build):
    build(UnitFactory(code="U1", name="Phòng Một"), state=DossierState.DRAFT, complete=False)
    build(UnitFactory(code="U2", name="Phòng Hai"), state=DossierState.SUBMITTED)
    build(UnitFactory(code="U3", name="Phòng Ba"), state=DossierState.ACCEPTED, scored=True)
    client.force_login(clerk)

    response = client.get(reverse("office:dashboard"))

    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    stages = {s["key"]: (s["count"], s["missing"], s["url"]) for s in response.context["stages"]}
    units_url = reverse("office:units")
    assert stages == {
        "registered": (3, 1, f"{units_url}?stage=registered"),
        "plan_on_file": (3, 1, f"{units_url}?stage=plan_on_file"),
        "complete": (2, 2, f"{units_url}?stage=complete"),
        "submitted": (2, 2, f"{units_url}?stage=submitted"),
        "returned": (0, 4, f"{units_url}?stage=returned"),
        "accepted": (1, 3, f"{units_url}?stage=accepted"),
        "scored": (1, 3, f"{units_url}?stage=scored"),
    }
    # Every figure is a link to the list behind it, in the cards and in the chart.
    for key in stages:
        assert html.count(f'href="{units_url}?stage={key}"') == 2
        assert f'href="{units_url}?missing={key}"' in html
    assert f'href="{units_url}?stage=at_risk"' in html
    # The deadlines link to what they wait for.
    assert [url for _, url in response.context["deadlines"]] == [
        units_url, f"{units_url}?missing=submitted", reverse("decisions:list"),
    ]
    assert "<svg" in html and html.count('class="bar bar-') == 7
    # The deadlines (2023 campaign seen from today: long past).
    assert "Hạn nộp hồ sơ đề nghị khen thưởng 20/11/2023 đã quá hạn" in text
    assert "Hạn trình khen thưởng 15/12/2023 đã quá hạn" in text
    # Units at risk: those that submitted nothing.
    assert [u.unit.code for u in response.context["at_risk"]] == ["U1", "VP"]
    assert "Phòng Một" in text and "Thiếu Văn bản (Tờ trình) đề nghị khen thưởng" in text


def test_the_list_behind_a_figure_holds_exactly_those_units(client, clerk, campaign, build):
    build(UnitFactory(code="U1", name="Phòng Một"), state=DossierState.DRAFT, complete=False)
    build(UnitFactory(code="U2", name="Phòng Hai"), state=DossierState.SUBMITTED)
    build(UnitFactory(code="U3", name="Phòng Ba"), state=DossierState.ACCEPTED, scored=True)
    client.force_login(clerk)

    def listed(**params):
        response = client.get(reverse("office:units"), params)
        assert response.status_code == 200
        return [u.unit.code for u in response.context["rows"]], response.context["title"]

    assert listed() == (["U1", "U2", "U3", "VP"], "Tất cả đơn vị")
    assert listed(stage="submitted") == (["U2", "U3"], "Đã nộp hồ sơ")
    assert listed(missing="submitted") == (["U1", "VP"], "Chưa nộp hồ sơ")
    assert listed(stage="scored") == (["U3"], "Đã chấm điểm đủ")
    assert listed(stage="at_risk") == (["U1", "VP"], "Có nguy cơ trễ hạn (chưa nộp, còn 7 ngày trở xuống)")
    assert listed(stage="complete", missing="submitted") == ([], "Hồ sơ đủ thành phần · Chưa nộp hồ sơ")
    # An unknown filter shows everything rather than failing.
    assert listed(stage="nonsense")[0] == ["U1", "U2", "U3", "VP"]


def test_the_dashboard_is_the_offices_and_the_directors_only(client, campaign, clerk, director, head_a, council_member, staff_user):
    for url in (reverse("office:dashboard"), reverse("office:units")):
        for user in (head_a, council_member, staff_user):
            client.force_login(user)
            assert client.get(url).status_code == 404
        client.force_login(director)
        assert client.get(url).status_code == 200
        client.logout()
        response = client.get(url)
        assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.parametrize("url_name", ["office:dashboard", "office:units"])
def test_dashboard_pages_take_the_same_number_of_queries_at_one_and_many_units(client, clerk, campaign, build, url_name):
    client.force_login(clerk)
    url = reverse(url_name)
    build(UnitFactory(), state=DossierState.ACCEPTED, scored=True)
    one = _count(client, url)
    for state in [DossierState.DRAFT, DossierState.SUBMITTED, DossierState.RETURNED, DossierState.ACCEPTED] * 4:
        build(UnitFactory(), state=state, nominees=3, scored=True)
    build(UnitFactory(), registered=False, plan=False)

    assert _count(client, url) == one


def test_the_closing_refusals_take_the_same_queries_for_one_and_many_waiting_dossiers_and_drafts(
        client, clerk, campaign, build):
    client.force_login(clerk)
    url = reverse("office:dashboard")
    build(UnitFactory(), state=DossierState.SUBMITTED)
    DecisionFactory(campaign=campaign)
    one = _count(client, url)
    for _ in range(3):
        build(UnitFactory(), state=DossierState.RESUBMITTED)
        DecisionFactory(campaign=campaign)  # a draft is named after its award: loaded with it

    response = client.get(url)
    assert _count(client, url) == one
    refusals = response.context["closing_refusals"]
    assert len(refusals) == 8 and sum("còn là dự thảo" in r for r in refusals) == 4
    assert all(r in _text(response.content.decode()) for r in refusals)


def test_the_dashboard_counts_a_dossier_never_counted_without_writing(client, clerk, campaign, build):
    build(UnitFactory(code="U1"), state=DossierState.SUBMITTED, nominees=3)
    DossierProgress.objects.all().delete()  # as a loader writing rows directly leaves it
    client.force_login(clerk)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("office:dashboard"))

    row = next(u for u in response.context["progress"].units if u.unit.code == "U1")
    assert (row.nominees, row.complete, row.submitted) == (3, True, True)
    assert not DossierProgress.objects.exists()
    assert [q["sql"] for q in ctx.captured_queries if "awards_" in q["sql"] and not q["sql"].startswith("SELECT")] == []


def test_a_long_list_comes_in_pages_of_fifty(client, clerk, campaign):
    for i in range(60):
        UnitFactory(code=f"P{i:02d}")
    client.force_login(clerk)

    first = client.get(reverse("office:units"), {"stage": "at_risk"})
    second = client.get(reverse("office:units"), {"stage": "at_risk", "trang": 2})

    assert [u.unit.code for u in first.context["page"]] == [f"P{i:02d}" for i in range(50)]
    assert [u.unit.code for u in second.context["page"]] == [f"P{i:02d}" for i in range(50, 60)] + ["VP"]
    assert f'href="{reverse("office:units")}?stage=at_risk&amp;trang=2"' in first.content.decode()


def test_the_awardees_of_signed_decisions_come_in_pages_of_fifty_and_every_one_is_reachable(client, clerk, campaign):
    client.force_login(clerk)
    none_signed = _count(client, reverse("office:dashboard"))
    decision = DecisionFactory(campaign=campaign, approved=True)
    lines = [DecisionLineFactory(decision=decision, order=i, recipient_name=f"Người số {i:02d}") for i in range(1, 56)]
    refresh_progress(Dossier.objects.all())  # the factories write around the services, as a loader must count
    assert _count(client, reverse("office:dashboard")) == none_signed

    first = client.get(reverse("office:dashboard")).content.decode()
    second = client.get(reverse("office:dashboard"), {"trang": 2}).content.decode()

    def listed(html):
        return re.findall(r"<td>Người số (\d\d)</td>", html)

    assert "Danh sách được khen thưởng (55)" in first and "Danh sách được khen thưởng (55)" in second
    assert listed(first) == [f"{i:02d}" for i in range(1, 51)]
    assert listed(second) == [f"{i:02d}" for i in range(51, 56)]
    assert first.count('rel="noopener">Giấy khen</a>') == 50
    assert f'href="{reverse("decisions:certificate_pdf", args=[lines[50].pk])}"' in second
    assert f'href="{reverse("decisions:detail", args=[decision.pk])}">12/QĐ-SLĐTBXH</a>' in second
    # The list opens by itself on a later page; the links go from page to page.
    assert '<details class="card awardees" id="awardees">' in first and 'href="?trang=2#awardees"' in first
    assert '<details class="card awardees" id="awardees" open>' in second and 'href="?trang=1#awardees"' in second
