from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from awards.admin.scoring import RecomputeResultsMixin
from awards.forms.scoring import CriterionAdminForm
from campaigns import models


@admin.register(models.Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "parent_body", "abbreviation", "signer_name", "signer_title"]
    search_fields = ["name", "parent_body"]


@admin.register(models.Unit)
class UnitAdmin(SimpleHistoryAdmin):
    # Performance on a province (bench/README.md): a page of 50, no full count, a cheap indexed sort.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["code"]
    list_display = ["code", "name", "kind", "parent", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


@admin.register(models.Staff)
class StaffAdmin(SimpleHistoryAdmin):
    # Performance on a province (bench/README.md): a page of 50, no full count, a cheap indexed sort.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-pk"]
    list_display = ["code", "full_name", "gender", "position", "category", "unit", "active", "user"]
    list_filter = ["category", "gender", "active", "unit__kind", "unit"]
    search_fields = ["code", "full_name", "position", "unit__name", "user__username"]
    list_select_related = ["unit", "user"]
    autocomplete_fields = ["unit", "user"]


class CampaignGroundInline(admin.TabularInline):
    model = models.CampaignGround
    extra = 0


class CriterionInline(admin.TabularInline):
    model = models.Criterion
    form = CriterionAdminForm  # weights are locked once scoring has started
    extra = 0
    fields = ["target", "order", "short_name", "evidence_kind", "indicator", "mandatory", "weight"]


@admin.register(models.Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "plan_number", "dossier_deadline", "decision_deadline", "status"]
    list_filter = ["year", "status"]
    search_fields = ["title", "plan_number", "code"]
    list_select_related = ["organisation"]
    inlines = [CampaignGroundInline, CriterionInline]


@admin.register(models.Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    form = CriterionAdminForm  # weights are locked once scoring has started
    list_display = ["order", "short_name", "target", "evidence_kind", "indicator", "mandatory", "weight", "campaign"]
    list_filter = ["campaign", "target", "evidence_kind", "mandatory"]
    search_fields = ["short_name", "text"]
    list_select_related = ["campaign"]


@admin.register(models.AnnualRating)
class AnnualRatingAdmin(RecomputeResultsMixin, SimpleHistoryAdmin):
    list_display = ["year", "staff", "unit", "rating", "source"]
    list_filter = ["year", "rating"]
    search_fields = ["staff__full_name", "staff__code", "unit__name"]
    list_select_related = ["staff", "unit"]
    autocomplete_fields = ["staff", "unit"]


@admin.register(models.Initiative)
class InitiativeAdmin(RecomputeResultsMixin, SimpleHistoryAdmin):
    list_display = ["year", "title", "staff", "unit", "recognised_by", "decision_ref"]
    list_filter = ["year"]
    search_fields = ["title", "staff__full_name", "unit__name"]
    list_select_related = ["staff", "unit"]
    autocomplete_fields = ["staff", "unit"]


@admin.register(models.DisciplineRecord)
class DisciplineRecordAdmin(RecomputeResultsMixin, SimpleHistoryAdmin):
    list_display = ["year", "staff", "unit", "form", "decision_ref"]
    list_filter = ["year"]
    search_fields = ["staff__full_name", "unit__name", "form"]
    list_select_related = ["staff", "unit"]
    autocomplete_fields = ["staff", "unit"]


@admin.register(models.IndicatorRecord)
class IndicatorRecordAdmin(RecomputeResultsMixin, SimpleHistoryAdmin):
    list_display = ["unit", "year", "capital_allocated", "capital_disbursed", "online_dossiers", "total_dossiers", "late_dossiers", "inspection_result"]
    list_filter = ["year", "inspection_result"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


@admin.register(models.IndexComponentScore)
class IndexComponentScoreAdmin(RecomputeResultsMixin, SimpleHistoryAdmin):
    list_display = ["unit", "year", "index", "component", "score_last", "score"]
    list_filter = ["year", "index"]
    search_fields = ["unit__name", "component"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
