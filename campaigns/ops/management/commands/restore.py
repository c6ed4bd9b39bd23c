from django.core.management.base import BaseCommand, CommandError

from campaigns.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Khôi phục một bản sao lưu của `backup` vào cơ sở dữ liệu và nơi lưu tệp trống. Từ chối nếu bản kê "
            "không khớp hoặc cơ sở dữ liệu đích đã có dữ liệu.")
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, folder, **options):
        try:
            result = restore(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Đã khôi phục bản sao lưu lúc {result['created_at']}: cơ sở dữ liệu và {result['files']} tệp.")
