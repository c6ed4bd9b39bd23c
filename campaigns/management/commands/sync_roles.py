from django.core.management.base import BaseCommand

from campaigns.roles import sync_roles


class Command(BaseCommand):
    help = "Tạo các nhóm vai trò và gán đúng quyền theo bảng vai trò (chạy tự động sau mỗi lần migrate)."

    def handle(self, *args, **options):
        sync_roles()
        self.stdout.write("Đã đồng bộ vai trò và quyền.")
