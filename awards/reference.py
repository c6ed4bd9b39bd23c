"""Reference data the money rules, grounds and awards need: award kinds, the legal documents (laws, decrees with
their coefficients, base-salary decrees) and the base salary as dated rows (domain.md sections 4 and 5).
Created when missing; never overwrites the office's edits."""

import datetime as dt
from decimal import Decimal

from awards.models import (
    AwardKind,
    AwardLevel,
    AwardRate,
    BaseSalary,
    CollectiveRule,
    LegalBasis,
    LegalKind,
    LegalRole,
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

DETAIL_TITLE = "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"

# The legal documents (domain.md section 5), with their true numbers and dates. `replaces` and `amends` name another
# row by its code. Emulation decrees carry the money rules: (individual, collective) coefficients per award kind
# (collective None: twice the individual amount after rounding).
LEGAL_DOCUMENTS = [
    {
        "code": "15/2003/QH11", "kind": LegalKind.LAW, "role": LegalRole.EMULATION_LAW, "issuer": "Quốc hội",
        "short_title": "Luật Thi đua, Khen thưởng", "title": "Luật Thi đua, Khen thưởng",
        "issued_on": dt.date(2003, 11, 26), "valid_from": dt.date(2004, 7, 1), "valid_to": dt.date(2023, 12, 31),
    },
    {
        "code": "47/2005/QH11", "kind": LegalKind.LAW, "role": LegalRole.AMENDMENT, "issuer": "Quốc hội",
        "short_title": "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng",
        "title": "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng", "amends": "15/2003/QH11",
        "issued_on": dt.date(2005, 6, 14), "valid_from": dt.date(2005, 6, 14), "valid_to": dt.date(2023, 12, 31),
    },
    {
        "code": "39/2013/QH13", "kind": LegalKind.LAW, "role": LegalRole.AMENDMENT, "issuer": "Quốc hội",
        "short_title": "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng",
        "title": "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng", "amends": "15/2003/QH11",
        "issued_on": dt.date(2013, 11, 16), "valid_from": dt.date(2014, 6, 1), "valid_to": dt.date(2023, 12, 31),
    },
    {
        "code": "06/2022/QH15", "kind": LegalKind.LAW, "role": LegalRole.EMULATION_LAW, "issuer": "Quốc hội",
        "short_title": "Luật Thi đua, khen thưởng", "title": "Luật Thi đua, khen thưởng", "replaces": "15/2003/QH11",
        "issued_on": dt.date(2022, 6, 15), "valid_from": dt.date(2024, 1, 1), "valid_to": None,
    },
    {
        "code": "91/2017/NĐ-CP", "kind": LegalKind.DECREE, "role": LegalRole.EMULATION_DECREE, "issuer": "Chính phủ",
        "title": DETAIL_TITLE,
        "issued_on": dt.date(2017, 7, 31), "valid_from": dt.date(2017, 10, 1), "valid_to": dt.date(2023, 12, 31),
        "collective_rule": CollectiveRule.DOUBLE_INDIVIDUAL,
        "rates": {"giay-khen-giam-doc": ("0.3", None), "bang-khen-ubnd-tinh": ("1.0", None)},
    },
    {
        "code": "98/2023/NĐ-CP", "kind": LegalKind.DECREE, "role": LegalRole.EMULATION_DECREE, "issuer": "Chính phủ",
        "title": DETAIL_TITLE, "replaces": "91/2017/NĐ-CP",
        "issued_on": dt.date(2023, 12, 31), "valid_from": dt.date(2024, 1, 1), "valid_to": dt.date(2025, 6, 30),
        "collective_rule": CollectiveRule.DOUBLE_INDIVIDUAL,
        "rates": {"giay-khen-giam-doc": ("0.3", None), "bang-khen-ubnd-tinh": ("1.0", None)},
    },
    {
        "code": "152/2025/NĐ-CP", "kind": LegalKind.DECREE, "role": LegalRole.EMULATION_DECREE, "issuer": "Chính phủ",
        "title": "quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn "
                 "thi hành một số điều của Luật Thi đua, khen thưởng",
        "replaces": "98/2023/NĐ-CP",
        "issued_on": dt.date(2025, 6, 14), "valid_from": dt.date(2025, 7, 1), "valid_to": None,
        "collective_rule": CollectiveRule.OWN_COEFFICIENT,
        "rates": {"giay-khen-giam-doc": ("0.3", "0.6"), "bang-khen-ubnd-tinh": ("1.5", "3.0")},
    },
    {
        "code": "38/2019/NĐ-CP", "kind": LegalKind.DECREE, "role": LegalRole.BASE_SALARY, "issuer": "Chính phủ",
        "title": "quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang",
        "issued_on": dt.date(2019, 5, 9), "valid_from": dt.date(2019, 7, 1), "valid_to": dt.date(2023, 6, 30),
    },
    {
        "code": "24/2023/NĐ-CP", "kind": LegalKind.DECREE, "role": LegalRole.BASE_SALARY, "issuer": "Chính phủ",
        "title": "quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang",
        "replaces": "38/2019/NĐ-CP",
        "issued_on": dt.date(2023, 5, 14), "valid_from": dt.date(2023, 7, 1), "valid_to": dt.date(2024, 6, 30),
    },
    {
        "code": "73/2024/NĐ-CP", "kind": LegalKind.DECREE, "role": LegalRole.BASE_SALARY, "issuer": "Chính phủ",
        "title": "quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức và lực lượng vũ trang",
        "replaces": "24/2023/NĐ-CP",
        "issued_on": dt.date(2024, 6, 30), "valid_from": dt.date(2024, 7, 1), "valid_to": None,
    },
]

BASE_SALARIES = [
    (dt.date(2019, 7, 1), 1_490_000, "NĐ 38/2019/NĐ-CP", "38/2019/NĐ-CP"),
    (dt.date(2023, 7, 1), 1_800_000, "NĐ 24/2023/NĐ-CP", "24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), 2_340_000, "NĐ 73/2024/NĐ-CP", "73/2024/NĐ-CP"),
]


def ensure_reference_data():
    """Create award kinds, legal bases, coefficients and base salaries that are missing. Returns the number created."""
    created = 0
    kinds = {}
    for data in AWARD_KINDS:
        kind, was_created = AwardKind.objects.get_or_create(code=data["code"], defaults=data)
        kinds[kind.code] = kind
        created += was_created
    documents = {}
    for data in LEGAL_DOCUMENTS:
        data = dict(data)
        rates = data.pop("rates", {})
        links = {name: data.pop(name, None) for name in ("replaces", "amends")}
        basis, was_created = LegalBasis.objects.get_or_create(code=data["code"], defaults=data)
        documents[basis.code] = basis
        created += was_created
        if was_created and any(links.values()):
            for name, code in links.items():
                setattr(basis, name, documents.get(code) if code else None)
            basis.save(update_fields=list(links))
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
    for valid_from, amount, ref, code in BASE_SALARIES:
        _, c = BaseSalary.objects.get_or_create(
            valid_from=valid_from, defaults={"amount": amount, "legal_ref": ref, "legal_document": documents.get(code)},
        )
        created += c
    return created
