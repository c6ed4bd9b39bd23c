from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from campaigns.excel.commands import user_named
from campaigns.excel.exporters import EXPORTS, export
from campaigns.excel.template_files import export_org
from campaigns.models import Campaign


class Command(BaseCommand):
    help = (
        "Xuất báo cáo Excel (.xlsx) của một phong trào: status (tình trạng hồ sơ theo đơn vị), scores (kết quả "
        "đánh giá theo tiêu chí), ranking (xếp hạng và chỉ tiêu), awards (danh sách khen thưởng, tổng tiền, bằng "
        "chữ), budget (kinh phí theo nguồn); org (cơ cấu tổ chức theo mẫu nhập). Không có --user: xuất TOÀN BỘ, như "
        "Văn phòng Sở thấy (dùng cho báo cáo định kỳ). Có --user: chỉ những gì tài khoản đó được xem trên trang "
        "tương ứng (ví dụ thủ trưởng đơn vị chỉ thấy đơn vị mình)."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=[*EXPORTS, "org"], help="Báo cáo cần xuất.")
        parser.add_argument("--out", required=True, help="Đường dẫn tệp .xlsx sẽ ghi.")
        parser.add_argument("--user", help="Xuất như tài khoản này thấy (mặc định: toàn bộ, như Văn phòng Sở).")
        parser.add_argument("--campaign", required=False, help="Mã phong trào (bắt buộc, trừ báo cáo org).")

    def handle(self, *args, what, out, user=None, campaign=None, **options):
        account = user_named(user)
        if what == "org":
            if account is not None:
                raise CommandError("Cơ cấu tổ chức chỉ xuất toàn bộ; bỏ --user.")
            export_org(out)
            self.stdout.write(self.style.SUCCESS(f"Đã ghi {out}."))
            return
        if not campaign:
            raise CommandError("Cho biết phong trào: --campaign MÃ (ví dụ --campaign cchc-2023).")
        chosen = Campaign.objects.filter(code=campaign).select_related("organisation").first()
        if chosen is None:
            raise CommandError(f"Không có phong trào mã «{campaign}».")
        try:
            export(what, campaign=chosen, user=account, out=out)
        except Http404:
            raise CommandError(f"Tài khoản «{user}» không được xem báo cáo này.") from None
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {out}."))
