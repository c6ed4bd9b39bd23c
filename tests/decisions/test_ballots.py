"""Electronic ballots: members present vote on their own page, the office opens and closes the vote, a secret
ballot keeps no link to its voter, the tally fills the Vote rows and the minutes, members confirm the minutes."""

import datetime as dt
import re
import subprocess

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import Ballot, BallotCast, BallotState, MinutesConfirmation, StateChange, Vote
from awards.pdf import minutes_pdf
from awards.services.ballots import (
    cast_ballot,
    close_ballot,
    confirm_minutes,
    confirmations,
    minutes_digest,
    open_ballot,
)
from awards.services.council import conclude_meeting, record_meeting, record_vote, set_attendance, vote_outcome
from tests.decisions.conftest import VN, person
from tests.factories import AppraisedNomineeFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(campaign, giay_khen, unit_a, clerk, director, council_member, staff_user):
    """Five members in the council; three present (the director chairs, the clerk is secretary, one member);
    one absent with a written opinion; two nominees considered."""
    campaign.council_size = 5
    campaign.save()
    meeting = record_meeting(
        campaign, held_at=dt.datetime(2023, 12, 1, 8, 0, tzinfo=VN), place="Phòng họp Sở", chair=director.staff,
        secretary=clerk.staff, members=[council_member.staff], actor=clerk,
    )
    set_attendance(meeting, member=head_staff(unit_a), present=False, written_opinion="Nhất trí với danh sách")
    collective = AppraisedNomineeFactory(campaign=campaign, unit=unit_a, award_kind=giay_khen)
    individual = AppraisedNomineeFactory(campaign=campaign, staff=staff_user.staff, award_kind=giay_khen)
    return {"meeting": meeting, "collective": collective, "individual": individual,
            "members": [director, clerk, council_member]}


def head_staff(unit):
    return person(unit, "Đỗ Văn Vắng")


def votes_of(meeting):
    return {v.nominee_id: (v.votes_for, v.votes_against, v.votes_abstain) for v in Vote.objects.filter(meeting=meeting)}


def test_three_members_vote_secretly_and_the_tally_is_counted_against_all_members(world, clerk):
    meeting, c, i = world["meeting"], world["collective"], world["individual"]
    open_ballot(meeting, actor=clerk, secret=True)
    director, clerk_, member = world["members"]
    cast_ballot(meeting, member=director.staff, actor=director, choices={c.pk: "for", i.pk: "for"})
    cast_ballot(meeting, member=clerk_.staff, actor=clerk_, choices={c.pk: "for", i.pk: "against"})
    cast_ballot(meeting, member=member.staff, actor=member, choices={c.pk: "for", i.pk: "abstain"})
    close_ballot(meeting, actor=clerk)
    meeting.refresh_from_db()
    assert votes_of(meeting) == {c.pk: (3, 0, 0), i.pk: (1, 1, 1)}
    assert (meeting.ballots_issued, meeting.ballots_returned, meeting.ballots_valid) == (3, 3, 3)
    outcomes = {v.nominee_id: vote_outcome(v) for v in meeting.votes.all()}
    assert (outcomes[c.pk].percent, outcomes[c.pk].passed) == (60, True)  # 3 of 5 members, not of 3 present
    assert (outcomes[i.pk].percent, outcomes[i.pk].passed) == (20, False)
    # Nobody can tell who chose what: the ballots carry no voter, and who voted is a separate row.
    assert Ballot.objects.filter(meeting=meeting).count() == 6
    assert not Ballot.objects.filter(voter__isnull=False).exists()
    assert {f.name for f in Ballot._meta.get_fields()} == {"id", "meeting", "nominee", "choice", "voter"}
    assert not hasattr(Ballot, "history")
    assert set(BallotCast.objects.values_list("member__full_name", flat=True)) == {"Hà Anh Quang", "Trần Thị Thu Hà", "Phạm Quốc Bảo"}
    casts = StateChange.objects.filter(content_type=ContentType.objects.get_for_model(BallotCast))
    assert sorted((s.to_state, s.reason, s.actor.username) for s in casts) == [
        ("cast", "Đã bỏ phiếu kín", "clerk"), ("cast", "Đã bỏ phiếu kín", "council"), ("cast", "Đã bỏ phiếu kín", "director"),
    ]
    assert meeting.voting.state == BallotState.CLOSED
    assert [s.to_state for s in StateChange.objects.filter(content_type=ContentType.objects.get_for_model(meeting.voting))] \
        in (["closed", "open"], ["open", "closed"])


def test_an_open_vote_records_each_voter(world, clerk):
    meeting, c, i = world["meeting"], world["collective"], world["individual"]
    open_ballot(meeting, actor=clerk, secret=False)
    director = world["members"][0]
    cast_ballot(meeting, member=director.staff, actor=director, choices={c.pk: "for", i.pk: "against"})
    assert sorted(Ballot.objects.values_list("voter__full_name", "choice")) == [("Hà Anh Quang", "against"), ("Hà Anh Quang", "for")]


def test_a_member_votes_once_only_while_open_and_only_if_present(world, clerk, head_a):
    meeting, c, i = world["meeting"], world["collective"], world["individual"]
    director, _, member = world["members"]
    choices = {c.pk: "for", i.pk: "for"}
    with pytest.raises(ValidationError, match="chưa mở"):
        cast_ballot(meeting, member=director.staff, actor=director, choices=choices)
    open_ballot(meeting, actor=clerk, secret=True)
    with pytest.raises(ValidationError, match="Chưa chọn ý kiến cho: Võ Thị Mai"):
        cast_ballot(meeting, member=director.staff, actor=director, choices={c.pk: "for"})
    with pytest.raises(PermissionDenied):  # not present at the meeting
        cast_ballot(meeting, member=head_a.staff, actor=head_a, choices=choices)
    with pytest.raises(PermissionDenied):  # nobody votes for another member
        cast_ballot(meeting, member=member.staff, actor=director, choices=choices)
    cast_ballot(meeting, member=director.staff, actor=director, choices=choices)
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        cast_ballot(meeting, member=director.staff, actor=director, choices={c.pk: "against", i.pk: "against"})
    assert Ballot.objects.count() == 2 and BallotCast.objects.count() == 1
    with pytest.raises(PermissionDenied):
        close_ballot(meeting, actor=director)  # the office closes
    close_ballot(meeting, actor=clerk)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        cast_ballot(meeting, member=member.staff, actor=member, choices=choices)


def test_typed_counts_are_for_paper_meetings_only(world, clerk):
    meeting, c = world["meeting"], world["collective"]
    record_vote(meeting, nominee=c, votes_for=4, votes_against=1)
    with pytest.raises(ValidationError, match="phiếu giấy"):
        open_ballot(meeting, actor=clerk, secret=True)
    Vote.objects.all().delete()
    open_ballot(meeting, actor=clerk, secret=True)
    with pytest.raises(ValidationError, match="biểu quyết điện tử"):
        record_vote(meeting, nominee=c, votes_for=4)


def test_members_confirm_the_minutes_text_and_a_later_change_shows(world, clerk):
    meeting, c, i = world["meeting"], world["collective"], world["individual"]
    director, _, member = world["members"]
    open_ballot(meeting, actor=clerk, secret=True)
    cast_ballot(meeting, member=director.staff, actor=director, choices={c.pk: "for", i.pk: "for"})
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        confirm_minutes(meeting, member=director.staff, actor=director)
    close_ballot(meeting, actor=clerk)
    meeting.refresh_from_db()
    first = confirm_minutes(meeting, member=director.staff, actor=director)
    conclude_meeting(meeting, conclusion="Hội đồng thống nhất đề nghị khen thưởng.")
    assert [(r["member"].full_name, bool(r["confirmation"]), r["current"]) for r in confirmations(meeting)] == [
        ("Hà Anh Quang", True, False), ("Trần Thị Thu Hà", False, False), ("Phạm Quốc Bảo", False, False),
    ]
    again = confirm_minutes(meeting, member=director.staff, actor=director)
    assert (again.pk, again.digest) == (first.pk, minutes_digest(meeting))
    assert MinutesConfirmation.objects.count() == 1


def test_member_pages_cast_and_show_the_result_and_the_office_page_shows_who_voted_not_how(client, world, clerk):
    meeting, c, i = world["meeting"], world["collective"], world["individual"]
    director, _, member = world["members"]
    client.force_login(clerk)
    client.post(reverse("decisions:ballot_open", args=[meeting.pk]), {"secret": "1"})
    client.force_login(member)
    page = client.get(reverse("decisions:ballot", args=[meeting.pk])).content.decode()
    assert "Gửi phiếu biểu quyết" in page and "Bỏ phiếu kín" in page
    response = client.post(reverse("decisions:ballot", args=[meeting.pk]), {f"n{c.pk}": "for"})
    assert response.status_code == 400 and "Chưa chọn ý kiến cho: Võ Thị Mai" in response.content.decode()
    assert not BallotCast.objects.exists()
    client.post(reverse("decisions:ballot", args=[meeting.pk]), {f"n{c.pk}": "for", f"n{i.pk}": "against"})
    assert "Bạn đã bỏ phiếu" in client.get(reverse("decisions:ballot", args=[meeting.pk])).content.decode()
    client.force_login(clerk)
    office_page = client.get(reverse("decisions:meeting", args=[meeting.pk])).content.decode()
    assert "đã bỏ phiếu 1/3 thành viên có mặt" in office_page and "Phạm Quốc Bảo (Ủy viên): <span class=\"badge ok\">đã bỏ phiếu" in office_page
    client.post(reverse("decisions:ballot_close", args=[meeting.pk]))
    assert votes_of(meeting) == {c.pk: (1, 0, 0), i.pk: (0, 1, 0)}
    client.force_login(member)
    page = client.get(reverse("decisions:ballot", args=[meeting.pk])).content.decode()
    main = page[page.find("<main"):]
    assert "Kết quả biểu quyết" in main and "1/5 (20%)" in main, main
    client.post(reverse("decisions:minutes_confirm", args=[meeting.pk]))
    assert "Bạn đã xác nhận nội dung biên bản" in client.get(reverse("decisions:ballot", args=[meeting.pk])).content.decode()


def test_the_minutes_pdf_shows_the_electronic_tally_and_the_confirmations(world, clerk):
    meeting, c, i = world["meeting"], world["collective"], world["individual"]
    open_ballot(meeting, actor=clerk, secret=True)
    for user in world["members"]:
        cast_ballot(meeting, member=user.staff, actor=user, choices={c.pk: "for", i.pk: "for"})
    close_ballot(meeting, actor=clerk)
    director = world["members"][0]
    meeting.refresh_from_db()
    confirm_minutes(meeting, member=director.staff, actor=director)
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=minutes_pdf(meeting), capture_output=True, check=True)
    text = " ".join(out.stdout.decode().split())
    for expected in (
        "bỏ phiếu kín; số phiếu phát ra: 3, số phiếu thu về: 3, số phiếu hợp lệ: 3, bằng phiếu điện tử",
        "Phòng Người có công Giấy khen 3 (60%) 0 (0%) 0 Đạt", "Đỗ Văn Vắng (có ý kiến bằng văn bản: «Nhất trí với danh sách»)",
        "Hà Anh Quang – đã xác nhận lúc", "Phạm Quốc Bảo – chưa xác nhận",
    ):
        assert expected in text, (expected, text)



def _confirmations_shown(page):
    """(member, role, confirmation) of each row of the panel's confirmations table, tags and times taken out."""
    table = page[page.index('<table class="confirmations">'):]
    table = table[:table.index("</table>")]
    return [
        (name, role, re.sub(r"\s*\d\d/\d\d/\d{4} \d\d:\d\d", "", re.sub(r"<[^>]+>", "", state)).strip())
        for name, role, state in re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td>\s*<td>(.*?)</td></tr>", table, re.S)
    ]


def test_the_office_page_shows_who_confirmed_paper_minutes(client, world, clerk):
    """On paper the office types the counts; the panel then lists every member present with their confirmation
    (the meeting's own query says whether anyone confirmed; the confirmations are read only then)."""
    meeting, c, i = world["meeting"], world["collective"], world["individual"]
    director = world["members"][0]
    url = reverse("decisions:meeting", args=[meeting.pk])
    client.force_login(clerk)
    page = client.get(url).content.decode()
    assert "Chưa biểu quyết." in page and "Xác nhận biên bản" not in page
    record_vote(meeting, nominee=c, votes_for=4, votes_against=1)
    record_vote(meeting, nominee=i, votes_for=2, votes_against=3)
    page = client.get(url).content.decode()
    assert "<strong>Biểu quyết trên giấy</strong>" in page
    assert _confirmations_shown(page) == [
        ("Hà Anh Quang", "Chủ tịch Hội đồng", "chưa xác nhận"), ("Trần Thị Thu Hà", "Thư ký Hội đồng", "chưa xác nhận"),
        ("Phạm Quốc Bảo", "Ủy viên", "chưa xác nhận"),
    ]
    confirm_minutes(meeting, member=director.staff, actor=director)
    assert _confirmations_shown(client.get(url).content.decode()) == [
        ("Hà Anh Quang", "Chủ tịch Hội đồng", "Đã xác nhận"), ("Trần Thị Thu Hà", "Thư ký Hội đồng", "chưa xác nhận"),
        ("Phạm Quốc Bảo", "Ủy viên", "chưa xác nhận"),
    ]
    conclude_meeting(meeting, conclusion="Hội đồng thống nhất đề nghị khen thưởng.")  # the text confirmed has changed
    assert _confirmations_shown(client.get(url).content.decode())[0] == ("Hà Anh Quang", "Chủ tịch Hội đồng", "Xác nhận bản trước")


def _queries(client, url):
    client.get(url)  # the first request after logging in also touches the session
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_office_page_of_an_electronic_vote_has_flat_queries(client, world, clerk, campaign, giay_khen, unit_a):
    """One member has voted on two nominees, then all three on seven: the same queries; then counted and confirmed."""
    meeting, c, i = world["meeting"], world["collective"], world["individual"]
    director, secretary, member = world["members"]
    url = reverse("decisions:meeting", args=[meeting.pk])
    open_ballot(meeting, actor=clerk, secret=True)
    cast_ballot(meeting, member=director.staff, actor=director, choices={c.pk: "for", i.pk: "for"})
    client.force_login(clerk)
    few = _queries(client, url)
    more = [AppraisedNomineeFactory(campaign=campaign, staff=person(unit_a), award_kind=giay_khen) for _ in range(5)]
    choices = {n.pk: "for" for n in [c, i, *more]}
    Ballot.objects.all().delete()
    BallotCast.objects.all().delete()
    for user in (director, secretary, member):
        cast_ballot(meeting, member=user.staff, actor=user, choices=choices)
    assert "đã bỏ phiếu 3/3 thành viên có mặt" in client.get(url).content.decode()
    assert _queries(client, url) == few
    close_ballot(meeting, actor=clerk)
    meeting.refresh_from_db()
    confirm_minutes(meeting, member=director.staff, actor=director)
    page = client.get(url).content.decode()
    assert "Đã xác nhận" in page and page.count('<span class="badge ok">Đạt</span>') == 7
