"""Admin for the organisation, its units and staff."""

from django import forms
from django.contrib import admin
from PIL import Image, UnidentifiedImageError
from simple_history.admin import SimpleHistoryAdmin

from campaigns import models
from campaigns.security.own_rows import StaffAdminForm, staff_form_for
from campaigns.services.accounts import disable_departed_accounts


def _transparent_png(upload, what):
    """The images of electronic documents are PNG with a transparent background (Nghị định 30/2020, Phụ lục I)."""
    if not upload or not hasattr(upload, "read"):
        return upload
    upload.seek(0)
    try:
        image = Image.open(upload)
        image.load()
    except (UnidentifiedImageError, OSError):
        raise forms.ValidationError(f"Ảnh {what} phải là tệp PNG đọc được.") from None
    finally:
        upload.seek(0)
    if image.format != "PNG" or image.mode not in ("RGBA", "LA", "PA", "P"):
        raise forms.ValidationError(f"Ảnh {what} phải là PNG nền trong suốt (có kênh trong suốt), theo Nghị định "
                                    "30/2020/NĐ-CP.")
    return upload


class OrganisationAdminForm(forms.ModelForm):
    class Meta:
        model = models.Organisation
        fields = "__all__"
        # The seal and the signature are never served at a URL: a plain file input, no link to the current file.
        widgets = {"seal_image": forms.FileInput, "signer_signature_image": forms.FileInput}

    def clean_seal_image(self):
        return _transparent_png(self.cleaned_data.get("seal_image"), "con dấu")

    def clean_signer_signature_image(self):
        return _transparent_png(self.cleaned_data.get("signer_signature_image"), "chữ ký")


@admin.register(models.Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    form = OrganisationAdminForm
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
    # No sidebar filter listing every unit (300 on a province): the search finds a unit by name or code.
    list_filter = ["category", "gender", "active", "unit__kind"]
    search_fields = ["code", "full_name", "position", "unit__name", "unit__code", "user__username"]
    list_select_related = ["unit", "user"]
    autocomplete_fields = ["unit", "user"]
    form = StaffAdminForm  # nobody but a superuser changes the unit or account of their own row (conflict of interest)

    def get_form(self, request, obj=None, **kwargs):
        return staff_form_for(request, super().get_form(request, obj, **kwargs))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not obj.active:
            # A person marked as no longer working loses their account at once (offboarding).
            disable_departed_accounts(actor=request.user, staff_ids=[obj.pk],
                                      reason="Cán bộ thôi công tác (sửa trong trang quản trị)")
