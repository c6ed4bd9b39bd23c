"""Admin for registrations, dossiers and their documents (the unit portal's area)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from awards import models


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
