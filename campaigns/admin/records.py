"""Admin for campaigns, their grounds and criteria, and the records criteria are decided from (ratings,
initiatives, discipline, indicator data, index components).

Records edited here tell campaigns.hooks.records_changed (RecordsChangedMixin), so the automatic results follow
them (awards listens); a criterion's weight cannot change once scoring has started (CriterionAdminForm asks
campaigns.hooks.weights_lock, which awards answers) — the same rules as the pages."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from campaigns import models
from campaigns.hooks import records_changed, weights_lock
from campaigns.validators import criteria_locked_message

CRITERION_CONTENT = ["campaign", "target", "order", "short_name", "text", "evidence_kind", "indicator"]


class CriterionAdminForm(forms.ModelForm):
    """For the admin: a criterion's weight cannot change once scoring has started (same rule as the page)."""

    class Meta:
        model = models.Criterion
        fields = "__all__"

    def clean(self):
        data = super().clean()
        campaign = data.get("campaign") or getattr(self.instance, "campaign", None)
        if self.instance.pk and "weight" in self.changed_data and campaign is not None:
            message = weights_lock(campaign)
            if message:
                self.add_error("weight", message)
        # Once a campaign is launched its criteria are locked (their weights keep the rule above).
        locked = criteria_locked_message(campaign) if campaign is not None else ""
        if locked:
            if not self.instance.pk:
                raise forms.ValidationError(locked)
            for name in CRITERION_CONTENT:
                if name in self.changed_data:
                    self.add_error(name, locked)
        return data


class RecordsChangedMixin:
    """For the admin of records that criteria read: after a save or a delete, tell campaigns.hooks that the
    records of the person or unit concerned changed (awards recomputes their automatic results)."""

    def _changed(self, obj):
        units = [obj.unit_id] if getattr(obj, "unit_id", None) else None
        staff = [obj.staff_id] if getattr(obj, "staff_id", None) else None
        records_changed(units=units, staff=staff)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._changed(obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._changed(obj)

    def delete_queryset(self, request, queryset):
        objs = list(queryset)
        super().delete_queryset(request, queryset)
        for obj in objs:
            self._changed(obj)


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
class AnnualRatingAdmin(RecordsChangedMixin, SimpleHistoryAdmin):
    list_display = ["year", "staff", "unit", "rating", "source"]
    list_filter = ["year", "rating"]
    search_fields = ["staff__full_name", "staff__code", "unit__name"]
    list_select_related = ["staff", "unit"]
    autocomplete_fields = ["staff", "unit"]


@admin.register(models.Initiative)
class InitiativeAdmin(RecordsChangedMixin, SimpleHistoryAdmin):
    list_display = ["year", "title", "staff", "unit", "recognised_by", "decision_ref"]
    list_filter = ["year"]
    search_fields = ["title", "staff__full_name", "unit__name"]
    list_select_related = ["staff", "unit"]
    autocomplete_fields = ["staff", "unit"]


@admin.register(models.DisciplineRecord)
class DisciplineRecordAdmin(RecordsChangedMixin, SimpleHistoryAdmin):
    list_display = ["year", "staff", "unit", "form", "decision_ref"]
    list_filter = ["year"]
    search_fields = ["staff__full_name", "unit__name", "form"]
    list_select_related = ["staff", "unit"]
    autocomplete_fields = ["staff", "unit"]


@admin.register(models.IndicatorRecord)
class IndicatorRecordAdmin(RecordsChangedMixin, SimpleHistoryAdmin):
    list_display = ["unit", "year", "capital_allocated", "capital_disbursed", "online_dossiers", "total_dossiers", "late_dossiers", "inspection_result"]
    list_filter = ["year", "inspection_result"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


@admin.register(models.IndexComponentScore)
class IndexComponentScoreAdmin(RecordsChangedMixin, SimpleHistoryAdmin):
    list_display = ["unit", "year", "index", "component", "score_last", "score"]
    list_filter = ["year", "index"]
    search_fields = ["unit__name", "component"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
