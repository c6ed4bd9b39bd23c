"""The admin's list of accounts shows each person's name as Vietnamese names are written, from their staff row
(campaigns.formatting.person_name), and their unit; Django's first/last name columns are not shown. Accounts are created,
locked and reopened on the office's own pages (Tài khoản), through campaigns.services.accounts."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from campaigns.formatting import person_name


class PersonUserAdmin(UserAdmin):
    list_display = ["username", "full_name", "unit", "email", "is_active", "is_staff", "last_login"]
    list_select_related = ["staff__unit"]
    search_fields = ["username", "email", "staff__full_name", "staff__code"]

    @admin.display(description="họ và tên", ordering="staff__full_name")
    def full_name(self, obj):
        return person_name(obj)

    @admin.display(description="đơn vị")
    def unit(self, obj):
        staff = getattr(obj, "staff", None)
        return staff.unit.name if staff else "—"


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PersonUserAdmin)
