"""Admin for the council's meetings and votes: read-only once a signed decision rests on the meeting."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from awards import models
from awards.services.council import ensure_open, signed_decision_on


def _meeting_open(meeting) -> bool:
    """The admin follows the council service: a meeting behind a signed decision is read-only (one rule, in
    awards.services.council.signed_decision_on)."""

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
