"""The permission table (campaigns/rules.py, awards/rules.py): the predicates about people, the per-object rules,
and that the rules and the per-user selectors give the same rows."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from awards import selectors
from awards.models import (
    DeadlineExtension,
    DecisionLine,
    Document,
    DocumentVersion,
    Dossier,
    DossierComment,
    Nominee,
    Registration,
    Result,
)
from awards.models import Registration as R
from awards.rules import may, require
from awards.services import dossiers as svc
from campaigns import rules as people
from tests.roles.world import build_world

pytestmark = pytest.mark.django_db

ACTORS = ["clerk", "head_a", "head_b", "director", "council", "staff", "superuser", "anonymous"]


@pytest.fixture
def w(db):
    w = build_world()
    w.users = {**w.users, "superuser": w.superuser, "anonymous": AnonymousUser()}
    return w


def holders(w, predicate, *args):
    return {name for name in ACTORS if predicate(w.users[name], *args)}


# ------------------------------------------------------------------------------------------ who a person is


def test_only_the_office_clerk_is_office(w):
    assert holders(w, people.is_office) == {"clerk"}


def test_office_work_is_the_clerks_and_the_superusers(w):
    assert holders(w, people.does_office_work) == {"clerk", "superuser"}


def test_only_the_director_is_director(w):
    assert holders(w, people.is_director) == {"director"}


def test_the_office_the_director_and_superusers_see_everything(w):
    assert holders(w, people.sees_everything) == {"clerk", "director", "superuser"}


def test_unit_heads_are_those_with_the_role_and_a_unit(w):
    assert holders(w, people.is_unit_head) == {"head_a", "head_b"}


def test_a_unit_head_without_a_staff_row_in_a_unit_is_no_unit_head(w):
    w.head_a.staff.delete()
    w.head_a.refresh_from_db()
    assert holders(w, people.is_unit_head) == {"head_b"}


def test_council_members_are_the_director_and_the_council(w):
    assert holders(w, people.is_council_member) == {"director", "council"}


def test_the_council_and_those_who_see_everything_see_what_the_council_considers(w):
    assert holders(w, people.sees_council) == {"clerk", "director", "council", "superuser"}


def test_staff_members_hold_the_staff_role(w):
    assert holders(w, people.is_staff_member) == {"clerk", "head_a", "head_b", "council", "staff"}


def test_every_person_with_a_staff_row_has_a_staff_record(w):
    assert holders(w, people.has_staff_record) == {"clerk", "head_a", "head_b", "director", "council", "staff"}


def test_only_the_superuser_is_superuser(w):
    assert holders(w, people.is_superuser) == {"superuser"}


def test_the_admin_is_for_the_office_the_director_and_superusers(w):
    assert holders(w, people.may_enter_admin) == {"clerk", "director", "superuser"}


def test_a_deactivated_clerk_may_not_enter_the_admin(w):
    w.clerk.is_active = False
    assert holders(w, people.may_enter_admin) == {"director", "superuser"}


def test_same_unit_is_the_unit_of_the_persons_staff_row(w):
    assert holders(w, people.same_unit, w.dossier_a) == {"head_a", "staff"}
    assert holders(w, people.same_unit, w.unit_b) == {"head_b", "council"}


def test_a_unit_head_heads_their_own_units_objects_only(w):
    assert holders(w, people.heads_its_unit, w.dossier_a) == {"head_a"}
    assert holders(w, people.heads_its_unit, w.dossier_b) == {"head_b"}
    assert holders(w, people.heads_its_unit, w.unit_a) == {"head_a"}


def test_the_anonymous_visitor_holds_no_predicate(w):
    anonymous = w.users["anonymous"]
    for predicate in (people.is_office, people.is_director, people.is_unit_head, people.is_council_member,
                      people.is_staff_member, people.is_superuser, people.sees_everything, people.sees_council,
                      people.does_office_work, people.has_staff_record, people.may_enter_admin):
        assert predicate(anonymous) is False, predicate
    assert people.same_unit(anonymous, w.dossier_a) is False


# ------------------------------------------------------------------------------------------ per-object rules


def allowed(w, perm, obj=None):
    return {name for name in ACTORS if may(w.users[name], perm, obj)}


def test_a_dossier_is_submitted_by_its_units_head_or_by_the_office_for_the_unit(w):
    assert allowed(w, "awards.submit_dossier", w.dossier_a) == {"head_a", "clerk", "superuser"}
    assert allowed(w, "awards.submit_dossier", w.dossier_b) == {"head_b", "clerk", "superuser"}


def test_only_unit_heads_use_the_portal(w):
    assert allowed(w, "awards.use_portal") == {"head_a", "head_b"}


def test_the_office_and_superusers_appraise_dossiers(w):
    assert allowed(w, "awards.appraise_dossier", w.dossier_a) == {"clerk", "superuser"}


def test_the_office_may_not_rule_on_a_nominee_of_its_own_unit(w):
    office_nominee = Nominee.objects.create(dossier=w.dossier_a, target="collective", unit=w.office_unit,
                                            award_kind=w.award_kind)
    assert allowed(w, "awards.rule_on_result", w.result_a) == {"clerk", "superuser"}
    assert allowed(w, "awards.rule_on_result", office_nominee) == {"superuser"}


def test_a_clerk_may_not_rule_on_themselves(w):
    themselves = Nominee.objects.create(dossier=w.dossier_a, target="individual", unit=w.office_unit,
                                        staff=w.clerk.staff, award_kind=w.award_kind)
    assert may(w.clerk, "awards.rule_on_result", themselves) is False


def test_only_the_director_and_superusers_approve_decisions(w):
    assert allowed(w, "awards.approve_decision", w.decision) == {"director", "superuser"}
    assert {name for name in ACTORS if w.users[name].has_perm("awards.approve_decision")} == {"director", "superuser"}


def test_the_office_and_superusers_draft_decisions_and_record_votes(w):
    assert allowed(w, "awards.draft_decision") == {"clerk", "superuser"}
    assert allowed(w, "awards.record_vote") == {"clerk", "superuser"}


def test_the_ranking_is_for_the_office_the_director_and_the_council(w):
    assert allowed(w, "awards.view_ranking") == {"clerk", "director", "council", "superuser"}


def test_certificates_are_for_the_office_unit_heads_and_staff(w):
    assert allowed(w, "awards.view_certificates") == {"clerk", "head_a", "head_b", "director", "council", "staff", "superuser"}
    assert allowed(w, "awards.view_decisionline", w.line_a) == {"clerk", "director", "superuser", "head_a", "staff"}


def test_require_refuses_in_vietnamese(w):

    with pytest.raises(PermissionDenied, match="không có quyền"):
        require(w.head_b, "awards.submit_dossier", w.dossier_a)


# -------------------------------------------------------------- the rules and the selectors give the same rows

SEEN = [
    ("awards.view_dossier", Dossier, selectors.dossiers_for),
    ("awards.view_nominee", Nominee, selectors.nominees_for),
    ("awards.view_result", Result, selectors.results_for),
    ("awards.view_document", Document, selectors.documents_for),
    ("awards.download_document", DocumentVersion, selectors.document_versions_for),
    ("awards.view_registration", Registration, selectors.registrations_for),
    ("awards.view_dossiercomment", DossierComment, selectors.dossier_comments_for),
    ("awards.view_deadlineextension", DeadlineExtension, selectors.extensions_for),
    ("awards.view_decisionline", DecisionLine, selectors.decision_lines_for),
]


@pytest.mark.parametrize("perm, model, selector", SEEN, ids=[s[0] for s in SEEN])
def test_a_row_is_in_a_persons_selector_exactly_when_the_rule_lets_them_see_it(w, perm, model, selector):

    svc.add_comment(w.dossier_a, actor=w.clerk, text="Bổ sung báo cáo thành tích.")
    svc.add_comment(w.dossier_b, actor=w.clerk, text="Bổ sung biên bản họp.")


    R.objects.create(campaign=w.campaign, unit=w.unit_a, target="collective", award_kind=w.award_kind)
    R.objects.create(campaign=w.campaign, unit=w.unit_b, staff=w.staff_b, target="individual", award_kind=w.award_kind)
    R.objects.create(campaign=w.campaign, unit=w.unit_a, staff=w.staff.staff, target="individual", award_kind=w.award_kind)
    for unit in (w.unit_a, w.unit_b):
        DeadlineExtension.objects.create(campaign=w.campaign, unit=unit, until=dt.datetime(2023, 12, 31, 16, 59, tzinfo=dt.timezone.utc),
                                         reason="Đơn vị xin gia hạn", granted_by=w.clerk)
    rows = list(model.objects.all())
    assert len(rows) >= 2
    for name in ACTORS:
        user = w.users[name]
        by_rule = {row.pk for row in rows if may(user, perm, row)}
        assert by_rule == set(selector(user).values_list("pk", flat=True)), name
