"""The score kept per nominee (NomineeScore) follows every change of its results and of the criteria, in the same
transaction as the change: the ranking reads it instead of aggregating the results on each request."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from awards.models import NomineeScore, Outcome, Result
from awards.services.ranking import _score, fill_missing, rank_rows
from awards.services.recompute import recompute_results
from awards.services.rulings import rule_on_result
from awards.services.weights import set_criteria_settings
from tests.factories import NomineeFactory, UnitFactory
from tests.scoring.conftest import accepted_dossier, criterion

pytestmark = pytest.mark.django_db


def kept(nominee):
    s = NomineeScore.objects.get(nominee=nominee)
    return s.score, s.meets_mandatory


def live(nominee):
    """The score computed from the results themselves, as the ranking's definition says."""
    results = list(Result.objects.filter(nominee=nominee).select_related("criterion"))
    short = [r for r in results if r.criterion.mandatory and r.outcome in (Outcome.NOT_MET, Outcome.NO_DATA)]
    return _score(results), not short


def kept_shortfalls(nominee):
    return sorted(map(tuple, NomineeScore.objects.get(nominee=nominee).shortfalls))


def live_shortfalls(nominee, campaign):
    """The mandatory criteria the results fall short of: not met, no data, or no result at all (None)."""
    outcomes = {r.criterion_id: r.outcome for r in Result.objects.filter(nominee=nominee)}
    mandatory = campaign.criteria.filter(target=nominee.target, mandatory=True)
    return sorted((c.pk, outcomes.get(c.pk)) for c in mandatory
                  if outcomes.get(c.pk) in (Outcome.NOT_MET, Outcome.NO_DATA, None))


def appraised(campaign):
    nominee = NomineeFactory(dossier=accepted_dossier(campaign, UnitFactory(name="Phòng Được chấm")))
    recompute_results(nominees=[nominee])
    return nominee


def test_recomputing_the_results_keeps_the_score_the_ranking_reads(campaign):
    nominee = appraised(campaign)
    assert kept(nominee) == live(nominee)
    assert [(r.nominee.pk, r.score, r.eligible) for r in rank_rows(campaign, target="collective")] == [
        (nominee.pk, *live(nominee)),
    ]


def test_a_ruling_moves_the_score_and_the_eligibility_in_the_same_save(campaign, clerk):
    nominee = appraised(campaign)
    for r in Result.objects.filter(nominee=nominee).select_related("nominee__dossier", "nominee__unit", "criterion"):
        rule_on_result(r, actor=clerk, outcome=Outcome.MET, reason="Đã xác minh", expected_version=r.version)
    assert kept(nominee) == (Decimal("100.00"), True)
    r = Result.objects.select_related("nominee__dossier", "nominee__unit", "criterion").get(
        nominee=nominee, criterion=criterion(campaign, "collective", 1))
    rule_on_result(r, actor=clerk, outcome=Outcome.NOT_MET, reason="Quyết định xếp loại bị hủy", expected_version=r.version)
    score, meets = kept(nominee)
    assert (score, meets) == live(nominee) and score < 100 and meets is False


def test_making_a_criterion_optional_on_the_weights_page_updates_eligibility(campaign, clerk):
    nominee = appraised(campaign)
    short = [r.criterion for r in Result.objects.filter(nominee=nominee).select_related("criterion")
             if r.criterion.mandatory and r.outcome != Outcome.MET]
    assert short and kept(nominee)[1] is False
    set_criteria_settings(campaign, weights={}, mandatory={c.pk: False for c in short}, actor=clerk)
    assert kept(nominee) == live(nominee) and kept(nominee)[1] is True


def test_a_nominee_never_scored_is_scored_when_the_ranking_first_meets_it(campaign):
    nominee = appraised(campaign)
    NomineeScore.objects.all().delete()
    ranked = rank_rows(campaign, target="collective")
    assert [(r.nominee.pk, r.score, r.eligible) for r in ranked] == [(nominee.pk, *live(nominee))]
    assert kept(nominee) == live(nominee)


def test_the_command_rebuilds_a_score_written_around_the_services(campaign):
    nominee = appraised(campaign)
    NomineeScore.objects.filter(nominee=nominee).update(score=Decimal("1.00"), meets_mandatory=True)
    out = io.StringIO()
    call_command("refresh_scores", stdout=out)
    assert out.getvalue() == "Đã tính lại điểm của 1 đối tượng.\n"
    assert kept(nominee) == live(nominee)


def test_the_kept_score_says_which_mandatory_criteria_fall_short_and_how(campaign, clerk):
    nominee = appraised(campaign)
    first, second = criterion(campaign, "collective", 1), criterion(campaign, "collective", 2)
    for c, outcome in ((first, Outcome.NOT_MET), (second, Outcome.NO_DATA)):
        r = Result.objects.select_related("nominee__dossier", "nominee__unit", "criterion").get(nominee=nominee, criterion=c)
        rule_on_result(r, actor=clerk, outcome=outcome, reason="Kiểm tra lại", expected_version=r.version)
    Result.objects.filter(nominee=nominee, criterion=criterion(campaign, "collective", 3)).delete()  # never assessed
    assert kept(nominee)[1] is False
    assert kept_shortfalls(nominee) == live_shortfalls(nominee, campaign)
    assert {(first.pk, "not_met"), (second.pk, "no_data")} <= set(kept_shortfalls(nominee))
    ranked = rank_rows(campaign, target="collective")
    fill_missing(campaign, "collective", ranked)
    said = {c.pk: f"{c.order}. {c.short_name}" for c in campaign.criteria.filter(target="collective")}
    expected = [f"{said[pk]}: " + {"not_met": "không đạt", "no_data": "chưa có số liệu / chưa xác nhận", None: "chưa đánh giá"}[o]
                for pk, o in sorted(live_shortfalls(nominee, campaign), key=lambda s: campaign.criteria.get(pk=s[0]).order)]
    assert ranked[0].missing == expected


def test_a_score_kept_before_the_shortfalls_were_is_scored_again_when_the_ranking_meets_it(campaign):
    nominee = appraised(campaign)
    NomineeScore.objects.filter(nominee=nominee).update(shortfalls=None, score=Decimal("1.00"))
    ranked = rank_rows(campaign, target="collective")
    assert [(r.nominee.pk, r.score, r.eligible) for r in ranked] == [(nominee.pk, *live(nominee))]
    assert kept_shortfalls(nominee) == live_shortfalls(nominee, campaign)
