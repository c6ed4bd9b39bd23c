"""Login throttling: after 5 failures for one account (or from one address) the login is locked with a clear
Vietnamese message, until the office lifts the lockout in the admin."""

import pytest
from axes.models import AccessAttempt

from tests.roles.world import PASSWORD
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def _lock(client, username):
    for _ in range(5):
        response = _login(client, username, "sai-mat-khau")
    return response


def test_a_wrong_password_is_told_in_vietnamese_and_warns_of_the_lockout(client, world):
    response = _login(client, "head_a", "sai-mat-khau")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page and "sau 5 lần sai" in page


def test_five_failures_lock_the_account_even_for_the_right_password(client, world):
    response = _lock(client, "head_a")
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()
    response = _login(client, "head_a", PASSWORD)
    assert response.status_code == 429
    assert "liên hệ Văn phòng Sở" in response.content.decode()
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get(username="head_a")
    assert attempt.failures_since_start >= 5


def test_the_office_lifts_the_lockout_in_the_admin(client, world):
    w = world
    _lock(client, "head_a")
    office = client.__class__()
    office.force_login(w.clerk)
    changelist = reverse("admin:axes_accessattempt_changelist")
    page = office.get(changelist).content.decode()
    assert "head_a" in page and "Đang bị khóa" in page
    attempt = AccessAttempt.objects.get(username="head_a")
    response = office.post(changelist, {"action": "unlock", "_selected_action": [attempt.pk]})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="head_a").exists()
    response = _login(client, "head_a", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(w.head_a.pk)


def test_the_director_cannot_lift_a_lockout(client, world):
    w = world
    _lock(client, "head_a")
    director = client.__class__()
    director.force_login(w.director)
    attempt = AccessAttempt.objects.get(username="head_a")
    response = director.post(reverse("admin:axes_accessattempt_changelist"),
                             {"action": "unlock", "_selected_action": [attempt.pk]})
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username="head_a").exists()
