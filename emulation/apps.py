"""AppConfigs of third-party apps, where the project names them for the office (in Vietnamese)."""

from axes.apps import AppConfig as BaseAxesConfig


class AxesConfig(BaseAxesConfig):
    """django-axes (login lockouts), shown in the admin as the office speaks of it. Its models' names are
    translated by the project's locale (locale/vi/LC_MESSAGES/django.po), since axes ships no Vietnamese."""

    verbose_name = "Đăng nhập và khóa tài khoản"
