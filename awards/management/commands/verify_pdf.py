from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from awards.services.signing import verify_pdf


class Command(BaseCommand):
    help = (
        "Kiểm tra một tệp PDF: có phải văn bản do Sở ký số phát hành, còn nguyên vẹn kể từ khi ký, ai ký và lúc nào, "
        "đã bị thay thế chưa (như trang xác minh công khai). Mã thoát 0 khi hợp lệ, 1 khi không."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp PDF cần kiểm tra")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc.strerror}.") from exc
        if size > settings.UPLOAD_MAX_BYTES:
            raise CommandError(f"Tệp {file} lớn hơn giới hạn {settings.UPLOAD_MAX_BYTES} byte: không phải văn bản của hệ thống.")
        try:
            verdict = verify_pdf(path.read_bytes())
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        for line in verdict.lines():
            self.stdout.write(line)
        if not verdict.ok:
            raise SystemExit(1)
