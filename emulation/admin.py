"""The admin site: for the office and the director (and superusers) only.

Unit heads, council members and staff are refused whatever their `is_staff` flag says: entry follows the rule
campaigns.enter_admin (campaigns/rules.py), as the pages do. Inside, what a role may do is its group's permissions (kept by
`sync_roles`), and the audit trail is read-only for everybody: simple-history's "revert to this version" is off
(SIMPLE_HISTORY_REVERT_DISABLED) and its version page refuses to save anything, whatever the permissions."""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied

from campaigns.rules import may
from emulation import admin_lists


def may_enter_admin(user):
    return may(user, "campaigns.enter_admin")


class EmulationAdminSite(admin.AdminSite):
    site_header = "Thi đua - Khen thưởng"
    site_title = "Thi đua - Khen thưởng"
    index_title = "Quản trị"

    def has_permission(self, request):
        return may_enter_admin(request.user)

    def get_app_list(self, request, app_label=None):
        """Built once per request: the navigation sidebar (each_context) and the index both ask for it, and each
        build asks every registered model's permissions."""
        built = request.__dict__.setdefault("_admin_app_list", {})
        if app_label not in built:
            built[app_label] = super().get_app_list(request, app_label)
        return built[app_label]

    def _build_app_dict(self, request, label=None):
        return admin_lists.app_dict(self, request, label)  # Django's, with its links reversed once per process

    def admin_view(self, view, cacheable=False):
        if _is_history_version_view(view):
            view = _read_only(view)
        return super().admin_view(view, cacheable)


def _is_history_version_view(view):
    from simple_history.admin import SimpleHistoryAdmin  # noqa: PLC0415 — imported while the app registry loads (INSTALLED_APPS)

    return getattr(view, "__name__", "") == "history_form_view" and isinstance(getattr(view, "__self__", None), SimpleHistoryAdmin)


def _read_only(view):
    """A past version may be looked at, never saved back (that would be an edit made through the history)."""

    @wraps(view)
    def inner(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("Lịch sử thay đổi chỉ để xem, không thể sửa hoặc khôi phục.")
        return view(request, *args, **kwargs)

    return inner


class EmulationAdminConfig(AdminConfig):
    """Replaces "django.contrib.admin" in INSTALLED_APPS: the same admin, with our site."""

    default_site = "emulation.admin.EmulationAdminSite"

    def ready(self):
        from campaigns.fields import install_admin_defaults, install_admin_money_display  # noqa: PLC0415 — touches the admin while the app registry loads

        install_admin_defaults()  # before the admins are built: numbers typed the Vietnamese way everywhere
        install_admin_money_display()
        admin_lists.install()  # less work per row in every model admin's list (emulation/admin_lists.py)
        super().ready()  # autodiscovers every app's admin, campaigns.admin.accounts (roles, lockouts) included
