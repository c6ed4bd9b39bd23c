"""Admin for registrations, dossiers and their documents (the unit portal's area).

A dossier's state is never edited as a field: the actions below call the same services as the office's pages
(awards.services.dossiers), with a form for the reason where one is required."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from awards import models
from awards.rules import rule_permission
from awards.services import dossiers as svc


class ActionReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
                             error_messages={"required": "Hãy ghi lý do: đơn vị sẽ đọc lý do này."})


def _apply(modeladmin, request, queryset, verb, done, **kwargs):
    """Run one service on every selected dossier; report each refusal by unit, never stop at the first."""
    ok = 0
    for dossier in queryset.select_related("campaign", "unit"):
        try:
            verb(dossier, actor=request.user, **kwargs)
        except ValidationError as exc:
            modeladmin.message_user(request, f"{dossier.unit}: {' '.join(exc.messages)}", messages.ERROR)
        else:
            ok += 1
    if ok:
        modeladmin.message_user(request, f"{done}: {ok} hồ sơ.", messages.SUCCESS)


def _with_reason(modeladmin, request, queryset, verb, done, title):
    """Ask for the reason on an intermediate page, then act."""
    form = ActionReasonForm(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        _apply(modeladmin, request, queryset, verb, done, reason=form.cleaned_data["reason"])
        return None
    return TemplateResponse(request, "portal/admin_reason.html", {
        **modeladmin.admin_site.each_context(request), "title": title, "form": form,
        "dossiers": queryset.select_related("unit"), "action": request.POST.get("action"),
        "opts": modeladmin.model._meta, "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    })


class NomineeInline(admin.TabularInline):
    """The dossier's nominees, to read: they are added and removed through the services (the unit's dossier page,
    or the nominee admin below), which check the deadline, the unit and the award."""

    model = models.Nominee
    extra = 0
    fields = ["target", "unit", "staff", "award_kind", "achievement"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Dossier)
class DossierAdmin(SimpleHistoryAdmin):
    # Performance on a province (bench/README.md): a page of 50, no full count, a cheap indexed sort.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-pk"]
    list_display = ["unit", "campaign", "state", "first_submitted_at", "submitted_at"]
    list_filter = ["campaign", "state"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["campaign", "unit"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["state", "first_submitted_at", "submitted_at"]
    inlines = [NomineeInline]
    actions = ["accept_dossiers", "return_dossiers", "reject_dossiers"]
    has_appraise_permission = rule_permission("awards.appraise_dossier")

    @admin.action(description="Tiếp nhận các hồ sơ đã chọn", permissions=["appraise"])
    def accept_dossiers(self, request, queryset):
        _apply(self, request, queryset, svc.accept_dossier, "Đã tiếp nhận")

    @admin.action(description="Trả lại các hồ sơ đã chọn để bổ sung (ghi lý do)", permissions=["appraise"])
    def return_dossiers(self, request, queryset):
        return _with_reason(self, request, queryset, svc.return_dossier, "Đã trả lại", "Trả lại hồ sơ để bổ sung")

    @admin.action(description="Không tiếp nhận các hồ sơ đã chọn (ghi lý do)", permissions=["appraise"])
    def reject_dossiers(self, request, queryset):
        return _with_reason(self, request, queryset, svc.reject_dossier, "Đã không tiếp nhận", "Không tiếp nhận hồ sơ")


@admin.register(models.DossierComment)
class DossierCommentAdmin(admin.ModelAdmin):
    list_display = ["dossier", "author", "created_at", "resolved"]
    list_filter = ["resolved"]
    search_fields = ["text", "dossier__unit__name"]
    list_select_related = ["dossier__unit", "author"]


class DeadlineExtensionForm(forms.ModelForm):
    """Checks an extension as grant_extension does (reason, a day after the deadline, not past)."""

    class Meta:
        model = models.DeadlineExtension
        fields = ["campaign", "unit", "until", "reason"]

    def clean(self):
        data = super().clean()
        campaign, until, reason = data.get("campaign"), data.get("until"), data.get("reason")
        if campaign and until and not self.instance.pk:
            try:
                svc.check_extension(campaign, until=until, reason=reason, now=timezone.now())
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return data


@admin.register(models.DeadlineExtension)
class DeadlineExtensionAdmin(SimpleHistoryAdmin):
    form = DeadlineExtensionForm
    list_display = ["unit", "campaign", "until", "reason", "granted_by", "granted_at"]
    list_filter = ["campaign"]
    search_fields = ["unit__name", "reason"]
    list_select_related = ["unit", "campaign", "granted_by"]
    autocomplete_fields = ["unit"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = svc.grant_extension(obj.campaign, obj.unit, actor=request.user, until=obj.until, reason=obj.reason)
        obj.pk, obj.granted_by, obj.granted_at = created.pk, created.granted_by, created.granted_at


class NomineeAdminForm(forms.ModelForm):
    """A new nominee is checked as the unit's dossier page checks it (awards.services.dossiers.check_nominee)."""

    class Meta:
        model = models.Nominee
        fields = ["dossier", "unit", "staff", "award_kind", "achievement"]

    def clean(self):
        data = super().clean()
        dossier, award_kind, staff = data.get("dossier"), data.get("award_kind"), data.get("staff")
        if dossier and award_kind and not self.instance.pk:
            try:
                svc.check_nominee(dossier, award_kind=award_kind, staff=staff, collective=data.get("unit"),
                                  now=timezone.now())
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return data


@admin.register(models.Nominee)
class NomineeAdmin(SimpleHistoryAdmin):
    # Performance on a province (bench/README.md): a page of 50, no full count, a cheap indexed sort.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-pk"]
    list_display = ["__str__", "target", "unit", "award_kind", "dossier"]
    list_filter = ["target", "award_kind", "dossier__campaign"]
    search_fields = ["staff__full_name", "unit__name"]
    list_select_related = ["unit", "staff", "award_kind"]
    # The dossier (and its unit) by a second query: joined with the rest, the planner alone took 3-4 ms.
    list_prefetch_related = [Prefetch("dossier", queryset=models.Dossier.objects.select_related("unit"))]
    autocomplete_fields = ["unit", "staff"]
    form = NomineeAdminForm
    actions = ["remove_nominees"]
    has_edit_dossier_permission = rule_permission("awards.edit_dossier")

    # Through the same services as the unit's pages: adding checks the deadline, the unit and the award;
    # an existing proposal is read-only (remove it and propose again); removing goes through remove_nominee.

    def get_readonly_fields(self, request, obj=None):
        return ["dossier", "target", "unit", "staff", "award_kind", "achievement"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing of an existing proposal is edited here
        created = svc.add_nominee(obj.dossier, award_kind=obj.award_kind, actor=request.user, staff=obj.staff,
                                  collective=None if obj.staff else obj.unit, achievement=obj.achievement)
        obj.pk, obj.target, obj.unit, obj.created_at = created.pk, created.target, created.unit, created.created_at

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # through remove_nominee, which refuses what may not go
        return actions

    def delete_model(self, request, obj):
        try:
            svc.remove_nominee(obj, actor=request.user)
        except ValidationError as exc:
            self.message_user(request, f"{obj.name}: {' '.join(exc.messages)}", messages.ERROR)

    @admin.action(description="Bỏ các đối tượng đã chọn khỏi hồ sơ", permissions=["edit_dossier"])
    def remove_nominees(self, request, queryset):
        removed = 0
        for nominee in queryset.select_related("dossier", "staff", "unit"):
            try:
                svc.remove_nominee(nominee, actor=request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, f"{nominee.name}: {' '.join(getattr(exc, 'messages', [str(exc)]))}",
                                  messages.ERROR)
            else:
                removed += 1
        if removed:
            self.message_user(request, f"Đã bỏ {removed} đối tượng khỏi hồ sơ.", messages.SUCCESS)


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
    # Performance on a province (bench/README.md): a page of 50, no full count, a cheap indexed sort.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-pk"]
    list_display = ["kind", "unit", "nominee", "campaign", "created_at"]
    list_filter = ["kind", "campaign"]
    search_fields = ["unit__name"]
    list_select_related = ["unit", "campaign", "nominee__staff", "nominee__unit"]
    readonly_fields = ["campaign", "unit", "kind", "dossier", "nominee"]
    inlines = [DocumentVersionInline]


@admin.register(models.DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    # Performance on a province (bench/README.md): a page of 50, no full count, a cheap indexed sort.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-pk"]
    list_display = ["original_name", "number", "document", "content_type", "size", "uploaded_by", "uploaded_at"]
    search_fields = ["original_name"]
    list_select_related = ["document__unit", "uploaded_by"]
    # A document's nominee (with its person and unit) by a second query: seven tables joined in one took the
    # planner alone 4-12 ms on a province.
    list_prefetch_related = [Prefetch("document__nominee", queryset=models.Nominee.objects.select_related("staff", "unit"))]
    # The stored file is never linked from a public URL: downloads go through the permission-checked view.
    fields = ["document", "number", "original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
