from django.core.management.base import BaseCommand, CommandError

from awards.services.cloning import CloneError, clone_campaign
from campaigns.excel.commands import user_named
from campaigns.models import Campaign


class Command(BaseCommand):
    help = ("Tạo phong trào của năm mới từ một phong trào: chép tiêu chí, hình thức và số lượng khen thưởng, dời các "
            "thời hạn sang cùng ngày tháng của năm mới, chọn căn cứ pháp lý có hiệu lực. Phong trào mới ở trạng thái "
            "«Đang soạn».")

    def add_arguments(self, parser):
        parser.add_argument("source", help="Mã phong trào nguồn, ví dụ cchc-2023")
        parser.add_argument("--code", required=True, help="Mã phong trào mới, ví dụ cchc-2024")
        parser.add_argument("--year", required=True, type=int, help="Năm của phong trào mới, ví dụ 2024")
        parser.add_argument("--user", help="Tài khoản ghi vào lịch sử là người tạo (không bắt buộc).")

    def handle(self, *args, source, code, year, user=None, **options):
        campaign = Campaign.objects.filter(code=source).first()
        if campaign is None:
            raise CommandError(f"Không có phong trào mã «{source}».")
        try:
            new = clone_campaign(campaign, code=code, year=year, actor=user_named(user))
        except CloneError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        grounds = "; ".join(g.reference for g in new.grounds.order_by("order"))
        self.stdout.write(self.style.SUCCESS(
            f"Đã tạo phong trào «{new.title}» (mã {new.code}, đang soạn): {new.criteria.count()} tiêu chí, "
            f"{new.awards.count()} hình thức khen thưởng, hạn nộp hồ sơ {new.dossier_deadline:%d/%m/%Y}, "
            f"hạn trình khen thưởng {new.decision_deadline:%d/%m/%Y}, căn cứ: {grounds}."
        ))
