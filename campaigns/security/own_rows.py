"""The office may not move itself out of the conflict-of-interest rule in the admin.

An office user may not score a nominee of their own unit; their unit is the unit of the staff row linked to their
account. Were they free to edit that link in the admin, they could change their own staff row's unit or account,
or link their account to another unit's staff row, score, and change it back. So, for everyone but superusers:
their own staff row's account and unit, and the account of any staff row to or from their own account, stay as
they are, and the change is refused with a Vietnamese message (another office user or the technical
administrator makes it). Their own account's groups and permissions are not theirs to change either
(`refuse_own_account_change`, for any admin of accounts that lets the office change accounts)."""

from django import forms

OWN_ROW = (
    "Không thể tự đổi {what} của chính mình: đơn vị của tài khoản quyết định việc bạn không được đánh giá đối tượng "
    "của đơn vị mình (xung đột lợi ích). Hãy nhờ một cán bộ Văn phòng khác hoặc quản trị kỹ thuật thực hiện."
)


class StaffAdminForm(forms.ModelForm):
    """The admin's staff form, with the rule above. The admin sets `request_user` (StaffAdmin.get_form)."""

    request_user = None

    def clean(self):
        cleaned = super().clean()
        user = self.request_user
        if user is None or user.is_superuser:
            return cleaned
        before = None
        if self.instance.pk:
            before = type(self.instance).objects.filter(pk=self.instance.pk).values_list("user_id", "unit_id").first()
        old_user_id, old_unit_id = before or (None, None)
        new_user_id = getattr(cleaned["user"], "pk", None) if "user" in cleaned else old_user_id
        new_unit_id = getattr(cleaned["unit"], "pk", None) if "unit" in cleaned else old_unit_id
        if old_user_id == user.pk and new_user_id != user.pk:
            self.add_error("user", OWN_ROW.format(what="tài khoản gắn với hồ sơ cán bộ"))
        elif new_user_id == user.pk and old_user_id != user.pk:
            self.add_error("user", OWN_ROW.format(what="hồ sơ cán bộ gắn với tài khoản"))
        if old_user_id == user.pk and new_unit_id != old_unit_id:
            self.add_error("unit", OWN_ROW.format(what="đơn vị"))
        return cleaned


def staff_form_for(request, form_class):
    """A subclass of `form_class` that knows who is saving it."""
    return type(form_class.__name__, (form_class,), {"request_user": request.user})


def refuse_own_account_change(request, obj, form) -> str | None:
    """The message refusing a non-superuser's change to their own account's groups or permissions, or None."""
    if obj is None or request.user.is_superuser or obj.pk != request.user.pk:
        return None
    watched = {"groups", "user_permissions", "is_superuser", "is_staff"}
    if watched & set(getattr(form, "changed_data", [])):
        return OWN_ROW.format(what="nhóm quyền của tài khoản")
    return None
