"""The office sees every email's state in the admin ("Thư gửi đi"): queued, retrying with the reason and the
attempts, sent, or failed; it may send failed ones again. Jobs are for the superuser's eyes (their owners have
their own page)."""

import rules
from django.contrib import admin, messages
from django_tasks_db.models import DBTaskResult

from campaigns.ops.mail import send_again
from campaigns.ops.models import Job, OutgoingEmail

# The task queue's own rows are the worker's bookkeeping: the outbox and the jobs below show what people need.
admin.site.unregister(DBTaskResult)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "recipients", "state", "attempts", "last_error"]
    list_filter = ["state"]
    search_fields = ["subject", "to"]
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-created_at"]
    actions = ["send_again"]
    fields = ["subject", "from_email", "to", "body", "state", "attempts", "last_error", "created_at",
              "next_attempt_at", "sent_at"]
    readonly_fields = fields

    @admin.display(description="người nhận")
    def recipients(self, obj):
        return obj.recipients

    @admin.action(description="Gửi lại ngay các thư đã chọn (chưa gửi được)", permissions=["resend"])
    def send_again(self, request, queryset):
        count = send_again(list(queryset), actor=request.user)
        self.message_user(request, f"Đã xếp {count} thư vào hàng đợi để gửi lại.", messages.SUCCESS)

    def has_resend_permission(self, request, obj=None):
        return rules.has_perm("ops.resend_mail", request.user, obj)

    has_resend_permission.rules_asked = ("ops.resend_mail",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "title", "owner", "state", "done", "total", "attempts", "finished_at"]
    list_filter = ["state"]
    list_per_page = 50
    show_full_result_count = False
    fields = ["title", "owner", "handler", "params", "state", "done", "total", "attempts", "error", "result_name",
              "created_at", "started_at", "finished_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
