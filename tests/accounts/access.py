"""Who may open the account pages: the office only (superusers too); everyone else gets 404, the director
included (accounts are the office's work, not the director's). Password reset pages are for anyone logged out."""

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.access import ACTORS, Case

OFFICE_PAGE = {"anonymous": "login", "clerk": 200, "director": 404, "head_a": 404, "head_b": 404, "council": 404, "staff": 404}
OFFICE_ACTION = {**OFFICE_PAGE, "clerk": 302}
EVERYONE = {actor: 200 for actor in ACTORS}
REDIRECT_ALL = {actor: 302 for actor in ACTORS}


def _staff_b(w):
    return {"pk": w.staff_b.pk}


def _staff_a(w):
    return {"pk": w.staff.staff.pk}


def _set_password_link(w):
    return {"uidb64": urlsafe_base64_encode(force_bytes(w.head_b.pk)), "token": default_token_generator.make_token(w.head_b)}


CASES = [
    Case("accounts:list", expect=OFFICE_PAGE),
    Case("accounts:staff", kwargs=_staff_a, expect=OFFICE_PAGE),
    Case("accounts:staff", kwargs=_staff_b, expect=OFFICE_PAGE),
    Case("accounts:create", kwargs=_staff_b, method="post", data=lambda w: {"username": "hai.dv", "roles": ["staff"]},
         expect=OFFICE_ACTION),
    Case("accounts:invite", kwargs=_staff_a, method="post", expect=OFFICE_ACTION),
    Case("accounts:deactivate", kwargs=_staff_a, method="post", data=lambda w: {"reason": "Nghỉ hưu"}, expect=OFFICE_ACTION),
    Case("accounts:reactivate", kwargs=_staff_a, method="post", data=lambda w: {"reason": "Trở lại"}, expect=OFFICE_ACTION),
    Case("accounts:leave", kwargs=_staff_b, method="post", data=lambda w: {"reason": "Chuyển công tác"}, expect=OFFICE_ACTION),
    Case("accounts:unit_head", kwargs=lambda w: {"pk": w.unit_b.pk}, expect=OFFICE_PAGE),
    # Setting one's password by email: open to anyone (a logged-in person may help a colleague type an address).
    Case("password_reset", expect=EVERYONE | {"anonymous": 200}),
    Case("password_reset", method="post", data=lambda w: {"email": "head_b@example.vn"}, expect=REDIRECT_ALL),
    Case("password_reset_done", expect=EVERYONE),
    # A valid link redirects once to the same page without the token in the URL (Django's rule).
    Case("password_reset_confirm", kwargs=_set_password_link, expect=REDIRECT_ALL),
    Case("password_reset_complete", expect=EVERYONE),
]
