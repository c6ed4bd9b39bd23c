"""System checks of the deployment. `manage.py` runs them before every command (migrate, db_worker, runserver…)
and emulation/wsgi.py before gunicorn serves: with DEBUG off the application refuses to start on the
development SECRET_KEY written in the repository."""

from django.conf import settings
from django.core import checks


def secret_key_errors():
    if settings.DEBUG:
        return []
    key = settings.SECRET_KEY or ""
    if key == settings.DEVELOPMENT_SECRET_KEY or key.startswith("django-insecure") or len(key) < 32:
        return [checks.Error(
            "SECRET_KEY là khóa phát triển ghi sẵn trong mã nguồn (hoặc quá ngắn) trong khi DEBUG tắt: "
            "ứng dụng không chạy với khóa này.",
            hint="Đặt biến môi trường SECRET_KEY là một chuỗi ngẫu nhiên dài (ví dụ: "
                 "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), "
                 "hoặc ghi nó vào tệp SECRET_KEY_FILE (mặc định var/secret_key).",
            id="ops.E001",
        )]
    return []


@checks.register(checks.Tags.security)
def check_secret_key(app_configs=None, **kwargs):
    return secret_key_errors()
