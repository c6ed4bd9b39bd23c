"""Every write of campaign data by a service leaves a history row with who and what: no bulk or queryset write
slips past the audit trail."""

import datetime as dt

import pytest

from awards.models import DecisionLine, Dossier, DossierComment, DossierState
from awards.services.approval import approve_decision, replace_decision
from awards.services.decisions import draft_decision
from awards.services.dossiers import add_comment, resolve_comment
from awards.services.indicators import save_index_components
from campaigns.models import IndexComponentScore, IndexName

pytestmark = pytest.mark.django_db
DEC5 = dt.date(2023, 12, 5)


def test_drafting_records_every_line_created_by_the_office_user(gk_world, giay_khen, campaign, clerk):
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    rows = DecisionLine.history.filter(decision_id=decision.pk)
    assert rows.count() == 10
    assert {(h.history_type, h.history_user) for h in rows} == {("+", clerk)}
    assert sorted(h.id for h in rows) == sorted(decision.lines.values_list("pk", flat=True))


def test_approval_records_the_frozen_order_amount_and_code_of_each_line_by_the_director(gk_world, giay_khen, campaign, clerk, director):
    decision = approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director, signed_on=DEC5)
    for line in decision.lines.all():
        last = line.history.latest()
        assert (last.history_type, last.history_user, last.order, last.amount, last.verify_code) == (
            "~", director, line.order, line.amount, line.verify_code)
        assert last.amount is not None


def test_a_replacement_records_its_copied_lines(gk_world, giay_khen, campaign, clerk, director):
    old = approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director, signed_on=DEC5)
    new = replace_decision(old, actor=clerk)
    rows = DecisionLine.history.filter(decision_id=new.pk)
    assert rows.count() == 10 and {(h.history_type, h.history_user) for h in rows} == {("+", clerk)}


def test_resolving_a_comment_records_who_resolved_it(campaign, unit_a, clerk, director):
    dossier = Dossier.objects.create(campaign=campaign, unit=unit_a, state=DossierState.SUBMITTED)
    comment = add_comment(dossier, actor=clerk, text="Bổ sung biên bản họp")
    resolve_comment(comment, actor=director)
    assert DossierComment.objects.get().resolved is True
    last = comment.history.latest()
    assert (last.history_type, last.history_user, last.resolved) == ("~", director, True)
    assert comment.history.count() == 2


def test_editing_an_index_component_records_who_changed_the_score(unit_a, clerk):
    save_index_components(unit=unit_a, year=2023, actor=clerk, rows=[
        {"index": IndexName.PAR_INDEX, "component": "Cải cách TTHC", "score": 8, "score_last": 7, "source": "QĐ 1"}])
    record = IndexComponentScore.objects.get()
    save_index_components(unit=unit_a, year=2023, actor=clerk, rows=[
        {"id": record.pk, "index": IndexName.PAR_INDEX, "component": "Cải cách TTHC", "score": 9, "score_last": 7,
         "source": "QĐ 2"}])
    record.refresh_from_db()
    assert record.score == 9
    last = record.history.latest()
    assert (last.history_type, last.history_user, last.score, last.source) == ("~", clerk, 9, "QĐ 2")
