"""Per-user selectors: each role sees exactly its share, with another unit's data present."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from awards.models import (
    CouncilMeeting,
    DeadlineExtension,
    DossierComment,
    DossierState,
    Registration,
    Vote,
)
from awards.selectors import (
    decision_lines_for,
    decisions_for,
    document_versions_for,
    documents_for,
    dossier_comments_for,
    dossiers_for,
    extensions_for,
    is_unit_head,
    meetings_for,
    nominees_for,
    registrations_for,
    results_for,
    sees_everything,
    votes_for,
)
from awards.selectors.records import (
    discipline_for,
    indicators_for,
    initiatives_for,
    ratings_for,
    staff_for,
)
from campaigns.models import (
    AnnualRating,
    DisciplineRecord,
    IndicatorRecord,
    Initiative,
    Staff,
)
from campaigns.roles import Role, assign_roles, user_roles

pytestmark = pytest.mark.django_db


def _ids(qs):
    return set(qs.values_list("pk", flat=True))


def test_office_and_director_see_the_whole_campaign(world):
    w = world
    for user in (w.clerk, w.director, w.superuser):
        assert sees_everything(user)
        assert _ids(dossiers_for(user)) == {w.dossier_a.pk, w.dossier_b.pk}
        assert _ids(documents_for(user)) == {w.document_a.pk, w.document_b.pk, w.plan_a.pk, w.plan_b.pk}
        assert _ids(decisions_for(user)) == {w.decision.pk}
        assert _ids(decision_lines_for(user)) == {w.line_a.pk, w.line_b.pk}


def test_a_unit_head_sees_their_own_unit_only(world):
    w = world
    assert is_unit_head(w.head_a) and not sees_everything(w.head_a)
    assert _ids(dossiers_for(w.head_a)) == {w.dossier_a.pk}
    assert _ids(nominees_for(w.head_a)) == {w.nominee_a.pk, w.collective_a.pk}
    assert _ids(results_for(w.head_a)) == {w.result_a.pk}
    assert _ids(documents_for(w.head_a)) == {w.document_a.pk, w.plan_a.pk}
    assert _ids(document_versions_for(w.head_a)) == {w.version_a.pk, w.plan_version_a.pk}
    assert _ids(decision_lines_for(w.head_a)) == {w.line_a.pk}
    assert _ids(decisions_for(w.head_a)) == set()
    # …and the other head the other unit.
    assert _ids(dossiers_for(w.head_b)) == {w.dossier_b.pk}
    assert _ids(document_versions_for(w.head_b)) == {w.version_b.pk, w.plan_version_b.pk}


def test_the_council_sees_what_it_considers_and_no_unit_plan(world):
    w = world
    assert _ids(dossiers_for(w.council)) == {w.dossier_a.pk, w.dossier_b.pk}
    assert _ids(documents_for(w.council)) == {w.document_a.pk, w.document_b.pk}
    w.dossier_b.state = DossierState.SUBMITTED
    w.dossier_b.save()
    assert _ids(dossiers_for(w.council)) == {w.dossier_a.pk}
    assert _ids(document_versions_for(w.council)) == {w.version_a.pk}
    assert _ids(nominees_for(w.council)) == {w.nominee_a.pk, w.collective_a.pk}


def test_staff_see_their_own_nomination_result_and_award_only(world):
    w = world
    assert _ids(dossiers_for(w.staff)) == set()
    assert _ids(nominees_for(w.staff)) == {w.nominee_a.pk}
    assert _ids(results_for(w.staff)) == {w.result_a.pk}
    assert _ids(documents_for(w.staff)) == set()
    assert _ids(decision_lines_for(w.staff)) == {w.line_a.pk}


def test_anonymous_sees_nothing(world):
    anonymous = AnonymousUser()
    for selector in (dossiers_for, nominees_for, results_for, documents_for, document_versions_for, decisions_for,
                     decision_lines_for):
        assert not selector(anonymous).exists(), selector.__name__


def test_a_unit_head_on_the_council_holds_both_roles(world):
    """One person may hold several roles: a unit head who sits on the council sees their own draft dossier and
    the accepted dossiers of other units."""
    w = world
    assign_roles(w.head_a, Role.COUNCIL)
    assert user_roles(w.head_a) == {Role.UNIT_HEAD, Role.STAFF, Role.COUNCIL}
    w.dossier_a.state = DossierState.DRAFT
    w.dossier_a.save()
    assert _ids(dossiers_for(w.head_a)) == {w.dossier_a.pk, w.dossier_b.pk}
    assert _ids(documents_for(w.head_a)) == {w.document_a.pk, w.plan_a.pk, w.document_b.pk}
    assert not w.head_a.is_staff  # the council gives no entry to the admin


def _records_world(w):

    colleague_a = Staff.objects.create(code="R001", full_name="Hồ Văn Tâm", gender="male", category="civil_servant", unit=w.unit_a)
    rows = {}
    for key, subject in (("staff", {"staff": w.staff.staff}), ("colleague_a", {"staff": colleague_a}),
                         ("staff_b", {"staff": w.staff_b}), ("unit_a", {"unit": w.unit_a}), ("unit_b", {"unit": w.unit_b}),
                         ("head_b", {"staff": w.head_b.staff})):
        rows[key] = (
            AnnualRating.objects.create(year=2023, rating="HTXSNV", **subject).pk,
            Initiative.objects.create(year=2023, title=f"Sáng kiến {key}", **subject).pk,
            DisciplineRecord.objects.create(year=2023, form="Khiển trách", **subject).pk,
        )
    indicators = {u: IndicatorRecord.objects.create(unit=getattr(w, u), year=2023).pk for u in ("unit_a", "unit_b")}
    return rows, indicators


def test_record_selectors_follow_the_same_rules(world):

    w = world
    rows, indicators = _records_world(w)

    def seen(user, index, selector):
        return {key for key, pks in rows.items() if selector(user).filter(pk=pks[index]).exists()}

    everyone = set(rows)
    for i, selector in enumerate((ratings_for, initiatives_for, discipline_for)):
        assert seen(w.clerk, i, selector) == everyone
        assert seen(w.director, i, selector) == everyone
        assert seen(w.head_a, i, selector) == {"staff", "colleague_a", "unit_a"}
        assert seen(w.head_b, i, selector) == {"staff_b", "unit_b", "head_b"}
        # The council: those nominated in accepted dossiers (nominee_a is `staff`, nominee_b is `staff_b`).
        assert seen(w.council, i, selector) == {"staff", "staff_b", "unit_a", "unit_b"}
        assert seen(w.staff, i, selector) == {"staff"}
        assert seen(AnonymousUser(), i, selector) == set()
    assert set(indicators_for(w.head_a).values_list("pk", flat=True)) == {indicators["unit_a"]}
    assert set(indicators_for(w.staff).values_list("pk", flat=True)) == set()
    assert set(indicators_for(w.director).values_list("pk", flat=True)) == set(indicators.values())
    assert set(staff_for(w.staff).values_list("full_name", flat=True)) == {"Võ Thị Mai"}
    assert set(staff_for(w.head_b).values_list("full_name", flat=True)) == {
        "Nguyễn Thị Hồng Nhung", "Phạm Quốc Bảo", "Đặng Văn Hải"}
    assert set(staff_for(w.council).values_list("full_name", flat=True)) == {"Phạm Quốc Bảo", "Võ Thị Mai", "Đặng Văn Hải"}


def test_registrations_comments_extensions_and_meetings_per_role(world):


    w = world
    reg = {key: Registration.objects.create(campaign=w.campaign, unit=unit, staff=staff, target=target,
                                            award_kind=w.award_kind).pk
           for key, unit, staff, target in (("unit_a", w.unit_a, None, "collective"), ("staff", w.unit_a, w.staff.staff, "individual"),
                                            ("unit_b", w.unit_b, None, "collective"))}
    comment_b = DossierComment.objects.create(dossier=w.dossier_b, author=w.clerk, text="Bổ sung biên bản").pk
    extension_b = DeadlineExtension.objects.create(campaign=w.campaign, unit=w.unit_b, until=dt.datetime(2023, 11, 25, tzinfo=dt.timezone.utc),
                                                   reason="Mất điện", granted_by=w.clerk).pk
    meeting = CouncilMeeting.objects.create(campaign=w.campaign, held_at=dt.datetime(2023, 11, 28, 2, tzinfo=dt.timezone.utc),
                                            place="Phòng họp Sở", chair=w.director.staff, secretary=w.clerk.staff, total_members=7)
    vote = Vote.objects.create(meeting=meeting, nominee=w.nominee_a, votes_for=6)

    def keys(user):
        return {k for k, pk in reg.items() if registrations_for(user).filter(pk=pk).exists()}

    assert keys(w.clerk) == {"unit_a", "staff", "unit_b"}
    assert keys(w.head_a) == {"unit_a", "staff"}
    assert keys(w.head_b) == {"unit_b"}
    assert keys(w.staff) == {"staff"}
    assert keys(w.council) == set()
    assert _ids(dossier_comments_for(w.head_b)) == {comment_b} and _ids(dossier_comments_for(w.head_a)) == set()
    assert _ids(extensions_for(w.head_b)) == {extension_b} and _ids(extensions_for(w.staff)) == set()
    for user, sees in ((w.clerk, True), (w.director, True), (w.council, True), (w.head_a, False), (w.staff, False)):
        assert _ids(meetings_for(user)) == ({meeting.pk} if sees else set())
        assert _ids(votes_for(user)) == ({vote.pk} if sees else set())
