"""Admin for decisions and their lines: the Director approves here (the decisions area)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from awards import models


class DecisionLineInline(admin.TabularInline):
    model = models.DecisionLine
    extra = 0
    fields = ["order", "recipient_name", "position", "unit_name", "amount", "verify_code"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "campaign", "doc_type", "award_kind", "state", "signed_on", "total_amount"]
    list_filter = ["state", "doc_type", "campaign", "award_kind"]
    search_fields = ["number_text"]
    list_select_related = ["campaign", "award_kind"]
    inlines = [DecisionLineInline]


@admin.register(models.DecisionLine)
class DecisionLineAdmin(admin.ModelAdmin):
    list_display = ["order", "recipient_name", "unit_name", "amount", "decision"]
    search_fields = ["recipient_name", "verify_code"]
    list_select_related = ["decision__award_kind"]
