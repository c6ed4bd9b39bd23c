"""Admin for results (the scoring area)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from awards import models


@admin.register(models.Result)
class ResultAdmin(SimpleHistoryAdmin):
    list_display = ["nominee", "criterion", "computed", "override", "updated_by", "updated_at"]
    list_filter = ["computed", "override", "criterion__target", "nominee__dossier__campaign"]
    search_fields = ["nominee__staff__full_name", "nominee__unit__name"]
    list_select_related = ["nominee__staff", "nominee__unit", "criterion", "updated_by"]
    raw_id_fields = ["nominee"]
