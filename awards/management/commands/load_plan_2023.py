from django.core.management.base import BaseCommand

from awards.plans.loader import load_plan_2023


class Command(BaseCommand):
    help = (
        "Nạp Kế hoạch phát động phong trào thi đua cải cách hành chính năm 2023: phong trào, 17 tiêu chí, "
        "căn cứ, hạn nộp, hình thức khen thưởng. Chạy lại không thay đổi gì; nếu dữ liệu đã bị sửa khác kế hoạch, "
        "chỉ báo khác biệt (dùng --update để ghi đè theo kế hoạch)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Ghi đè phần khác biệt theo kế hoạch gốc.")

    def handle(self, *args, update=False, **options):
        report = load_plan_2023(update=update)
        if report.created:
            self.stdout.write(self.style.SUCCESS("Đã nạp kế hoạch thi đua CCHC năm 2023 (12 tiêu chí tập thể, 5 tiêu chí cá nhân)."))
        elif not report.differences:
            self.stdout.write("Kế hoạch năm 2023 đã có và trùng khớp; không thay đổi gì.")
        else:
            self.stdout.write(self.style.WARNING(f"Dữ liệu đang có khác kế hoạch ở {len(report.differences)} điểm:"))
            for line in report.differences:
                self.stdout.write(f"  - {line}")
            if report.updated:
                self.stdout.write(self.style.SUCCESS("Đã cập nhật lại theo kế hoạch (--update)."))
            else:
                self.stdout.write("Không thay đổi gì. Chạy lại với --update để ghi đè theo kế hoạch.")
