"""Admin for award kinds, campaign awards, the transition log, registrations, the money rules, the register of
numbers and the reminder log."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from awards import models
from awards.services.register import highest_issued, number_text, set_next_number


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
    """The table of legal documents: grounds and money follow it by signing date (README, «Căn cứ pháp lý»)."""

    list_display = ["code", "kind", "role", "issuer", "issued_on", "valid_from", "valid_to", "replaces"]
    list_filter = ["role", "kind"]
    list_select_related = ["replaces"]
    search_fields = ["code", "title", "short_title"]
    fields = ["kind", "role", "code", "issuer", "short_title", "title", "issued_on", "valid_from", "valid_to",
              "replaces", "amends", "collective_rule", "rounding_unit"]
    inlines = [AwardRateInline]


@admin.register(models.AwardRate)
class AwardRateAdmin(SimpleHistoryAdmin):
    list_display = ["legal_basis", "award_kind", "target", "coefficient"]
    list_filter = ["legal_basis", "award_kind", "target"]
    list_select_related = ["legal_basis", "award_kind"]


@admin.register(models.BaseSalary)
class BaseSalaryAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "amount", "legal_document", "legal_ref"]
    list_select_related = ["legal_document"]


class DocumentRegisterForm(forms.ModelForm):
    next_number = forms.IntegerField(
        label="số tiếp theo", min_value=1,
        help_text="Số mà văn bản ký tiếp theo sẽ mang, theo sổ đăng ký văn bản của văn thư (ví dụ: 37 nếu sổ đã cấp đến 36)",
    )

    class Meta:
        model = models.DocumentRegister
        fields = ["organisation", "doc_type", "year", "last_signed_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            if "next_number" in self.fields:
                self.fields["next_number"].initial = self.instance.last_number + 1
            for name in ("organisation", "doc_type", "year"):
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        organisation, doc_type, year, nxt = (data.get(k) for k in ("organisation", "doc_type", "year", "next_number"))
        if organisation and doc_type and year and nxt:
            issued = highest_issued(organisation, doc_type, year)
            if nxt <= issued:
                self.add_error("next_number", f"Phải lớn hơn {number_text(issued, doc_type, organisation.abbreviation)}, "
                                              "số đã cấp trong ứng dụng: mỗi số chỉ cấp một lần.")
            last = data.get("last_signed_on")
            if last and last.year != year:
                self.add_error("last_signed_on", f"Ngày của số cuối phải thuộc năm {year} của sổ.")
        return data


@admin.register(models.DocumentRegister)
class DocumentRegisterAdmin(admin.ModelAdmin):
    """The office continues the văn thư's real book: the next number and the date of the last number issued."""

    form = DocumentRegisterForm
    list_display = ["organisation", "doc_type", "year", "last_number", "last_signed_on"]

    def get_readonly_fields(self, request, obj=None):
        # Who may only view (the director) sees the register as it stands, the number issued last included.
        if obj is not None and not self.has_change_permission(request, obj):
            return ["organisation", "doc_type", "year", "last_number", "next_number", "last_signed_on"]
        return []

    @admin.display(description="số tiếp theo")
    def next_number(self, obj):
        """Shown to who may only view (the form's own field is the office's; its label would read "Next number")."""
        return obj.last_number + 1 if obj is not None else ""
    list_select_related = ["organisation"]

    def save_model(self, request, obj, form, change):
        register = set_next_number(obj.organisation, doc_type=obj.doc_type, year=obj.year,
                                   next_number=form.cleaned_data["next_number"],
                                   last_signed_on=form.cleaned_data.get("last_signed_on"))
        obj.pk, obj.last_number, obj.last_signed_on = register.pk, register.last_number, register.last_signed_on

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["sent_on", "days_before", "unit", "user", "campaign"]
    list_filter = ["days_before", "campaign"]
    list_select_related = ["unit", "user", "campaign"]
    search_fields = ["unit__name", "user__username"]
