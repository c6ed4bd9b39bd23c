"""An absolute session lifetime besides the idle one.

Sessions already end after SESSION_COOKIE_AGE of inactivity (8 hours) and when the browser closes, but a session
used every few hours would otherwise slide for ever. The time of login is kept in the session; once
SESSION_ABSOLUTE_SECONDS (12 hours by default, SESSION_ABSOLUTE_HOURS in the environment) have passed since, the
next request logs the account out, says why in Vietnamese, and goes on as an anonymous visitor (so the page
sends the visitor to the login page). Sessions from before this rule start counting at their next request."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

LOGIN_TIME = "_login_time"
EXPIRED = ("Phiên làm việc đã quá {hours} giờ kể từ khi đăng nhập nên đã kết thúc để bảo vệ tài khoản. "
           "Vui lòng đăng nhập lại.")


class AbsoluteSessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session_key = request.session.session_key
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.get(LOGIN_TIME)
            limit = settings.SESSION_ABSOLUTE_SECONDS
            if not isinstance(started, int) or started > now:
                request.session[LOGIN_TIME] = now
            elif now - started >= limit:
                logout(request)
                messages.warning(request, EXPIRED.format(hours=f"{limit / 3600:g}".replace(".", ",")))
        response = self.get_response(request)
        # A login during this request (login() gives the session a new key, even for the account already in it):
        # the clock starts again now.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and (
            LOGIN_TIME not in request.session or request.session.session_key != session_key
        ):
            request.session[LOGIN_TIME] = int(time.time())
        return response
