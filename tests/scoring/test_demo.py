"""The demo's scoring stage: indicator data, results, attestations, overrides with reasons, ties and the quota
line; run twice, it changes nothing."""

import pytest
from django.core.management import call_command

from awards.models import Outcome, Result
from awards.services.ranking import rank_nominees
from campaigns.models import Campaign, IndicatorRecord


@pytest.mark.django_db
def test_seed_demo_scores_the_nominees_with_overrides_ties_and_a_quota_line(capsys):
    call_command("seed_demo")
    campaign = Campaign.objects.get(code="cchc-2023")
    assert IndicatorRecord.objects.filter(year=2023).count() == 11
    results = Result.objects.filter(criterion__campaign=campaign)
    assert results.count() > 100
    assert set(results.values_list("computed", flat=True)) == set(Outcome.values)
    overrides = results.exclude(override="").exclude(criterion__evidence_kind="attestation")
    assert overrides.count() >= 2 and all(r.override_reason for r in overrides)
    assert results.filter(override="", criterion__evidence_kind="attestation").exists()  # one still waiting
    reasons = set(results.values_list("computed_reason", flat=True))
    assert "Giải ngân 98,5% < 100% → Không đạt" in reasons
    assert "Không có vốn đầu tư công được giao → Không áp dụng" in reasons
    assert "Tỷ lệ hồ sơ trực tuyến 62% ≥ chỉ tiêu 50% → Đạt" in reasons
    assert "PAR INDEX: 2 thành phần được giao, cả 2 tăng điểm → Đạt" in reasons

    # The portal's demo accepts six units' dossiers: five collectives are eligible, one is not; nine individuals.
    for target, at_least in (("collective", 5), ("individual", 6)):
        ranked = rank_nominees(campaign, target=target)
        eligible = [r for r in ranked if r.eligible]
        assert len(eligible) >= at_least, [(r.nominee.name, r.missing) for r in ranked]
        assert [r.within_quota for r in eligible] == [True] * 5 + [False] * (len(eligible) - 5)
        assert any(r.tie_note for r in eligible)
        assert any(not r.eligible for r in ranked)
    bang_khen = rank_nominees(campaign, target="individual", award_kind="bang-khen-ubnd-tinh")
    assert [r.eligible for r in bang_khen] == [True]

    before = list(Result.objects.order_by("pk").values_list("pk", "version", "computed", "override"))
    capsys.readouterr()
    call_command("seed_demo")
    assert list(Result.objects.order_by("pk").values_list("pk", "version", "computed", "override")) == before
