import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from awards.services.reminders import pending_reminders, send_reminders


def _date(value):
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: «{value}». Hãy ghi theo dạng NĂM-THÁNG-NGÀY, ví dụ 2023-11-13.")


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc hạn cho thủ trưởng các đơn vị chưa nộp đủ hồ sơ, 7, 3 và 1 ngày trước hạn nộp hồ sơ; "
        "mỗi lần nhắc chỉ gửi một lần. Chạy mỗi ngày một lần (cron). --today để chạy như thể vào ngày khác."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Chạy như thể hôm nay là ngày này (YYYY-MM-DD, giờ Việt Nam).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê thư sẽ gửi, không gửi, không ghi.")

    def handle(self, *args, today=None, dry_run=False, **options):
        day = _date(today) if today else None
        if dry_run:
            reminders = pending_reminders(today=day)
            for r in reminders:
                self.stdout.write(f"Sẽ gửi: {r.line}")
            self.stdout.write(f"{len(reminders)} thư sẽ được gửi (chạy thử, chưa gửi).")
            return
        reminders = send_reminders(today=day)
        sent = [r for r in reminders if r.status == "sent"]
        for r in reminders:
            if r.status == "sent":
                self.stdout.write(f"Đã xếp vào hàng gửi: {r.line}")
            else:
                self.stderr.write(f"Không gửi: {r.line}: {r.error}")
        self.stdout.write(
            self.style.SUCCESS(f"Đã xếp {len(sent)} thư nhắc hạn vào hàng gửi (tiến trình nền gửi đi, thử lại nếu máy chủ thư lỗi).")
            if sent else "Không có thư nhắc hạn nào cần gửi.")
