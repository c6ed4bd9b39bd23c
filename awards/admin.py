from django import forms
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


def _meeting_open(meeting) -> bool:
    """The admin follows the council service: a meeting behind a signed decision is read-only (one rule, in
    awards.services.council.signed_decision_on)."""
    from awards.services.council import signed_decision_on

    return signed_decision_on(meeting) is None


class _ClosedWithMeeting:
    """Inlines of a meeting: no adding, changing or deleting rows once the meeting's record is closed."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or _meeting_open(obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or _meeting_open(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or _meeting_open(obj))


class CouncilAttendanceInline(_ClosedWithMeeting, admin.TabularInline):
    model = models.CouncilAttendance
    extra = 0
    autocomplete_fields = ["member"]


class VoteInline(_ClosedWithMeeting, admin.TabularInline):
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

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or _meeting_open(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or _meeting_open(obj))


class VoteAdminForm(forms.ModelForm):
    class Meta:
        model = models.Vote
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        if meeting is not None:
            from awards.services.council import ensure_open

            ensure_open(meeting)  # a ValidationError in Vietnamese, shown on the form
        return cleaned


@admin.register(models.Vote)
class VoteAdmin(SimpleHistoryAdmin):
    form = VoteAdminForm
    list_display = ["nominee", "meeting", "votes_for", "votes_against", "votes_abstain"]
    list_select_related = ["nominee__staff", "nominee__unit", "meeting"]
    search_fields = ["nominee__staff__full_name", "nominee__unit__name"]
    raw_id_fields = ["nominee"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or _meeting_open(obj.meeting))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or _meeting_open(obj.meeting))


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


# Each area keeps its own admin classes in its own module.
from awards import admin_decisions, admin_portal, admin_scoring  # noqa: E402,F401
