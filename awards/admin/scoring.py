"""Admin for results (the scoring area), and the scoring rules the admin of the records must follow.

Results are read-only here: the office decides them on the scoring pages, where the reason, the conflict of
interest and concurrent edits are checked by `awards.services.rulings.decide_result`. Records edited in the
admin (ratings, initiatives, discipline, indicator data) bring the automatic results in line through
`RecomputeResultsMixin`; criterion weights are locked once scoring has started (`CriterionAdminForm`)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from awards import models


@admin.register(models.Result)
class ResultAdmin(SimpleHistoryAdmin):
    # Performance on a province (bench/README.md): a page of 50, no full count, a cheap indexed sort.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-pk"]
    list_display = ["nominee", "criterion", "computed", "override", "updated_by", "updated_at"]
    list_filter = ["computed", "override", "criterion__target", "nominee__dossier__campaign"]
    search_fields = ["nominee__staff__full_name", "nominee__unit__name"]
    list_select_related = ["nominee__staff", "nominee__unit", "criterion", "updated_by"]
    raw_id_fields = ["nominee"]
    readonly_fields = ["scoring_page", "nominee", "criterion", "computed", "computed_reason", "evidence", "override",
                       "override_reason", "override_by", "override_at", "version", "updated_by", "updated_at"]
    fields = readonly_fields

    @admin.display(description="đánh giá")
    def scoring_page(self, obj):
        url = reverse("scoring:nominee", args=[obj.nominee_id])
        return format_html('<a href="{}">Quyết định trên trang chấm điểm (ghi lý do, kiểm tra xung đột lợi ích)</a>', url)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecomputeResultsMixin:
    """For the admin of records that criteria read: after a save or a delete, recompute the results of the
    person or unit concerned."""

    def _recompute(self, obj):
        from awards.services.recompute import recompute_results

        units = [obj.unit_id] if getattr(obj, "unit_id", None) else None
        staff = [obj.staff_id] if getattr(obj, "staff_id", None) else None
        recompute_results(units=units, staff=staff)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._recompute(obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._recompute(obj)

    def delete_queryset(self, request, queryset):
        objs = list(queryset)
        super().delete_queryset(request, queryset)
        for obj in objs:
            self._recompute(obj)
