"""Delete uploaded files that no DocumentVersion names (left by a transaction that rolled back outside
`atomic_with_files`, or by a crash), and Excel files uploaded for import more than a day ago. Meant to run daily;
`--dry-run` only lists the orphans."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from awards.services.files import orphan_files
from campaigns.excel.uploads import sweep_uploads


class Command(BaseCommand):
    help = ("Xóa các tệp trong MEDIA_ROOT/documents không thuộc phiên bản văn bản nào (tệp mồ côi) và các tệp Excel "
            "tải lên để nhập quá 24 giờ. --dry-run: chỉ liệt kê tệp mồ côi.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không xóa.")
        parser.add_argument("--min-age", type=int, default=60,
                            help="Chỉ xét tệp cũ hơn số phút này (mặc định 60), để không đụng tới tệp đang tải lên.")

    def handle(self, *args, dry_run=False, min_age=60, **options):
        if min_age < 0:
            raise CommandError("--min-age phải là số phút không âm.")
        names = orphan_files(min_age_seconds=min_age * 60)
        for name in names:
            self.stdout.write(name)
            if not dry_run:
                default_storage.delete(name)
        verb = "Tìm thấy" if dry_run else "Đã xóa"
        self.stdout.write(f"{verb} {len(names)} tệp mồ côi.")
        if not dry_run:
            self.stdout.write(f"Đã xóa {sweep_uploads()} tệp Excel tải lên để nhập quá 24 giờ.")
