"""Login throttling: after 5 failures for one account (or from one address) the login is locked with a clear
Vietnamese message, until the office lifts the lockout in the admin."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

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


# --- Per account and per address, separately (issue 15) -------------------------------------------------------

def _from(client, address, username, password, *, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def _failures(**lookup):
    return sum(AccessAttempt.objects.filter(**lookup).values_list("failures_since_start", flat=True))


def test_a_correct_login_to_ones_own_account_does_not_clear_a_victims_failures(world):
    """The probe's bypass: four wrong passwords for the victim, then one's own correct login from the same
    address, again and again. The victim is locked at the fifth failure all the same."""
    attacker = Client()
    answers = []
    for _ in range(2):
        for _ in range(4):
            answers.append(_from(attacker, "192.0.2.10", "head_a", "sai-mat-khau").status_code)
        own = Client()
        assert _from(own, "192.0.2.10", "head_b", PASSWORD).status_code == 302
    assert answers[:4] == [200] * 4 and answers[4] == 429  # the fifth failure locks the victim
    assert _failures(username="head_a") >= 5
    victim = Client()
    response = _from(victim, "198.51.100.20", "head_a", PASSWORD)
    assert response.status_code == 429 and "_auth_user_id" not in victim.session
    assert "Tài khoản tạm khóa" in response.content.decode()


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_own_address(world, settings):
    """Every request reaches the application from the proxy (10.0.0.1); the client is the address the proxy
    appended to X-Forwarded-For. A guesser spraying many accounts locks its own address only."""
    settings.TRUSTED_PROXY_COUNT = 1
    guesser = Client()
    statuses = [
        _from(guesser, "10.0.0.1", f"nguoi_{n}", "sai-mat-khau", forwarded="203.0.113.7").status_code
        for n in range(30)
    ]
    assert statuses == [200] * 29 + [429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    # The guesser's address is locked even for a real account and password...
    assert _from(guesser, "10.0.0.1", "head_a", PASSWORD, forwarded="203.0.113.7").status_code == 429
    # ...while a colleague reaching the same proxy from elsewhere logs in (a forged left part changes nothing).
    colleague = Client()
    response = _from(colleague, "10.0.0.1", "head_b", PASSWORD, forwarded="203.0.113.7, 198.51.100.2")
    assert response.status_code == 302
    assert colleague.session["_auth_user_id"] == str(world.head_b.pk)


def test_without_trusted_proxies_a_forged_forwarded_for_header_is_ignored(world, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    attacker = Client()
    statuses = [
        _from(attacker, "192.0.2.66", "head_a", "sai-mat-khau", forwarded=f"198.51.100.{n}").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.66"}
    # Forging a new address on every try does not escape the address limit either.
    for n in range(30):
        last = _from(attacker, "192.0.2.66", f"nguoi_{n}", "sai-mat-khau", forwarded=f"198.51.100.{n}")
    assert last.status_code == 429
    assert _failures(ip_address="192.0.2.66") >= 30


def test_in_an_office_behind_one_address_one_persons_mistakes_lock_only_that_person(world):
    """Everyone at the office reaches the application from the same NAT address (192.0.2.1)."""
    office = "192.0.2.1"
    # Colleagues mistype and then log in: their own failures are cleared, the address keeps nothing of them.
    for username in ("clerk", "head_b", "director", "council", "staff"):
        c = Client()
        assert _from(c, office, username, "sai-mat-khau").status_code == 200
        assert _from(c, office, username, "sai-mat-khau").status_code == 200
        assert _from(c, office, username, PASSWORD).status_code == 302
    assert _failures(ip_address=office) == 0
    # One person fails five times: that account is locked, nobody else's.
    careless = Client()
    statuses = [_from(careless, office, "head_a", "sai-mat-khau").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    for username in ("clerk", "head_b", "staff"):
        c = Client()
        assert _from(c, office, username, PASSWORD).status_code == 302, username
    assert _from(Client(), office, "head_a", PASSWORD).status_code == 429
    # The address as a whole is locked only at 30 failures within the cool-off hour (tries on a locked account
    # count too).
    left = 30 - _failures(ip_address=office)
    assert left == 24
    stranger = Client()
    statuses = [_from(stranger, office, f"nguoi_{n}", "sai-mat-khau").status_code for n in range(left)]
    assert statuses == [200] * (left - 1) + [429]
    assert _from(Client(), office, "clerk", PASSWORD).status_code == 429
