from django.core.management.base import BaseCommand, CommandError

from campaigns.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Sao lưu cơ sở dữ liệu (pg_dump cho PostgreSQL, bản sao nhất quán cho SQLite) và mọi tệp đã lưu vào "
            "THƯ_MỤC (mới hoặc trống), kèm bản kê tổng kiểm SHA-256 (manifest.json).")

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, folder, **options):
        try:
            manifest = backup(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        size = sum(f["size"] for f in manifest["files"]) + manifest["database"]["size"]
        grouped = f"{size:,}".replace(",", ".")
        self.stdout.write(
            f"Đã sao lưu vào {folder}: cơ sở dữ liệu ({manifest['database']['engine']}) và "
            f"{len(manifest['files'])} tệp, tổng {grouped} byte.")
