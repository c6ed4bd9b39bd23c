"""An account that is switched off (a person who left, or an account the office locked) is logged out at its
very next request, whatever session it still holds: its session is flushed and the request goes on as
anonymous, so pages send it to the login page.

Django's ModelBackend already refuses to load an inactive user from a session (the request becomes anonymous),
but leaves the session itself in place; this ends it, and also covers a backend that would load inactive users."""

from django.contrib.auth import SESSION_KEY, logout


class ActiveAccountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if not user.is_active:
                logout(request)
        elif SESSION_KEY in request.session:
            # A session of an account that can no longer be loaded (switched off, or deleted): end it.
            request.session.flush()
        return self.get_response(request)
