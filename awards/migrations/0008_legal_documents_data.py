"""The legal documents table as it is on 30/11/2026: existing rows (the three emulation decrees loaded before this
change) get their kind, role and issuer; NĐ 152/2025/NĐ-CP its true date (14/06/2025) and subject; the laws and
the base-salary decrees are added where missing and linked. Data copied here on purpose (a migration must not
follow later edits of awards/reference.py). Rows the office already edited keep their edits except the fields
named here."""

import datetime as dt

from django.db import migrations

D = dt.date
DETAIL = "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
AMEND = "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng"
SALARY = "quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang"
ROWS = [
    # code, kind, role, issuer, short_title, title, issued_on, valid_from, valid_to, replaces, amends
    ("15/2003/QH11", "law", "emulation_law", "Quốc hội", "Luật Thi đua, Khen thưởng", "Luật Thi đua, Khen thưởng",
     D(2003, 11, 26), D(2004, 7, 1), D(2023, 12, 31), None, None),
    ("47/2005/QH11", "law", "amendment", "Quốc hội", AMEND, AMEND, D(2005, 6, 14), D(2005, 6, 14), D(2023, 12, 31),
     None, "15/2003/QH11"),
    ("39/2013/QH13", "law", "amendment", "Quốc hội", AMEND, AMEND, D(2013, 11, 16), D(2014, 6, 1), D(2023, 12, 31),
     None, "15/2003/QH11"),
    ("06/2022/QH15", "law", "emulation_law", "Quốc hội", "Luật Thi đua, khen thưởng", "Luật Thi đua, khen thưởng",
     D(2022, 6, 15), D(2024, 1, 1), None, "15/2003/QH11", None),
    ("91/2017/NĐ-CP", "decree", "emulation_decree", "Chính phủ", "", DETAIL, D(2017, 7, 31), D(2017, 10, 1),
     D(2023, 12, 31), None, None),
    ("98/2023/NĐ-CP", "decree", "emulation_decree", "Chính phủ", "", DETAIL, D(2023, 12, 31), D(2024, 1, 1),
     D(2025, 6, 30), "91/2017/NĐ-CP", None),
    ("152/2025/NĐ-CP", "decree", "emulation_decree", "Chính phủ", "",
     "quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành "
     "một số điều của Luật Thi đua, khen thưởng", D(2025, 6, 14), D(2025, 7, 1), None, "98/2023/NĐ-CP", None),
    ("38/2019/NĐ-CP", "decree", "base_salary", "Chính phủ", "", SALARY, D(2019, 5, 9), D(2019, 7, 1), D(2023, 6, 30),
     None, None),
    ("24/2023/NĐ-CP", "decree", "base_salary", "Chính phủ", "", SALARY, D(2023, 5, 14), D(2023, 7, 1), D(2024, 6, 30),
     "38/2019/NĐ-CP", None),
    ("73/2024/NĐ-CP", "decree", "base_salary", "Chính phủ", "",
     "quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức và lực lượng vũ trang",
     D(2024, 6, 30), D(2024, 7, 1), None, "24/2023/NĐ-CP", None),
]
SALARY_DECREES = {D(2019, 7, 1): "38/2019/NĐ-CP", D(2023, 7, 1): "24/2023/NĐ-CP", D(2024, 7, 1): "73/2024/NĐ-CP"}


def forward(apps, schema_editor):
    LegalBasis = apps.get_model("awards", "LegalBasis")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    if not LegalBasis.objects.exists():
        return  # a fresh database: awards.reference loads everything when the plan or the demo is loaded
    by_code = {}
    for code, kind, role, issuer, short, title, issued, start, end, _, _ in ROWS:
        row = LegalBasis.objects.filter(code=code).first()
        if row is None:
            row = LegalBasis.objects.create(code=code, kind=kind, role=role, issuer=issuer, short_title=short,
                                            title=title, issued_on=issued, valid_from=start, valid_to=end)
        else:
            row.kind, row.role, row.issuer, row.short_title = kind, role, issuer, short
            if code == "152/2025/NĐ-CP":  # was loaded with a wrong date and described as a money amendment
                row.issued_on, row.title = issued, title
            row.save()
        by_code[code] = row
    for code, *_, replaces, amends in ROWS:
        row = by_code[code]
        row.replaces = by_code.get(replaces) if replaces else row.replaces
        row.amends = by_code.get(amends) if amends else row.amends
        row.save(update_fields=["replaces", "amends"])
    for salary in BaseSalary.objects.filter(legal_document__isnull=True):
        code = SALARY_DECREES.get(salary.valid_from)
        if code:
            salary.legal_document = by_code[code]
            salary.save(update_fields=["legal_document"])


class Migration(migrations.Migration):
    dependencies = [("awards", "0007_legal_documents_registers_ties")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
