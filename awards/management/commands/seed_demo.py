from django.core.management import call_command
from django.core.management.base import BaseCommand

from awards import demo
from awards.demo import organisation
from awards.plans import plan_2023
from campaigns.models import Campaign


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu minh họa: cơ cấu tổ chức, cán bộ, xếp loại 2021–2023, sáng kiến, kỷ luật, một tài khoản "
        "cho mỗi vai trò, hồ sơ ở nhiều trạng thái và kết quả chấm điểm. --stage decided: đi tiếp đến biểu quyết "
        "và quyết định khen thưởng đã ký. Chạy lại trên dữ liệu đã có thì không làm gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stage", choices=list(demo.STAGES), default=demo.DEFAULT_STAGE,
                            help="Dữ liệu minh họa đến bước nào (mặc định: scored).")

    def handle(self, *args, stage=demo.DEFAULT_STAGE, **options):
        if not Campaign.objects.filter(code=plan_2023.CAMPAIGN["code"]).exists():
            call_command("load_plan_2023", stdout=self.stdout)
        if organisation.demo_exists():
            self.stdout.write("Cơ cấu tổ chức và tài khoản minh họa đã có; không tạo lại.")
        else:
            passwords = organisation.seed_organisation()
            self.stdout.write(self.style.SUCCESS("Đã tạo dữ liệu minh họa. Tài khoản đăng nhập:"))
            for username, password in passwords.items():
                self.stdout.write(f"  {username:<16} {password}")
        demo.seed(stage, stdout=self.stdout)
