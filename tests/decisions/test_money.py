"""Money for every award kind × target on decisions signed on the dates where the rules change
(domain.md section 4): the legal basis and the base salary follow the signing date; round up to 10.000 đ."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from awards.models import AwardKind, BaseSalary, CollectiveRule, LegalBasis
from awards.services.money import award_amount, base_salary_on, legal_basis_on, round_up

GK, BK = "giay-khen-giam-doc", "bang-khen-ubnd-tinh"
D = dt.date

# (signed on, legal basis, base salary, {(award kind, target): amount})
EXPECTED = [
    (D(2023, 6, 30), "91/2017/NĐ-CP", 1_490_000,
     {(GK, "individual"): 450_000, (GK, "collective"): 900_000, (BK, "individual"): 1_490_000, (BK, "collective"): 2_980_000}),
    (D(2023, 7, 1), "91/2017/NĐ-CP", 1_800_000,
     {(GK, "individual"): 540_000, (GK, "collective"): 1_080_000, (BK, "individual"): 1_800_000, (BK, "collective"): 3_600_000}),
    (D(2023, 12, 31), "91/2017/NĐ-CP", 1_800_000,
     {(GK, "individual"): 540_000, (GK, "collective"): 1_080_000, (BK, "individual"): 1_800_000, (BK, "collective"): 3_600_000}),
    (D(2024, 1, 1), "98/2023/NĐ-CP", 1_800_000,
     {(GK, "individual"): 540_000, (GK, "collective"): 1_080_000, (BK, "individual"): 1_800_000, (BK, "collective"): 3_600_000}),
    # 0.3 × 2.340.000 = 702.000 → 710.000; the collective is twice the ROUNDED amount under NĐ 98.
    (D(2024, 7, 1), "98/2023/NĐ-CP", 2_340_000,
     {(GK, "individual"): 710_000, (GK, "collective"): 1_420_000, (BK, "individual"): 2_340_000, (BK, "collective"): 4_680_000}),
    # NĐ 152/2025: own coefficients; 0.6 × 2.340.000 = 1.404.000 → 1.410.000; 1.5 × … = 3.510.000; 3.0 × … = 7.020.000.
    (D(2025, 7, 1), "152/2025/NĐ-CP", 2_340_000,
     {(GK, "individual"): 710_000, (GK, "collective"): 1_410_000, (BK, "individual"): 3_510_000, (BK, "collective"): 7_020_000}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("signed_on, basis_code, salary, amounts", EXPECTED, ids=lambda v: str(v) if isinstance(v, dt.date) else None)
def test_amount_for_every_award_kind_and_target_follows_the_signing_date(campaign, signed_on, basis_code, salary, amounts):
    got = {}
    for (kind_code, target) in amounts:
        money = award_amount(AwardKind.objects.get(code=kind_code), target, signed_on)
        assert money.legal_basis.code == basis_code
        assert money.base_salary == salary
        got[(kind_code, target)] = money.amount
    assert got == {k: Decimal(v) for k, v in amounts.items()}


@pytest.mark.django_db
def test_five_collectives_and_five_individuals_in_december_2023_cost_8_100_000(campaign):
    gk = AwardKind.objects.get(code=GK)
    day = D(2023, 12, 5)
    total = 5 * award_amount(gk, "collective", day).amount + 5 * award_amount(gk, "individual", day).amount
    assert total == Decimal("8100000")


@pytest.mark.django_db
def test_the_collective_rule_is_a_setting_of_the_legal_basis(campaign):
    gk = AwardKind.objects.get(code=GK)
    day = D(2024, 7, 1)
    assert award_amount(gk, "collective", day).amount == 1_420_000
    nd98 = LegalBasis.objects.get(code="98/2023/NĐ-CP")
    nd98.collective_rule = CollectiveRule.OWN_COEFFICIENT
    nd98.save()
    nd98.rates.create(award_kind=gk, target="collective", coefficient=Decimal("0.6"))
    money = award_amount(gk, "collective", day)
    assert (money.amount, money.coefficient, money.doubled) == (Decimal("1410000"), Decimal("0.6"), False)


@pytest.mark.django_db
def test_a_new_base_salary_row_changes_the_amount_from_its_date(campaign):
    gk = AwardKind.objects.get(code=GK)
    BaseSalary.objects.create(valid_from=D(2026, 7, 1), amount=2_530_000, legal_ref="Giả định")
    assert award_amount(gk, "individual", D(2026, 6, 30)).amount == 710_000
    # 0.3 × 2.530.000 = 759.000 → 760.000
    assert award_amount(gk, "individual", D(2026, 7, 1)).amount == 760_000


@pytest.mark.django_db
def test_a_date_without_rules_is_refused_in_vietnamese(campaign):

    with pytest.raises(ValidationError, match="Chưa có căn cứ pháp lý về mức tiền thưởng áp dụng cho ngày 01/01/2010"):
        legal_basis_on(D(2010, 1, 1))
    with pytest.raises(ValidationError, match="Chưa có mức lương cơ sở áp dụng cho ngày 01/01/2010"):
        base_salary_on(D(2010, 1, 1))


def test_rounding_goes_up_to_the_next_ten_thousand_and_keeps_exact_multiples():
    assert round_up(Decimal("447000"), 10000) == 450000
    assert round_up(Decimal("450000"), 10000) == 450000
    assert round_up(Decimal("450001"), 10000) == 460000
    assert round_up(Decimal("702000.0"), 10000) == 710000
