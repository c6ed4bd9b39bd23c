from pathlib import Path

from django.core.management.base import BaseCommand

from awards.management.commands._decision_lookup import add_arguments, find_decision
from awards.pdf import decision_pdf


class Command(BaseCommand):
    help = (
        'Xuất Quyết định khen thưởng (kèm danh sách) hoặc Tờ trình đã ký ban hành ra PDF. NUMBER: số như in trên văn '
        'bản ("12/QĐ-SLĐTBXH", "03/TTr-SLĐTBXH") hoặc chỉ số (12: Quyết định; thêm --year nếu cần).'
    )

    def add_arguments(self, parser):
        add_arguments(parser)

    def handle(self, *args, number, out, year=None, **options):

        decision = find_decision(number, year)
        Path(out).write_bytes(decision_pdf(decision))
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {decision} vào {out}."))
