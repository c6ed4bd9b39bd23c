from django.core.management import call_command
from django.core.management.base import BaseCommand

from campaigns import demo
from campaigns.selectors import get_current_campaign


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu minh họa: cơ cấu tổ chức, cán bộ, xếp loại 2021–2023, sáng kiến, kỷ luật và một tài khoản "
        "cho mỗi vai trò. Nếu dữ liệu minh họa đã có thì không làm gì."
    )

    def handle(self, *args, **options):
        if get_current_campaign() is None:
            call_command("load_plan_2023", stdout=self.stdout)
        if demo.demo_exists():
            self.stdout.write("Dữ liệu minh họa đã có; không thay đổi gì.")
            return
        passwords = demo.seed_organisation()
        self.stdout.write(self.style.SUCCESS("Đã tạo dữ liệu minh họa. Tài khoản đăng nhập:"))
        for username, password in passwords.items():
            self.stdout.write(f"  {username:<16} {password}")
