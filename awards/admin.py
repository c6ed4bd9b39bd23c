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


class NomineeInline(admin.TabularInline):
    model = models.Nominee
    extra = 0
    autocomplete_fields = ["unit", "staff"]


@admin.register(models.Dossier)
class DossierAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "campaign", "state", "first_submitted_at", "submitted_at"]
    list_filter = ["campaign", "state"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["campaign", "unit"]
    autocomplete_fields = ["unit"]
    inlines = [NomineeInline]


@admin.register(models.DossierComment)
class DossierCommentAdmin(admin.ModelAdmin):
    list_display = ["dossier", "author", "created_at", "resolved"]
    list_filter = ["resolved"]
    search_fields = ["text", "dossier__unit__name"]
    list_select_related = ["dossier__unit", "author"]


@admin.register(models.DeadlineExtension)
class DeadlineExtensionAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "campaign", "until", "reason", "granted_by", "granted_at"]
    list_filter = ["campaign"]
    search_fields = ["unit__name", "reason"]
    list_select_related = ["unit", "campaign", "granted_by"]
    autocomplete_fields = ["unit"]


@admin.register(models.Nominee)
class NomineeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "target", "unit", "award_kind", "dossier"]
    list_filter = ["target", "award_kind", "dossier__campaign"]
    search_fields = ["staff__full_name", "unit__name"]
    list_select_related = ["unit", "staff", "award_kind", "dossier__unit"]
    autocomplete_fields = ["unit", "staff"]


class DocumentVersionInline(admin.TabularInline):
    model = models.DocumentVersion
    extra = 0
    fields = ["number", "original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["kind", "unit", "nominee", "campaign", "created_at"]
    list_filter = ["kind", "campaign"]
    search_fields = ["unit__name"]
    list_select_related = ["unit", "campaign", "nominee__staff", "nominee__unit"]
    readonly_fields = ["campaign", "unit", "kind", "dossier", "nominee"]
    inlines = [DocumentVersionInline]


@admin.register(models.DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    list_display = ["original_name", "number", "document", "content_type", "size", "uploaded_by", "uploaded_at"]
    search_fields = ["original_name"]
    list_select_related = ["document__unit", "document__nominee__staff", "document__nominee__unit", "uploaded_by"]
    # The stored file is never linked from a public URL: downloads go through the permission-checked view.
    fields = ["document", "number", "original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Result)
class ResultAdmin(SimpleHistoryAdmin):
    list_display = ["nominee", "criterion", "computed", "override", "updated_by", "updated_at"]
    list_filter = ["computed", "override", "criterion__target", "nominee__dossier__campaign"]
    search_fields = ["nominee__staff__full_name", "nominee__unit__name"]
    list_select_related = ["nominee__staff", "nominee__unit", "criterion", "updated_by"]
    raw_id_fields = ["nominee"]


class CouncilAttendanceInline(admin.TabularInline):
    model = models.CouncilAttendance
    extra = 0
    autocomplete_fields = ["member"]


class VoteInline(admin.TabularInline):
    model = models.Vote
    extra = 0
    raw_id_fields = ["nominee"]


@admin.register(models.CouncilMeeting)
class CouncilMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["held_at", "campaign", "place", "chair", "total_members", "secret_ballot"]
    list_filter = ["campaign"]
    search_fields = ["place"]
    list_select_related = ["campaign", "chair"]
    autocomplete_fields = ["chair", "secretary"]
    inlines = [CouncilAttendanceInline, VoteInline]


@admin.register(models.Vote)
class VoteAdmin(SimpleHistoryAdmin):
    list_display = ["nominee", "meeting", "votes_for", "votes_against", "votes_abstain"]
    list_select_related = ["nominee__staff", "nominee__unit", "meeting"]
    search_fields = ["nominee__staff__full_name", "nominee__unit__name"]
    raw_id_fields = ["nominee"]


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


@admin.register(models.ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["sent_on", "days_before", "unit", "user", "campaign"]
    list_filter = ["days_before", "campaign"]
    list_select_related = ["unit", "user", "campaign"]
    search_fields = ["unit__name", "user__username"]
