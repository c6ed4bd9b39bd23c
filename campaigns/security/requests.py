"""Garbage in a URL or a parameter is refused before any view or the admin reads it (a 400 or a 404, never a 500).

- Control characters (NUL, ESC, DEL…) in the path, in any query parameter or in any posted field, names
  included: PostgreSQL refuses NUL in text (a DataError, i.e. a 500, on the exports' `?phong-trao=%00` and the
  admin's list filters), and no field of ours takes them. Tab, line feed and carriage return stay allowed
  (textareas). The answer is a 400 page in Vietnamese that says why.
- Ids past the database's integer range (2^63 and more) in a URL: SQLite raises OverflowError on them. Every
  resolved URL argument, whatever its converter (`<int:pk>`, the admin's `<path:object_id>`), that is an integer
  or a string of digits out of range answers 404, like any id that does not exist.

Values that are in range and well-formed go on to the views, which read them through campaigns.params."""

import re
import uuid

from django.http import Http404, HttpResponseBadRequest
from django.template.loader import render_to_string

from campaigns.params import MAX_ID

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ADMIN_ID_ARGUMENTS = ("object_id", "content_type_id")
REASON = (
    "Địa chỉ hoặc dữ liệu gửi lên có ký tự điều khiển (như ký tự NUL) mà không ô nào chấp nhận. "
    "Vui lòng kiểm tra lại nội dung đã nhập hoặc đường dẫn, rồi thử lại."
)


def has_control_characters(request) -> bool:
    if CONTROL_CHARACTERS.search(request.path_info):
        return True
    sources = [request.GET]
    if request.method == "POST":
        sources.append(request.POST)
    for source in sources:
        for key, values in source.lists():
            if CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(v) for v in values if isinstance(v, str)):
                return True
    return False


def out_of_range(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value > MAX_ID
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return len(value) > 19 or int(value) > MAX_ID
    return False


class RefuseGarbageMiddleware:
    """A 400 for control characters anywhere in the request, a 404 for URL ids past the integer range."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request):
            html = render_to_string("400.html", {"reason": REASON}, request=request)
            return HttpResponseBadRequest(html)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if any(out_of_range(value) for value in (*view_args, *view_kwargs.values())):
            raise Http404("id out of range")
        # The admin takes its ids as text (`<path:object_id>`, and simple-history's version page
        # `<object id>/history/<history id>/` as positional groups); every model of ours has an integer or UUID
        # key, and simple-history's pages fail on anything else: what is not a key is no such object.
        ids = [*view_args, *(view_kwargs[k] for k in ADMIN_ID_ARGUMENTS if k in view_kwargs)]
        if any(not is_key(value) for value in ids):
            raise Http404("not an id")
        return None


def is_key(value) -> bool:
    """An integer key as text, or a UUID (the background jobs' key)."""
    if not isinstance(value, str):
        return False
    if value.isascii() and value.isdigit():
        return True
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
