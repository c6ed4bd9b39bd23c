"""Admin for the awards of earlier years (PastAward): the office corrects a row here; many rows come by the
Excel import (Excel → Khen thưởng các năm trước)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from awards.models import PastAward


@admin.register(PastAward)
class PastAwardAdmin(SimpleHistoryAdmin):
    list_display = ["year", "award_name", "staff", "unit", "decision_number", "decision_date", "issuer"]
    list_filter = ["year"]
    search_fields = ["award_name", "decision_number", "staff__full_name", "staff__code", "unit__name", "unit__code"]
    list_select_related = ["staff", "unit"]
    autocomplete_fields = ["staff", "unit"]
    list_per_page = 50
