from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from awards.management.commands._decision_lookup import add_arguments, find_decision
from awards.pdf import certificates_pdf


class Command(BaseCommand):
    help = (
        'In tất cả Giấy khen của một Quyết định đã ký ban hành vào một tệp PDF (mỗi trang một Giấy khen). NUMBER: '
        '"12/QĐ-SLĐTBXH" hoặc 12 (thêm --year nếu cần).'
    )

    def add_arguments(self, parser):
        add_arguments(parser)

    def handle(self, *args, number, out, year=None, **options):

        decision = find_decision(number, year)
        try:
            pdf = certificates_pdf(decision)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages))
        Path(out).write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {decision.lines.count()} Giấy khen của {decision} vào {out}."))
