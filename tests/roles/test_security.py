"""Protection: production settings pass Django's deployment checks, every POST needs a CSRF token, sessions
expire, passwords are validated, and login and logout speak Vietnamese."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import get_resolver
from django.urls.resolvers import URLResolver

from tests.test_access_matrix import url_patterns
from tests.urls import reverse

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "emulation.settings",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "thidua.sldtbxh.ninhthuan.gov.vn",
}


def _production_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_"))}
    return env | PRODUCTION


def test_deploy_check_with_production_values_reports_nothing():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=_production_env(), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_settings_secure_the_cookies_and_send_hsts():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_HTTPONLY, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=_production_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["False", "True", "True", "True", "31536000", "True", "True"], result.stderr


@pytest.mark.django_db
def test_a_post_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.clerk)
    response = client.post(reverse("admin:campaigns_unit_change", args=[world.unit_a.pk]), {"name": "Đổi"})
    assert response.status_code == 403
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    assert "_auth_user_id" in client.session


def test_no_view_of_the_project_is_exempt_from_csrf():

    def callbacks(resolver, prefix=""):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from callbacks(p, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern), p.callback

    exempt = sorted(route for route, callback in callbacks(get_resolver()) if getattr(callback, "csrf_exempt", False))
    assert exempt == []
    assert len(list(url_patterns())) > 50


def test_sessions_expire_and_end_with_the_browser():
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_SAVE_EVERY_REQUEST is True  # the age counts from the last request, not the login


@pytest.mark.django_db
def test_the_session_cookie_is_a_browser_session_cookie(world):
    client = Client()
    response = client.post(reverse("login"), {"username": "staff", "password": "mat-khau-thu-nghiem"})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"] is True
    assert client.session.get_expire_at_browser_close()


@pytest.mark.parametrize("password, message", [
    ("123456789012", "Mật khẩu này hoàn toàn là số."),
    ("ngan", "Mật khẩu này quá ngắn: cần ít nhất 10 ký tự."),
    ("hoanghoang", "Mật khẩu quá giống với Tên đăng nhập."),
    ("password1234", "Mật khẩu này quá phổ biến."),
])
def test_weak_passwords_are_refused_in_vietnamese(password, message):

    with pytest.raises(ValidationError) as refused:
        validate_password(password, User(username="hoanghoang"))
    assert any(m.startswith(message) for m in refused.value.messages), refused.value.messages


def test_a_long_passphrase_is_accepted():
    validate_password("Thi đua cải cách hành chính 2023!")


@pytest.mark.django_db
def test_login_and_logout_in_vietnamese(world):
    client = Client()
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in page and "Tên đăng nhập" in page and "Mật khẩu" in page
    client.force_login(world.staff)
    home = client.get(reverse("records:mine")).content.decode()
    assert "Đăng xuất" in home
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
