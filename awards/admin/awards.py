"""Admin for award kinds, campaign awards, the transition log, registrations, the money rules, the register of
numbers and the reminder log."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from awards import models


@admin.register(models.AwardKind)
class AwardKindAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "fund"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(models.CampaignAward)
class CampaignAwardAdmin(SimpleHistoryAdmin):
    list_display = ["campaign", "award_kind", "target", "quota"]
    list_filter = ["campaign", "award_kind", "target"]
    list_select_related = ["campaign", "award_kind"]
    search_fields = ["campaign__title", "award_kind__name"]


@admin.register(models.StateChange)
class StateChangeAdmin(admin.ModelAdmin):
    """The transition log is read-only for everybody, superusers included."""

    list_display = ["at", "content_type", "object_id", "from_state", "to_state", "actor", "reason"]
    list_filter = ["content_type", "to_state"]
    search_fields = ["reason", "actor__username"]
    list_select_related = ["content_type", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["campaign", "unit", "staff", "target", "award_kind", "registered_at"]
    list_filter = ["campaign", "target", "award_kind"]
    search_fields = ["unit__name", "staff__full_name"]
    list_select_related = ["campaign", "unit", "staff", "award_kind"]
    autocomplete_fields = ["unit", "staff"]
    # A province registers thousands: pages of 50, no second full count, newest first by key.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-pk"]


class AwardRateInline(admin.TabularInline):
    model = models.AwardRate
    extra = 0


@admin.register(models.LegalBasis)
class LegalBasisAdmin(SimpleHistoryAdmin):
    list_display = ["code", "valid_from", "valid_to", "collective_rule", "rounding_unit"]
    search_fields = ["code", "title"]
    inlines = [AwardRateInline]


@admin.register(models.AwardRate)
class AwardRateAdmin(SimpleHistoryAdmin):
    list_display = ["legal_basis", "award_kind", "target", "coefficient"]
    list_filter = ["legal_basis", "award_kind", "target"]
    list_select_related = ["legal_basis", "award_kind"]


@admin.register(models.BaseSalary)
class BaseSalaryAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "amount", "legal_ref"]


@admin.register(models.DocumentRegister)
class DocumentRegisterAdmin(admin.ModelAdmin):
    list_display = ["organisation", "doc_type", "year", "last_number"]
    list_select_related = ["organisation"]
    readonly_fields = ["last_number"]


@admin.register(models.ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["sent_on", "days_before", "unit", "user", "campaign"]
    list_filter = ["days_before", "campaign"]
    list_select_related = ["unit", "user", "campaign"]
    search_fields = ["unit__name", "user__username"]
