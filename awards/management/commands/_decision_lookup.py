"""Finding a decision from the command line: "12/QĐ-SLĐTBXH" (the number as printed) or just 12 (a Quyết định;
with --year when several years have a number 12). Replaced and draft decisions are not found."""

from django.core.management.base import CommandError

from awards.models import Decision, DecisionState, DocumentType


def add_arguments(parser):
    parser.add_argument("number", help='Số văn bản như in trên văn bản ("12/QĐ-SLĐTBXH", "3/TTr-SLĐTBXH") hoặc chỉ số (12, là Quyết định)')
    parser.add_argument("--out", required=True, help="Tệp PDF cần ghi")
    parser.add_argument("--year", type=int, help="Năm của sổ đăng ký (khi chỉ ghi số)")


def find_decision(number: str, year: int | None) -> Decision:
    number = number.strip()
    qs = Decision.objects.filter(state=DecisionState.APPROVED)
    if number.isdigit():
        qs = qs.filter(number=int(number), doc_type=DocumentType.DECISION)
    else:
        qs = qs.filter(number_text__iexact=number.removeprefix("Số:").strip())
    if year:
        qs = qs.filter(number_year=year)
    found = list(qs.order_by("-number_year")[:2])
    if not found:
        raise CommandError(f"Không có văn bản đã ký ban hành số {number}{f' năm {year}' if year else ''}.")
    if len(found) > 1 and found[0].number_year == found[1].number_year:
        raise CommandError(f"Có nhiều văn bản số {number}: ghi đầy đủ số, ký hiệu.")
    if len(found) > 1 and not year:
        raise CommandError(f"Số {number} có ở nhiều năm ({found[0].number_year}, {found[1].number_year}): thêm --year.")
    return found[0]
