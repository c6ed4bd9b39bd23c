from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from awards.services.closing import close_campaign
from campaigns.models import Campaign


class Command(BaseCommand):
    help = ("Kết thúc một phong trào thi đua: từ chối (nêu từng lý do) khi còn hồ sơ chờ thẩm định hoặc quyết định "
            "chưa ký. Sau đó hồ sơ, kết quả và văn bản của phong trào không thay đổi được nữa.")

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="Mã phong trào, ví dụ cchc-2023.")
        parser.add_argument("--reason", default="", help="Lý do (ghi vào nhật ký).")

    def handle(self, *args, campaign, reason="", **options):
        chosen = Campaign.objects.filter(code=campaign).first()
        if chosen is None:
            raise CommandError(f"Không có phong trào mã «{campaign}».")
        try:
            close_campaign(chosen, actor=None, reason=reason)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Đã kết thúc phong trào {chosen.code}."))
