import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from awards.models import CampaignAward
from awards.plans.loader import load_plan_2023
from campaigns.models import Campaign, Criterion

# The plan as the customer sent it: shared/seed beside the checkout, or the copy kept in docs/.
_SHARED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "ke-hoach-thi-dua-cchc-2023.txt"
SEED = _SHARED if _SHARED.exists() else Path(__file__).resolve().parents[2] / "docs" / "ke-hoach-thi-dua-cchc-2023.txt"


def _seed_criteria(heading, next_heading):
    """The bullet lines of a part of section II.2 of the plan, as written in the seed file."""
    text = SEED.read_text(encoding="utf-8")
    part = text[text.index(heading) + len(heading): text.index(next_heading)]
    return [line[2:].strip() for line in part.splitlines() if line.startswith("- ")]


@pytest.mark.django_db
def test_plan_loader_creates_campaign_with_dates_grounds_and_quotas():
    report = load_plan_2023()

    assert report.created is True
    campaign = Campaign.objects.get()
    assert (campaign.year, campaign.period_end, campaign.dossier_deadline, campaign.decision_deadline) == (
        2023, dt.date(2023, 11, 29), dt.date(2023, 11, 20), dt.date(2023, 12, 15),
    )
    assert [(g.reference, g.issued_on) for g in campaign.grounds.all()] == [
        ("1223/KH-UBND", dt.date(2023, 4, 2)),
        ("245/QĐ-UBND", dt.date(2023, 3, 1)),
        ("3450/UBND-TCDNC", dt.date(2022, 8, 8)),
        ("91/2017/NĐ-CP", dt.date(2017, 7, 31)),
    ]
    awards = {(a.award_kind.code, a.target, a.quota) for a in CampaignAward.objects.select_related("award_kind")}
    assert awards == {
        ("giay-khen-giam-doc", "collective", 5),
        ("giay-khen-giam-doc", "individual", 5),
        ("bang-khen-ubnd-tinh", "collective", None),
        ("bang-khen-ubnd-tinh", "individual", None),
    }
    assert campaign.organisation.abbreviation == "SLĐTBXH"


@pytest.mark.django_db
@pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not beside the checkout")
def test_plan_loader_carries_all_17_criteria_word_for_word_in_plan_order():
    load_plan_2023()

    collective = list(Criterion.objects.filter(target="collective").order_by("order").values_list("text", flat=True))
    individual = list(Criterion.objects.filter(target="individual").order_by("order").values_list("text", flat=True))
    assert collective == _seed_criteria("a) Đối với tập thể", "b) Đối với cá nhân")
    assert individual == _seed_criteria("b) Đối với cá nhân:", "3. Tổ chức thi đua")
    assert (len(collective), len(individual)) == (12, 5)


@pytest.mark.django_db
def test_plan_loader_gives_each_criterion_its_evidence_kind():
    load_plan_2023()

    kinds = list(Criterion.objects.order_by("target", "order").values_list("target", "order", "evidence_kind", "indicator"))
    assert kinds == [
        ("collective", 1, "rating", ""), ("collective", 2, "attestation", ""), ("collective", 3, "document", ""),
        ("collective", 4, "inspection", "inspection"), ("collective", 5, "initiative", ""),
        ("collective", 6, "ratio", "disbursement"), ("collective", 7, "ratio", "online_services"),
        ("collective", 8, "attestation", ""), ("collective", 9, "zero_count", "late_dossiers"),
        ("collective", 10, "index", "par_pci_papi_sipas"), ("collective", 11, "index", "ddci"),
        ("collective", 12, "discipline", ""),
        ("individual", 1, "rating", ""), ("individual", 2, "attestation", ""), ("individual", 3, "attestation", ""),
        ("individual", 4, "initiative", ""), ("individual", 5, "discipline", ""),
    ]


@pytest.mark.django_db
def test_plan_loader_run_twice_changes_nothing():
    load_plan_2023()
    before = list(Criterion.objects.order_by("id").values())

    report = load_plan_2023()

    assert (report.created, report.updated, report.differences) == (False, False, [])
    assert list(Criterion.objects.order_by("id").values()) == before
    assert Campaign.objects.count() == 1


@pytest.mark.django_db
def test_plan_loader_reports_an_edited_campaign_and_changes_nothing_unless_told(capsys):
    load_plan_2023()
    Campaign.objects.update(dossier_deadline=dt.date(2023, 11, 25))
    Criterion.objects.filter(target="individual", order=5).update(text="Đã sửa")

    call_command("load_plan_2023")
    out = capsys.readouterr().out

    assert "khác kế hoạch ở 2 điểm" in out
    assert "hạn nộp hồ sơ: đang là «2023-11-25», kế hoạch là «2023-11-20»" in out
    assert "Tiêu chí cá nhân 5 – nội dung tiêu chí: đang là «Đã sửa»" in out
    assert Campaign.objects.get().dossier_deadline == dt.date(2023, 11, 25)

    call_command("load_plan_2023", "--update")

    assert Campaign.objects.get().dossier_deadline == dt.date(2023, 11, 20)
    assert Criterion.objects.get(target="individual", order=5).text.startswith("Thực hiện nghiêm kỷ luật")
    assert re.search(r"không thay đổi gì", _run_again(capsys))


def _run_again(capsys):
    call_command("load_plan_2023")
    return capsys.readouterr().out
