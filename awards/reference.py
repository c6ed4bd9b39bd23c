"""Reference data the money rules and awards need: award kinds, legal bases with their coefficients, and the
base salary as dated rows (domain.md section 4). Created when missing; never overwrites the office's edits."""

import datetime as dt
from decimal import Decimal

from awards.models import (
    AwardKind,
    AwardLevel,
    AwardRate,
    BaseSalary,
    CollectiveRule,
    LegalBasis,
)

AWARD_KINDS = [
    {
        "code": "giay-khen-giam-doc",
        "name": "Giấy khen của Giám đốc Sở",
        "short_name": "Giấy khen",
        "level": AwardLevel.DEPARTMENT,
        "fund": "Quỹ thi đua, khen thưởng của Sở",
    },
    {
        "code": "bang-khen-ubnd-tinh",
        "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "short_name": "Bằng khen UBND tỉnh",
        "level": AwardLevel.PROVINCE,
        "fund": "Quỹ thi đua, khen thưởng của tỉnh",
    },
]

LEGAL_BASES = [
    {
        "code": "91/2017/NĐ-CP",
        "title": "Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng",
        "issued_on": dt.date(2017, 7, 31),
        "valid_from": dt.date(2017, 10, 1),
        "valid_to": dt.date(2023, 12, 31),
        "collective_rule": CollectiveRule.DOUBLE_INDIVIDUAL,
        "rates": {"giay-khen-giam-doc": ("0.3", None), "bang-khen-ubnd-tinh": ("1.0", None)},
    },
    {
        "code": "98/2023/NĐ-CP",
        "title": "Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "issued_on": dt.date(2023, 12, 31),
        "valid_from": dt.date(2024, 1, 1),
        "valid_to": dt.date(2025, 6, 30),
        "collective_rule": CollectiveRule.DOUBLE_INDIVIDUAL,
        "rates": {"giay-khen-giam-doc": ("0.3", None), "bang-khen-ubnd-tinh": ("1.0", None)},
    },
    {
        "code": "152/2025/NĐ-CP",
        "title": "Nghị định sửa đổi, bổ sung quy định về mức tiền thưởng thi đua, khen thưởng",
        "issued_on": dt.date(2025, 6, 30),
        "valid_from": dt.date(2025, 7, 1),
        "valid_to": None,
        "collective_rule": CollectiveRule.OWN_COEFFICIENT,
        "rates": {"giay-khen-giam-doc": ("0.3", "0.6"), "bang-khen-ubnd-tinh": ("1.5", "3.0")},
    },
]

BASE_SALARIES = [
    (dt.date(2019, 7, 1), 1_490_000, "NĐ 38/2019/NĐ-CP"),
    (dt.date(2023, 7, 1), 1_800_000, "NĐ 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), 2_340_000, "NĐ 73/2024/NĐ-CP"),
]


def ensure_reference_data():
    """Create award kinds, legal bases, coefficients and base salaries that are missing. Returns the number created."""
    created = 0
    kinds = {}
    for data in AWARD_KINDS:
        kind, was_created = AwardKind.objects.get_or_create(code=data["code"], defaults=data)
        kinds[kind.code] = kind
        created += was_created
    for data in LEGAL_BASES:
        data = dict(data)
        rates = data.pop("rates")
        basis, was_created = LegalBasis.objects.get_or_create(code=data["code"], defaults=data)
        created += was_created
        for kind_code, (individual, collective) in rates.items():
            _, c = AwardRate.objects.get_or_create(
                legal_basis=basis, award_kind=kinds[kind_code], target="individual",
                defaults={"coefficient": Decimal(individual)},
            )
            created += c
            if collective is not None:
                _, c = AwardRate.objects.get_or_create(
                    legal_basis=basis, award_kind=kinds[kind_code], target="collective",
                    defaults={"coefficient": Decimal(collective)},
                )
                created += c
    for valid_from, amount, ref in BASE_SALARIES:
        _, c = BaseSalary.objects.get_or_create(valid_from=valid_from, defaults={"amount": amount, "legal_ref": ref})
        created += c
    return created
