"""Award money as data (domain.md section 4): the legal basis and the base salary in force on the day a decision
is signed, the coefficient per award kind and target, the collective rule and the rounding.

    amount = coefficient × base salary, rounded UP to the next multiple of the basis's rounding unit (10.000 đ)

For a collective, the legal basis says how: twice the individual amount after rounding (NĐ 91/2017, NĐ 98/2023),
or its own coefficient rounded the same way (NĐ 152/2025)."""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q

from awards.models import AwardKind, AwardRate, BaseSalary, CollectiveRule, LegalBasis, LegalRole
from campaigns.models import Target


@dataclass(frozen=True)
class AwardMoney:
    amount: Decimal
    legal_basis: LegalBasis
    base_salary: Decimal
    coefficient: Decimal  # the coefficient applied (for a doubled collective: the individual's)
    doubled: bool = False  # True when the amount is twice the rounded individual amount


def legal_basis_on(day: dt.date) -> LegalBasis:
    """The decree on award money in force on `day` (the newest one that applies)."""
    basis = (
        LegalBasis.objects.filter(role=LegalRole.EMULATION_DECREE, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )
    if basis is None:
        raise ValidationError(f"Chưa có căn cứ pháp lý về mức tiền thưởng áp dụng cho ngày {day:%d/%m/%Y}.")
    return basis


def base_salary_on(day: dt.date) -> BaseSalary:
    salary = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if salary is None:
        raise ValidationError(f"Chưa có mức lương cơ sở áp dụng cho ngày {day:%d/%m/%Y}.")
    return salary


def round_up(amount: Decimal, unit: int) -> Decimal:
    """Up to the next multiple of `unit` (an exact multiple stays): 447.000 → 450.000."""
    unit = Decimal(unit)
    return (Decimal(amount) / unit).to_integral_value(rounding=ROUND_CEILING) * unit


def _rate(basis: LegalBasis, award_kind: AwardKind, target: str) -> Decimal:
    rate = AwardRate.objects.filter(legal_basis=basis, award_kind=award_kind, target=target).first()
    if rate is None:
        raise ValidationError(
            f"Nghị định số {basis.code} chưa có hệ số tiền thưởng cho {award_kind.short_name} "
            f"({Target(target).label.lower()})."
        )
    return rate.coefficient


def award_amount(award_kind: AwardKind, target: str, signed_on: dt.date) -> AwardMoney:
    """The money for one award of `award_kind` to a `target` on a decision signed on `signed_on`."""
    basis = legal_basis_on(signed_on)
    salary = base_salary_on(signed_on).amount
    return amount_under(basis, salary, award_kind, target)


def amount_under(basis: LegalBasis, salary: Decimal, award_kind: AwardKind, target: str) -> AwardMoney:
    """The money under a given legal basis and base salary (used with the values frozen on a decision)."""
    if target == Target.COLLECTIVE and basis.collective_rule == CollectiveRule.DOUBLE_INDIVIDUAL:
        coefficient = _rate(basis, award_kind, Target.INDIVIDUAL)
        individual = round_up(coefficient * salary, basis.rounding_unit)
        return AwardMoney(2 * individual, basis, salary, coefficient, doubled=True)
    coefficient = _rate(basis, award_kind, target)
    return AwardMoney(round_up(coefficient * salary, basis.rounding_unit), basis, salary, coefficient)


def format_amount(amount) -> str:
    """1080000 → "1.080.000" (the documents' dot thousands separator)."""
    return f"{int(amount):,}".replace(",", ".")
