"""Admin for results (the scoring area), and the scoring rules the admin of the records must follow.

Results are read-only here: the office decides them on the scoring pages, where the reason, the conflict of
interest and concurrent edits are checked by `awards.services.rulings.rule_on_result`. Records edited in the
admin (ratings, initiatives, discipline, indicator data) bring the automatic results in line through
campaigns.hooks.records_changed, which awards listens to (AwardsConfig.ready); criterion weights are locked once
scoring has started (campaigns.admin.records.CriterionAdminForm asks campaigns.hooks.weights_lock)."""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from awards import models
from campaigns import scope


@admin.register(models.Result)
class ResultAdmin(SimpleHistoryAdmin):
    # Performance on a province (bench/README.md): a page of 50, no full count, a cheap indexed sort.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-pk"]
    list_display = ["nominee", "criterion", "computed", "override", "updated_by", "updated_at"]
    list_filter = ["computed", "override", "criterion__target", "nominee__dossier__campaign"]
    search_fields = ["nominee__staff__full_name", "nominee__unit__name"]
    list_select_related = ["criterion", "updated_by"]
    # The nominee (with its person and unit) by a second query: six tables joined in one took the planner alone
    # 2-5 ms on a province.
    list_prefetch_related = [Prefetch("nominee", queryset=models.Nominee.objects.select_related("staff", "unit"))]
    raw_id_fields = ["nominee"]
    readonly_fields = ["scoring_page", "nominee", "criterion", "computed", "computed_reason", "evidence", "override",
                       "override_reason", "override_by", "override_at", "version", "updated_by", "updated_at"]
    fields = readonly_fields

    @admin.display(description="đánh giá")
    def scoring_page(self, obj):
        url = scope.reverse_in(obj.nominee.dossier.campaign, "scoring:nominee", args=[obj.nominee_id])
        return format_html('<a href="{}">Quyết định trên trang chấm điểm (ghi lý do, kiểm tra xung đột lợi ích)</a>', url)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
