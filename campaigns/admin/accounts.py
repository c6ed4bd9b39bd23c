"""Admin for accounts: role groups are shown but never edited by hand (they are kept by `sync_roles` on every
migrate), and the office lifts login lockouts (django-axes) here, in Vietnamese."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.utils import timezone

from campaigns.rules import rule_permission

# django-axes ships no Vietnamese: its app and models are named for the office by emulation/apps.py (the app)
# and the project's locale (locale/vi/LC_MESSAGES/django.po, the models).


def _when(value):
    return f"{timezone.localtime(value):%H:%M %d/%m/%Y}" if value else "—"


# Their names in lists, titles and history ("Access Log for None @ 2026-…") in Vietnamese too.
AccessAttempt.__str__ = lambda self: f"Đăng nhập sai: {self.username or '(không ghi tên)'} lúc {_when(self.attempt_time)}"
AccessLog.__str__ = lambda self: f"Đăng nhập: {self.username or '(không ghi tên)'} lúc {_when(self.attempt_time)}"
AccessFailureLog.__str__ = lambda self: (
    f"Đăng nhập thất bại: {self.username or '(không ghi tên)'} lúc {_when(self.attempt_time)} từ {self.ip_address or '—'}"
)


class RoleGroupAdmin(GroupAdmin):
    """Roles are created and given their permissions by `sync_roles`, never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LockoutAdmin(AccessAttemptAdmin):
    """The office lifts a lockout by selecting the account (or address) and choosing «Mở khóa»."""

    actions = ["unlock"]
    has_lift_lockout_permission = rule_permission("campaigns.lift_lockout")
    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "status", "path_info"]

    @admin.action(description="Mở khóa (xóa các lần đăng nhập sai đã chọn)", permissions=["lift_lockout"])
    def unlock(self, request, queryset):
        names = sorted({a.username or a.ip_address for a in queryset})
        count, _ = queryset.delete()
        self.message_user(request, f"Đã mở khóa: {', '.join(names)}." if count else "Không có gì để mở khóa.",
                          messages.SUCCESS)

    @admin.display(description="tình trạng")
    def status(self, obj):
        from axes.conf import settings  # noqa: PLC0415 — axes' settings (with its defaults), not to be confused with django's

        if obj.failures_since_start >= settings.AXES_FAILURE_LIMIT:
            return "Đang bị khóa"
        return f"Còn {settings.AXES_FAILURE_LIMIT - obj.failures_since_start} lần thử"


class LoginLogAdmin(AccessLogAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LoginFailureLogAdmin(AccessFailureLogAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model, model_admin in ((Group, RoleGroupAdmin), (AccessAttempt, LockoutAdmin), (AccessLog, LoginLogAdmin),
                           (AccessFailureLog, LoginFailureLogAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
