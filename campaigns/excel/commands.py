"""What the import commands share: read a file, print every notice and error, and fail (exit status 1) when
anything is wrong, having written nothing."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from campaigns.excel.importer import run
from campaigns.excel.importers import IMPORTERS


def user_named(username):
    if not username:
        return None
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"Không có tài khoản «{username}».") from None


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .xlsx theo mẫu nhập (tải mẫu ở trang Nhập Excel).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Chỉ kiểm tra và cho biết sẽ tạo mới, thay đổi, giữ nguyên những gì; không ghi gì.")
        parser.add_argument("--user", help="Tài khoản ghi vào lịch sử thay đổi là người nhập (không bắt buộc).")

    def handle(self, *args, file, dry_run=False, user=None, **options):
        actor = user_named(user)
        try:
            handle = open(file, "rb")
        except OSError as exc:
            raise CommandError(f"Không mở được tệp «{file}»: {exc.strerror}.") from exc
        with handle:
            report = run(IMPORTERS[self.kind], handle, actor=actor, dry_run=dry_run)
        for notice in report.notices:
            self.stdout.write(self.style.WARNING(f"Lưu ý: {notice}"))
        for problem in report.errors:
            self.stderr.write(str(problem))
        if options.get("verbosity", 1) >= 2:
            for outcome in report.outcomes:
                if outcome.action != "unchanged":
                    detail = f" ({'; '.join(outcome.changes)})" if outcome.changes else ""
                    self.stdout.write(f"{outcome.action_label}: {outcome.label}{detail}")
        if report.errors:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
