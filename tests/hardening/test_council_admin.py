"""The admin follows the council service: once a signed decision rests on a meeting, its record (the meeting,
attendance and votes) is read-only there too, and cannot be deleted."""

import datetime as dt

import pytest

from awards.models import CouncilAttendance, Vote
from awards.services.approval import approve_decision
from awards.services.decisions import draft_decision
from tests.factories import AppraisedNomineeFactory, UnitFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(gk_world, giay_khen, campaign, clerk, director):
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    return approve_decision(decision, actor=director, signed_on=dt.date(2023, 12, 5))


def _meeting_post(meeting, **changes):
    data = {
        "campaign": meeting.campaign_id, "held_at_0": "01/12/2023", "held_at_1": "08:00:00", "place": "Sửa địa điểm",
        "chair": meeting.chair_id or "", "secretary": meeting.secretary_id or "",
        "total_members": meeting.total_members,
        "councilattendance_set-TOTAL_FORMS": 0, "councilattendance_set-INITIAL_FORMS": 0,
        "vote_set-TOTAL_FORMS": 0, "vote_set-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_a_meeting_without_a_signed_decision_is_still_editable_in_the_admin(client, superuser, gk_world):
    meeting = gk_world["meeting"]
    client.force_login(superuser)
    response = client.get(reverse("admin:awards_councilmeeting_change", args=[meeting.pk]))
    assert response.status_code == 200 and response.context["has_change_permission"] is True
    vote = Vote.objects.filter(meeting=meeting).first()
    response = client.get(reverse("admin:awards_vote_change", args=[vote.pk]))
    assert response.context["has_change_permission"] is True


@pytest.mark.parametrize("who", ["superuser", "director", "clerk"])
def test_a_meeting_behind_a_signed_decision_is_read_only_in_the_admin(client, who, request, signed, gk_world):
    meeting = gk_world["meeting"]
    before = (meeting.place, list(Vote.objects.filter(meeting=meeting).values_list("pk", "votes_for", "votes_against")),
              list(CouncilAttendance.objects.filter(meeting=meeting).values_list("pk", "present")))
    client.force_login(request.getfixturevalue(who))
    change = reverse("admin:awards_councilmeeting_change", args=[meeting.pk])
    response = client.get(change)
    if response.status_code == 200:  # may view: but only view
        assert response.context["has_change_permission"] is False
        assert response.context["has_delete_permission"] is False
        for formset in response.context["inline_admin_formsets"]:
            assert (formset.has_add_permission, formset.has_change_permission, formset.has_delete_permission) == (
                False, False, False)
    else:
        assert response.status_code in (302, 403)
    assert client.post(change, _meeting_post(meeting)).status_code == 403
    assert client.post(reverse("admin:awards_councilmeeting_delete", args=[meeting.pk]), {"post": "yes"}).status_code in (302, 403)
    vote = Vote.objects.filter(meeting=meeting).first()
    assert client.post(reverse("admin:awards_vote_change", args=[vote.pk]),
                       {"meeting": meeting.pk, "nominee": vote.nominee_id, "votes_for": 0, "votes_against": 0,
                        "votes_abstain": 0}).status_code == 403
    assert client.post(reverse("admin:awards_vote_delete", args=[vote.pk]), {"post": "yes"}).status_code in (302, 403)
    # The bulk delete of the changelist is refused as well.
    client.post(reverse("admin:awards_vote_changelist"),
                {"action": "delete_selected", "_selected_action": [vote.pk], "post": "yes"})
    meeting.refresh_from_db()
    after = (meeting.place, list(Vote.objects.filter(meeting=meeting).values_list("pk", "votes_for", "votes_against")),
             list(CouncilAttendance.objects.filter(meeting=meeting).values_list("pk", "present")))
    assert after == before


def test_a_vote_cannot_be_added_in_the_admin_to_a_closed_meeting(client, superuser, signed, gk_world, campaign, giay_khen):
    meeting = gk_world["meeting"]
    newcomer = AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen, unit=UnitFactory(name="Phòng đến muộn"))
    client.force_login(superuser)
    response = client.post(reverse("admin:awards_vote_add"), {
        "meeting": meeting.pk, "nominee": newcomer.pk, "votes_for": 5, "votes_against": 0, "votes_abstain": 0})
    assert response.status_code == 200
    assert "đã ký ban hành" in response.content.decode()
    assert not Vote.objects.filter(nominee=newcomer).exists()
