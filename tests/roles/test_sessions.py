"""Sessions end 12 hours after the login however active they are (besides the 8 idle hours and the browser's
closing): the next request logs the account out and the login page says why."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tests.roles.world import PASSWORD
from tests.urls import reverse

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = dt.datetime(2023, 11, 15, 8, 0, tzinfo=VN)


def logged_in(client):
    return "_auth_user_id" in client.session


def test_an_active_session_ends_twelve_hours_after_the_login(world, time_machine):
    time_machine.move_to(MORNING, tick=False)
    client = Client()
    assert client.post(reverse("login"), {"username": "staff", "password": PASSWORD}).status_code == 302
    page = reverse("records:mine")
    # Used every four hours: never idle for eight, still logged in at 19:59...
    for hours in (4, 8, 11.98):
        time_machine.move_to(MORNING + dt.timedelta(hours=hours), tick=False)
        assert client.get(page).status_code == 200, hours
        assert logged_in(client)
    # ...and logged out at 20:00, twelve hours after the login.
    time_machine.move_to(MORNING + dt.timedelta(hours=12), tick=False)
    response = client.get(page)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not logged_in(client)
    login_page = client.get(response["Location"]).content.decode()
    assert "Phiên làm việc đã quá 12 giờ kể từ khi đăng nhập nên đã kết thúc" in login_page
    # Logging in again starts a new twelve hours.
    assert client.post(reverse("login"), {"username": "staff", "password": PASSWORD}).status_code == 302
    time_machine.move_to(MORNING + dt.timedelta(hours=19), tick=False)
    assert client.get(page).status_code == 200 and logged_in(client)


def test_the_absolute_lifetime_is_a_setting(world, time_machine, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    time_machine.move_to(MORNING, tick=False)
    client = Client()
    client.post(reverse("login"), {"username": "staff", "password": PASSWORD})
    time_machine.move_to(MORNING + dt.timedelta(minutes=59), tick=False)
    assert client.get(reverse("records:mine")).status_code == 200
    time_machine.move_to(MORNING + dt.timedelta(minutes=60), tick=False)
    assert client.get(reverse("records:mine")).status_code == 302 and not logged_in(client)


def test_the_idle_limit_still_applies_on_its_own(world, time_machine):
    time_machine.move_to(MORNING, tick=False)
    client = Client()
    client.post(reverse("login"), {"username": "staff", "password": PASSWORD})
    time_machine.move_to(MORNING + dt.timedelta(hours=8, minutes=1), tick=False)
    assert client.get(reverse("records:mine")).status_code == 302 and not logged_in(client)

