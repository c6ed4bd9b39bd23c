"""The ties at the quota line (the meeting page's fragment) read of each ranking only the eligible nominees' ranks,
then its rows down to the end of the line's rank group, and say exactly what the whole ranking says: the same
nominees above the line, every nominee tied on it (also where those who did not pass sit inside the group), the
same ranks and notes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import AwardKind, CampaignAward, NomineeScore
from awards.services import legality
from awards.services.ranking import Ranking
from tests.decisions.conftest import meeting_for, nominate, vote_all
from tests.factories import CampaignFactory, UnitFactory
from tests.scoring.test_ranking import at, collective, individual
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def _said(tie):
    above, tied, slots = tie
    return (
        [(r.nominee.pk, r.rank, r.tie_note) for r in above],
        [(r.nominee.pk, r.nominee.name, r.nominee.unit_name, r.rank, r.tie_note) for r in tied],
        slots,
    )


def _whole_ranking_says(meeting, award):
    """The line as read from everyone ranked (`_line_rows` ranks the whole province)."""
    return _said(legality.tie_at_line(legality._line_rows(meeting, award), award.quota))


def _open_ties_say(meeting):
    return {(t["award"].target): _said((t["above"], t["tied"], t["slots"])) for t in legality.open_ties(meeting)}


def test_a_tie_of_individuals_with_some_who_did_not_pass_inside_the_group(campaign, clerk, client):
    shared = UnitFactory(name="Phòng Chung")
    lan = individual(campaign, "Phạm Thị Lan", gender="female", submitted=at(20))
    mai = individual(campaign, "Phạm Thị Mai", gender="female", submitted=at(20))
    men = {name: individual(campaign, name, unit=shared) for name in
           ("Võ Văn An", "Võ Văn Bình", "Võ Văn Cường", "Võ Văn Dũng", "Võ Văn Em", "Võ Văn Giang", "Võ Văn Hải")}
    late = individual(campaign, "Lê Văn Muộn", submitted=at(25))
    twice = nominate(campaign, staff=men["Võ Văn Em"].staff, award_kind=AwardKind.objects.get(code="bang-khen-ubnd-tinh"))
    meeting = meeting_for(campaign)
    vote_all(meeting, [lan, late, twice, *men.values()])
    vote_all(meeting, [mai, men["Võ Văn Bình"]], votes_for=0)  # did not pass: ranked, but not candidates
    award = CampaignAward.objects.get(campaign=campaign, award_kind__code="giay-khen-giam-doc", target="individual")

    said = _open_ties_say(meeting)

    assert said == {"individual": _whole_ranking_says(meeting, award)}
    above, tied, slots = said["individual"]
    assert [pk for pk, *_ in above] == [lan.pk]
    # Em is also proposed for the Bằng khen (one achievement, one award): left out until the office chooses.
    assert [name for _, name, *_ in tied] == ["Võ Văn An", "Võ Văn Cường", "Võ Văn Dũng", "Võ Văn Giang", "Võ Văn Hải"]
    assert {rank for *_, rank, _ in tied} == {3} and slots == 4
    # The note says what the whole ranking says: Cường is ranked right under Bình, who did not pass.
    assert tied[1][4].startswith("Cùng 100 điểm với «Võ Văn Bình» và quy tắc")
    client.force_login(clerk)
    fragment = client.get(reverse("decisions:meeting_ties", args=[meeting.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "1 đối tượng xếp trên; còn 04 suất cho 5 đối tượng cùng hạng 3" in fragment
    assert fragment.count('name="chosen"') == 5


@pytest.mark.parametrize("scored", [True, False], ids=["scored", "never-scored"])
def test_a_tie_of_collectives_under_the_womens_rule(campaign, scored):
    women_first = collective(campaign, "Phòng Nữ", women=7, men=3)  # 70 %: ahead of every other by the rule
    others = [collective(campaign, f"Phòng Số {i}", women=6, men=4) for i in range(1, 7)]
    short = collective(campaign, "Phòng Thiếu", women=9, men=1, c1="not_met")  # not eligible: no tie key read
    meeting = meeting_for(campaign)
    vote_all(meeting, [women_first, short, *others])
    award = CampaignAward.objects.get(campaign=campaign, award_kind__code="giay-khen-giam-doc", target="collective")
    if not scored:  # dossiers accepted since the scores were kept: the line scores them first, women share too
        NomineeScore.objects.all().delete()

    said = _open_ties_say(meeting)

    assert said == {"collective": _whole_ranking_says(meeting, award)}
    above, tied, slots = said["collective"]
    assert [pk for pk, *_ in above] == [women_first.pk]
    assert [pk for pk, *_ in tied] == [o.pk for o in others] and slots == 4


def test_eligible_keys_are_the_whole_rankings_eligible_rows_in_order(campaign):
    individual(campaign, "Phạm Thị Lan", gender="female", submitted=at(20))
    individual(campaign, "Lê Văn Hùng", submitted=at(1))
    individual(campaign, "Trần Văn Sơn", submitted=at(2), c1="not_met")
    for name in ("Võ Văn Bình", "Võ Văn An", "Võ Văn Ân"):  # one rank, in name order (code points), not in pk order
        individual(campaign, name, unit=UnitFactory(name="Phòng Chung"))
    whole = Ranking(campaign, target="individual").all()
    assert [r.nominee.name for r in whole if r.rank == whole[-2].rank] == ["Võ Văn An", "Võ Văn Bình", "Võ Văn Ân"]
    ranking = Ranking(campaign, target="individual")
    keys = ranking.eligible_keys()
    assert [(pk, rank) for pk, _, _, rank in keys] == [(r.nominee.pk, r.rank) for r in whole if r.eligible]
    built = ranking.rows_at(range(len(keys)))
    assert [(r.nominee.pk, r.rank, r.tie_note, r.within_quota) for r in built] == [
        (r.nominee.pk, r.rank, r.tie_note, r.within_quota) for r in whole if r.eligible]
    # A few places alone: each is marked against the row just above it in the whole ranking.
    assert [(r.nominee.pk, r.tie_note) for r in ranking.rows_at([1, 3])] == [
        (r.nominee.pk, r.tie_note) for r in [r for r in whole if r.eligible][1:4:2]]


def test_the_ties_fragment_runs_the_same_queries_for_few_and_many_tied(campaign, clerk, client):
    """Ties on both lines (collectives and individuals), with seven tied on each, then with twenty more on each
    and some who did not pass among them."""
    meeting = meeting_for(campaign)
    url = reverse("decisions:meeting_ties", args=[meeting.pk])

    def grow(count, start):
        shared = UnitFactory(name=f"Phòng Chung {start}")
        people = [individual(campaign, f"Võ Văn {start + i:03d}", unit=shared) for i in range(count)]
        units = [collective(campaign, f"Phòng Số {start + i:03d}", women=1, men=2) for i in range(count)]
        vote_all(meeting, people[1:] + units[1:])
        vote_all(meeting, [people[0], units[0]], votes_for=0)  # did not pass

    grow(8, 0)
    client.force_login(clerk)
    client.get(url, headers={"HX-Request": "true"})
    with CaptureQueriesContext(connection) as few:
        fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.count('name="chosen"') == 14
    grow(21, 100)
    with CaptureQueriesContext(connection) as many:
        fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.count('name="chosen"') == 2 * (7 + 20)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_ties_of_a_meeting_answer_404_under_another_campaigns_address_and_to_outsiders(campaign, clerk, head_a, client):
    """The meeting is read by SQL compiled once for "one meeting of the page's campaign": a meeting of 2023 asked
    under the 2026 campaign's address is not found there, nor by a unit head under its own."""
    meeting = meeting_for(campaign)
    other = CampaignFactory(code="cchc-2026", year=2026)
    client.force_login(clerk)
    assert client.get(reverse("decisions:meeting_ties", args=[meeting.pk], campaign=campaign)).status_code == 200
    assert client.get(reverse("decisions:meeting_ties", args=[meeting.pk], campaign=other)).status_code == 404
    assert client.get(reverse("decisions:meeting_ties", args=[10**20], campaign=campaign)).status_code == 404
    client.force_login(head_a)
    assert client.get(reverse("decisions:meeting_ties", args=[meeting.pk], campaign=campaign)).status_code == 404
