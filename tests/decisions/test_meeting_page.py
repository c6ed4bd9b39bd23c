"""The office's meeting page at province scale: the vote table a page at a time (every nominee reachable through
the award lines, a search and the "not yet voted" filter), the attendance form offering the council's roster and
finding anyone else by name, and queries that do not grow with the nominees."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import CouncilAttendance, Vote
from awards.services.council import record_vote, set_attendance
from awards.views.council import MEETING_PAGE_SIZE
from campaigns.models import Gender
from tests.decisions.conftest import meeting_for, nominate, person, vote_all
from tests.factories import DecisionFactory, UnitFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def _count(client, url, **headers):
    client.get(url, headers=headers)  # the first request after logging in also touches the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(ctx)


def _inputs(page):
    return re.findall(r'name="n(\d+)_for"', page)


def test_the_meeting_page_has_flat_queries(client, clerk, campaign, giay_khen, unit_a):
    meeting = meeting_for(campaign)
    first = nominate(campaign, unit=unit_a, award_kind=giay_khen)
    vote_all(meeting, [first])
    url = reverse("decisions:meeting", args=[meeting.pk])
    client.force_login(clerk)
    one = _count(client, url)
    many = [nominate(campaign, staff=person(unit_a), award_kind=giay_khen) for _ in range(8)]
    many += [nominate(campaign, award_kind=giay_khen) for _ in range(3)]
    vote_all(meeting, many[:6])
    set_attendance(meeting, member=person(unit_a), present=False, written_opinion="Nhất trí.")
    assert len(_inputs(client.get(url).content.decode())) == 12
    assert _count(client, url) == one


def test_the_meeting_page_says_where_the_campaign_stands(client, clerk, campaign):
    """The layout's campaign stage on the meeting page comes with the meeting's own query (a meeting exists, so
    the council is sitting) until a decision of the campaign is signed."""
    meeting = meeting_for(campaign)
    url = reverse("decisions:meeting", args=[meeting.pk])
    client.force_login(clerk)

    def stage():
        return client.get(url).content.decode().split('class="stage">')[1].split("<")[0]

    DecisionFactory(campaign=campaign)  # a draft signs nothing
    assert stage() == "Hội đồng xét, lập quyết định"
    DecisionFactory(campaign=campaign, approved=True)
    assert stage() == "Đã ký quyết định khen thưởng"


def test_the_ties_have_flat_queries(client, clerk, campaign, giay_khen, unit_a):
    """Six, then twelve, individuals of one dossier share rank 1 across the quota line (05)."""
    meeting = meeting_for(campaign)
    people = [nominate(campaign, staff=person(unit_a, f"Trần Văn Bằng {i}"), award_kind=giay_khen) for i in range(1, 7)]
    vote_all(meeting, people)
    url = reverse("decisions:meeting_ties", args=[meeting.pk])
    client.force_login(clerk)
    one = _count(client, url, HX_Request="true")
    more = [nominate(campaign, staff=person(unit_a, f"Trần Văn Bằng {i}"), award_kind=giay_khen) for i in range(7, 13)]
    for nominee in more:
        record_vote(meeting, nominee=nominee, votes_for=7)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "còn 05 suất cho 12 đối tượng cùng hạng 1" in fragment and fragment.count('name="chosen"') == 12
    assert _count(client, url, HX_Request="true") == one


def test_the_vote_table_shows_a_page_at_a_time_and_every_nominee_is_reachable(client, clerk, campaign, giay_khen, unit_a):
    meeting = meeting_for(campaign)
    collectives = [nominate(campaign, award_kind=giay_khen, name=f"Phòng số {i:02d}") for i in range(1, 4)]
    people = [nominate(campaign, staff=person(unit_a, f"Lê Văn Số {i:02d}"), award_kind=giay_khen)
              for i in range(1, MEETING_PAGE_SIZE + 1)]
    vote_all(meeting, collectives + people[:10])
    url = reverse("decisions:meeting", args=[meeting.pk])
    client.force_login(clerk)

    page = client.get(url).content.decode()
    first = _inputs(page)
    assert len(first) == MEETING_PAGE_SIZE and "Trang 1/2 (1–50 trên 53 đối tượng)" in page
    # The award lines: nominees, votes recorded, passed (7/7 of 7), waiting.
    assert re.search(r"Giấy khen.*?</td><td>Tập thể</td>\s*<td class=\"num\">3</td><td class=\"num\">3</td><td class=\"num\">3</td>", page, re.S)
    assert re.search(r"Giấy khen.*?</td><td>Cá nhân</td>\s*<td class=\"num\">50</td><td class=\"num\">10</td><td class=\"num\">10</td>", page, re.S)
    second = _inputs(client.get(url, {"trang": "2"}).content.decode())
    assert sorted(map(int, first + second)) == sorted(n.pk for n in collectives + people)

    waiting = _inputs(client.get(url, {"chua": "1"}).content.decode())
    assert sorted(map(int, waiting)) == sorted(n.pk for n in people[10:])
    assert _inputs(client.get(url, {"tim": "Lê Văn Số 07"}).content.decode()) == [str(people[6].pk)]
    nobody = client.get(url, {"tim": "Không có ai"}).content.decode()
    assert _inputs(nobody) == [] and "Không có đối tượng nào khớp bộ lọc." in nobody
    assert _inputs(client.get(url, {"tim": unit_a.name[:8]}).content.decode()) == [str(n.pk) for n in people[:MEETING_PAGE_SIZE]]
    only = _inputs(client.get(url, {"hinh_thuc": giay_khen.pk, "doi_tuong": "collective"}).content.decode())
    assert only == [str(n.pk) for n in collectives]

    # Saving a page of votes comes back to the same page, with the same filters.
    nominee = people[20]
    response = client.post(reverse("decisions:votes", args=[meeting.pk]), {
        f"n{nominee.pk}_for": "5", f"n{nominee.pk}_against": "2", f"n{people[21].pk}_for": "", "chua": "1", "trang": "1",
    })
    assert response.status_code == 302 and response["Location"] == url + "?chua=1&trang=1#bieu-quyet"
    assert list(Vote.objects.filter(nominee__in=people[20:22]).values_list("nominee", "votes_for", "votes_against")) == [(nominee.pk, 5, 2)]


def test_each_page_of_the_vote_table_is_read_from_the_award_lines_it_falls_in(client, clerk, campaign, giay_khen, unit_a):
    """The award lines' counts say which lines a page's rows fall in, and only those are read: the pages of the
    table, and of the nominees not yet voted, run across the lines with no row lost or repeated."""
    meeting = meeting_for(campaign)
    collectives = [nominate(campaign, award_kind=giay_khen, name=f"Phòng số {i:02d}") for i in range(1, 31)]
    people = [nominate(campaign, staff=person(unit_a, f"Lê Văn Số {i:02d}"), award_kind=giay_khen) for i in range(1, 46)]
    vote_all(meeting, collectives[:10] + people[:5])
    url = reverse("decisions:meeting", args=[meeting.pk])
    client.force_login(clerk)

    def in_order(nominees):
        return [str(n.pk) for n in sorted(nominees, key=lambda n: (n.unit.code, n.pk))]

    for params, expected in (({}, in_order(collectives) + in_order(people)),
                             ({"chua": "1"}, in_order(collectives[10:]) + in_order(people[5:]))):
        pages = [_inputs(client.get(url, {**params, "trang": number}).content.decode()) for number in (1, 2)]
        assert [len(page) for page in pages] == [MEETING_PAGE_SIZE, len(expected) - MEETING_PAGE_SIZE]
        assert pages[0] + pages[1] == expected


def test_attendance_offers_the_council_and_finds_anyone_else(client, clerk, director, council_member, campaign, unit_a):
    earlier = meeting_for(campaign)
    former = person(unit_a, "Võ Thị Cũ", Gender.FEMALE)
    CouncilAttendance.objects.create(meeting=earlier, member=former)
    meeting = meeting_for(campaign)
    outsider = person(UnitFactory(name="Phòng Kế hoạch"), "Nguyễn Thị Ngoài", Gender.FEMALE)
    client.force_login(clerk)
    page = client.get(reverse("decisions:meeting", args=[meeting.pk])).content.decode()
    select = page[page.index('<select name="member"'):page.index("</select>", page.index('<select name="member"'))]
    offered = set(re.findall(r"<option value=\"\d+\">([^<]+)</option>", select))
    assert offered == {
        f"{director.staff.full_name} – {director.staff.unit.name}", f"{council_member.staff.full_name} – Trung tâm Dịch vụ việc làm",
        f"{former.full_name} – {unit_a.name}", f"{meeting.chair.full_name} – {meeting.chair.unit.name}",
        f"{meeting.secretary.full_name} – {meeting.secretary.unit.name}",
        f"{earlier.chair.full_name} – {earlier.chair.unit.name}", f"{earlier.secretary.full_name} – {earlier.secretary.unit.name}",
    }
    assert outsider.full_name not in select and clerk.staff.full_name + " – " + clerk.staff.unit.name not in offered
    search = reverse("decisions:member_search", args=[meeting.pk])
    assert client.get(search, {"tim": "Ngoài"}).content.decode() == f'<option value="{outsider.pk}">Nguyễn Thị Ngoài – Phòng Kế hoạch</option>\n'
    assert "Không tìm thấy cán bộ nào khớp «Không có ai»" in client.get(search, {"tim": "Không có ai"}).content.decode()
    response = client.post(reverse("decisions:attendance", args=[meeting.pk]), {"member": outsider.pk, "present": "1", "role": "Ủy viên"})
    assert response.status_code == 302
    assert meeting.attendance.filter(member=outsider, present=True).exists()
    # The chair is offered even when the attendance does not list them (they were taken off it).
    meeting.attendance.filter(member=meeting.chair).delete()
    page = client.get(reverse("decisions:meeting", args=[meeting.pk])).content.decode()
    assert f"{meeting.chair.full_name} – {meeting.chair.unit.name}</option>" in page.split('<select name="member"')[1].split("</select>")[0]
