from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand

from awards.demo import organisation as demo
from campaigns.selectors import get_current_campaign

# Later stages of the demo, in order. Each module has `seed(stage, stdout)`, is idempotent, and does only what
# its stage asks for. Stages: "dossiers" (dossiers in several states), "scored" (indicator data and results,
# the default), "decided" (the council's vote and an approved decision signed in December 2023).
STAGES = ["dossiers", "scored", "decided"]
STEPS = ["awards.demo.dossiers", "awards.demo.scoring", "awards.demo.decisions"]


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu minh họa: cơ cấu tổ chức, cán bộ, xếp loại 2021–2023, sáng kiến, kỷ luật, một tài khoản "
        "cho mỗi vai trò, hồ sơ ở nhiều trạng thái và kết quả chấm điểm. --stage decided: đi tiếp đến biểu quyết "
        "và quyết định khen thưởng đã ký. Chạy lại trên dữ liệu đã có thì không làm gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stage", choices=STAGES, default="scored", help="Dữ liệu minh họa đến bước nào (mặc định: scored).")

    def handle(self, *args, stage="scored", **options):
        if get_current_campaign() is None:
            call_command("load_plan_2023", stdout=self.stdout)
        if demo.demo_exists():
            self.stdout.write("Cơ cấu tổ chức và tài khoản minh họa đã có; không tạo lại.")
        else:
            passwords = demo.seed_organisation()
            self.stdout.write(self.style.SUCCESS("Đã tạo dữ liệu minh họa. Tài khoản đăng nhập:"))
            for username, password in passwords.items():
                self.stdout.write(f"  {username:<16} {password}")
        for module_name in STEPS:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            module.seed(stage=stage, stdout=self.stdout)
